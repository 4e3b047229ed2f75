"""`quotebot extract PATH [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

ARTICLE = (
    "date 2021-05-01 Harbour chief Maria Lopez spoke on Monday.\n\n"
    "“We will rebuild the bridge by spring,” Lopez said.\n\n"
    "new bridge soon! — Maria Lopez (@marialopez) May 1, 2021\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_human_output_lists_speaker_kind_and_quote(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(article_file)]) == 0
    out = capsys.readouterr().out
    assert "2 quotations" in out
    assert "Maria Lopez — inline" in out and "Maria Lopez — tweet" in out
    assert "“We will rebuild the bridge by spring,”" in out


def test_json_output_has_article_metadata_and_quotes(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--json", str(article_file)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["id"] == "bridge"
    assert data["article"]["date"] == "2021-05-01"
    assert data["article"]["source"] == str(article_file)
    first, tweet = data["quotes"]
    assert first["text"] == "We will rebuild the bridge by spring,"
    assert first["speaker"] == "Maria Lopez" and first["kind"] == "inline"
    assert tweet["kind"] == "tweet" and tweet["handle"] == "@marialopez"
    assert tweet["date"] == "2021-05-01"
    for key in ("id", "paragraph", "partial", "rule", "speaker_title"):
        assert key in first


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary\x00" * 50, "not text")],
)
def test_bad_files_give_a_message_on_stderr_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["extract", str(path)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    assert "No such article file" in capsys.readouterr().err
