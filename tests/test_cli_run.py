"""Starting the bot from the command line: no token, a rejected token, no terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sample_library import sample_library

from bot import cli
from bot.answers import Library
from bot.settings import Settings

SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-that-must-never-be-printed"


def run_quotebot(
    *args: str, cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "QUOTEBOT_"))}
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_bare_quotebot_without_token_or_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_quotebot(cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr


def test_run_without_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_quotebot("run", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0]


def test_an_empty_token_in_dotenv_counts_as_missing(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n", encoding="utf-8")
    assert run_quotebot("run", cwd=tmp_path).returncode == 2


class _Unauthorized(BaseHTTPRequestHandler):
    """Answers every request the way Discord answers a bad token."""

    def do_GET(self) -> None:
        body = json.dumps({"message": "401: Unauthorized", "code": 0}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def unauthorized_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v10"
    finally:
        server.shutdown()
        server.server_close()


def test_rejected_token_is_one_line_and_never_printed(
    tmp_path: Path, unauthorized_api: str
) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={SECRET}\n", encoding="utf-8")
    log_file = tmp_path / "quotebot.log"
    script = (
        "import sys, discord.http\n"
        f"discord.http.Route.BASE = {unauthorized_api!r}\n"
        "from bot.cli import main\n"
        "sys.exit(main(['run']))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "QUOTEBOT_"))}
    env.update({"QUOTEBOT_LOG_LEVEL": "DEBUG", "QUOTEBOT_LOG_FILE": str(log_file)})
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert SECRET not in log_file.read_text(encoding="utf-8")
    assert "Discord rejected DISCORD_TOKEN" in result.stderr
    complaint = [line for line in result.stderr.splitlines() if line.startswith("quotebot:")]
    assert len(complaint) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bare_quotebot_on_a_terminal_starts_the_console_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    def fake_load(settings: Settings) -> Library:
        return sample_library()

    monkeypatch.setattr("bot.startup.load_library", fake_load)
    monkeypatch.setattr(sys, "stdin", _Terminal("/whosaid dragon energy\n/quit\n"))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert cli.main([]) == 0
    assert "Kanye West" in terminal.getvalue()
    assert "quotebot>" in terminal.getvalue()  # a prompt on a terminal
    assert "no DISCORD_TOKEN is set, so starting the offline console" in capsys.readouterr().err
