"""``quotebot ask``: the JSON shape DESIGN.md promises, and readable text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import Library
from bot.ask import answer_json
from bot.cli import main

from .seed import extracted_seed_article

LIBRARY = Library([extracted_seed_article()])


def test_json_for_a_match_lists_the_best_first() -> None:
    result = answer_json(LIBRARY.who_said("who said “dragon enrgy”?"), LIBRARY)
    assert result["query"] == "dragon enrgy"
    assert result["status"] == "match"
    best = result["matches"][0]
    assert best["speaker"] == "Kanye West"
    assert best["kind"] == "tweet"
    assert best["article"] == LIBRARY.articles[0].id
    assert best["date"] == "2018-04-25"  # the tweet's own date
    assert 0 <= best["score"] <= 100
    assert {"text", "id"} <= set(best)
    json.dumps(result)


def test_json_for_no_match_has_empty_matches_and_nearest() -> None:
    result = answer_json(LIBRARY.who_said("I have a dream"), LIBRARY)
    assert result["status"] == "no_match"
    assert result["matches"] == []
    assert result["nearest"]
    assert result["narration"] is None


def test_json_for_narration_has_no_speaker() -> None:
    result = answer_json(LIBRARY.who_said("torrent of scorn from Hollywood elites"), LIBRARY)
    assert result["status"] == "narration"
    assert result["matches"] == []
    assert result["narration"]["kind"] == "narration"
    assert result["narration"]["speaker"] is None
    assert result["narration"]["author"] == "Dylan Gwinn"


def test_json_for_ambiguous_lists_alternatives() -> None:
    result = answer_json(LIBRARY.who_said("empathy"), LIBRARY)
    assert result["status"] == "ambiguous"
    assert len(result["matches"]) == 1 + len(result["alternatives"]) >= 2


def test_ask_with_a_missing_data_path_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ask", "--data", str(tmp_path / "nope"), "dragon energy"])
    assert code != 0
    assert "nope" in capsys.readouterr().err


def test_ask_prints_json_for_the_bundled_articles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "who said dragon enrgy?", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "match"
    assert result["matches"][0]["speaker"] == "Kanye West"


def test_ask_prints_readable_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "wake from the ilusion"]) == 0
    out = capsys.readouterr().out
    assert "Rosie O’Donnell" in out and "wake from the illusion" in out


def test_ask_reads_a_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(
        "“The moon is made of cheese,” said Ada Lovelace, a mathematician.\n", encoding="utf-8"
    )
    assert main(["ask", "--data", str(tmp_path), "moon made of cheese", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [m["speaker"] for m in result["matches"]] == ["Ada Lovelace"]
