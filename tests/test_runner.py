"""The bot process: a clean stop on SIGTERM/SIGINT, and logs that never show the token."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.logging_setup import RedactFilter, logging_configured
from bot.settings import Settings

TESTS = Path(__file__).resolve().parent

SCRIPT = """
import asyncio, os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
import discord
from fakediscord import BOT_TOKEN, FakeDiscord
from sample_library import sample_library
from bot.runner import serve
from bot.settings import Settings

async def main():
    fake = FakeDiscord()
    await fake.start()
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = fake.gateway_url

    async def stop_once_connected():
        await fake.wait_until(lambda: bool(fake.identifies), timeout=10)
        os.kill(os.getpid(), signal.{signame})

    stopper = asyncio.create_task(stop_once_connected())
    await serve(
        Settings(), BOT_TOKEN, library=sample_library(), guild_ready_timeout=0.05,
        sync_state_path=Path({state!r}),
    )
    await stopper
    await fake.stop()
    print("stopped cleanly")

asyncio.run(main())
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_bot_cleanly(signame: str, tmp_path: Path) -> None:
    script = SCRIPT.format(tests=str(TESTS), signame=signame, state=str(tmp_path / "s.json"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "stopped cleanly" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_token_is_redacted_from_every_log_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "abc.def.secret-token"
    log_file = tmp_path / "logs" / "bot.log"
    with logging_configured(Settings(log_file=log_file), secret=secret):
        logging.getLogger("discord.gateway").warning("identify with %s", secret)
        logging.getLogger("bot").error("token=" + secret)
    err = capsys.readouterr().err
    assert secret not in err and err.count("<token>") == 2
    assert secret not in log_file.read_text(encoding="utf-8")
    assert "<token>" in log_file.read_text(encoding="utf-8")


def test_redaction_leaves_other_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    assert RedactFilter("secret").filter(record)
    assert record.getMessage() == "hello world"
