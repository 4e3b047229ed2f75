"""``quotebot ask``: the JSON shape DESIGN.md promises, and readable text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import Library
from bot.ask import answer_json
from bot.cli import main

from .seed import labelled_seed_article

LIBRARY = Library([labelled_seed_article()])


def test_json_for_a_match_lists_the_best_first() -> None:
    result = answer_json(LIBRARY.who_said("who said “dragon enrgy”?"), LIBRARY)
    assert result["query"] == "dragon enrgy"
    assert result["status"] == "match"
    best = result["matches"][0]
    assert best["speaker"] == "Kanye West"
    assert best["kind"] == "tweet"
    assert best["article"] == "seed"
    assert best["date"] == "2018-04-26"
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
