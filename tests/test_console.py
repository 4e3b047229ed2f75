"""The offline console: slash commands typed on stdin, answers as text on stdout."""

from __future__ import annotations

import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sample_library import LONG_TEXT, sample_library

from bot.console import Console

ROOT = Path(__file__).resolve().parent.parent


def session(*lines: str) -> str:
    """Everything the console prints for the typed lines, then end of input."""
    out = io.StringIO()
    code = Console(sample_library()).run(io.StringIO("".join(f"{x}\n" for x in lines)), out)
    assert code == 0
    return out.getvalue()


def test_whosaid_names_the_speaker_and_gives_the_exact_words() -> None:
    out = session("/whosaid dragon enrgy")
    assert "Kanye West" in out
    assert "“We are both dragon energy. He is my brother.”" in out
    assert "tweet" in out and "paragraph 2" in out


def test_discord_style_options_and_plain_text_work_like_whosaid() -> None:
    assert "Rosie O’Donnell" in session("/whosaid text: wake from the illusion")
    assert "Rosie O’Donnell" in session("wake from the illusion")


def test_narration_is_reported_as_narration_with_its_author() -> None:
    out = session("/whosaid the ongoing feud on thursday")
    assert "narration" in out and "Dana Writer" in out
    assert "Kanye West" not in out


def test_nothing_confident_says_so() -> None:
    assert "No quote matches" in session("/whosaid zebra crossing quantum lasagne")


def test_empty_query_asks_for_words() -> None:
    assert "Type a few words" in session("/whosaid")


def test_quotes_by_alias_and_unknown_speaker() -> None:
    out = session("/quotes West")
    assert "Kanye West: 1 quote" in out and "dragon energy" in out
    assert "I don't know anyone called “Zorblax”" in session("/quotes Zorblax")


def test_quote_random_by_speaker() -> None:
    out = session("/quote random rosie")
    assert "wake from the illusion" in out and "Rosie O’Donnell" in out


def test_verify_says_who_really_said_it() -> None:
    out = session('/verify "Kanye West" wake from the illusion')
    assert out.startswith("No: Kanye West did not say that; Rosie O’Donnell did.")
    assert "Yes: Kanye West said it" in session("/verify speaker: kanye text: dragon energy")
    assert "Usage" in session("/verify kanye")


def test_speakers_and_articles_hide_other_servers_articles() -> None:
    out = session("/speakers", "/articles", "/articles local", "/article info local")
    assert "Kanye West: 1 quote" in out and "John Legend: 2 quotes" in out
    assert "Mara Mayor" not in out
    assert out.count("No article with id 'local'") == 2


def test_help_lists_every_command() -> None:
    out = session("/help")
    for usage in ("/whosaid", "/quotes", "/quote random", "/verify", "/speakers", "/articles"):
        assert usage in out


def test_articles_lists_and_shows_one_in_detail() -> None:
    out = session("/articles", "/articles music", "/article info music")
    assert "[music] Singers argue on Twitter (Example News), 2018-04-26: 5 quotes" in out
    assert out.count("author: Dana Writer") == 2


def test_unknown_command_and_quit_stop_cleanly() -> None:
    out = session("/frobnicate", "/quit", "/whosaid dragon energy")
    assert "Unknown command /frobnicate" in out
    assert "Kanye West" not in out  # nothing is read after /quit


@pytest.mark.parametrize(
    "line",
    ["@everyone", "\x00\x01\x02", "“" * 50, LONG_TEXT * 3, '/verify "unbalanced', "🙂" * 500],
)
def test_odd_input_gets_an_answer_not_a_crash(line: str) -> None:
    out = session(line, "/whosaid dragon energy")
    assert "Something went wrong" not in out
    assert "Kanye West" in out  # the console is still answering


def _extractor_ready() -> bool:
    return hasattr(importlib.import_module("bot.extraction"), "read_article_file")


@pytest.mark.skipif(not _extractor_ready(), reason="the article extractor is not available")
def test_python_m_bot_console_answers_from_the_bundled_article(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "QUOTEBOT_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/help\n/whosaid dragon energy\n/quotes @Rosie\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no .env here
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/whosaid" in result.stdout
    assert "Kanye West" in result.stdout
    assert "Rosie O’Donnell" in result.stdout
    assert "Traceback" not in result.stderr
