"""The seed article: every hand-labelled quotation found, with the right speaker."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from bot.extraction import read_article_file
from bot.models import Article
from bot.paths import bundled_article_files

ROOT = Path(__file__).resolve().parents[2]
# The hand labels travel with the tests; the shared copy, when present, must say the same.
SEED_LABELS = ROOT / "tests" / "seed-expected-quotes.json"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "expected-quotes.json"
SEED_NAME = "article-2018-04-26-kanye-west-john-legend"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[“”„«»]", '"', text)
    text = re.sub(r"[‘’‚‹›]", "'", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:!?\"'").casefold()


@pytest.fixture(scope="module")
def seed_article() -> Article:
    (path,) = [p for p in bundled_article_files() if p.stem == SEED_NAME]
    return read_article_file(path)


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    data: dict[str, object] = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
    return data


def test_the_labels_in_the_repository_match_the_shared_seed_labels() -> None:
    if not SHARED_SEED.is_file():
        pytest.skip(f"no shared seed labels at {SHARED_SEED} to compare with")
    shared = json.loads(SHARED_SEED.read_text(encoding="utf-8"))
    assert json.loads(SEED_LABELS.read_text(encoding="utf-8")) == shared


def test_every_expected_quote_is_found_with_its_speaker(
    seed_article: Article, expected: dict[str, object]
) -> None:
    gold = expected["quotes"]
    assert isinstance(gold, list) and len(gold) == 19
    remaining = list(seed_article.quotes)
    for item in gold:
        key = _normalise(item["text"])
        match = next((q for q in remaining if _normalise(q.text) == key), None)
        assert match is not None, f"not found: {item['text']!r}"
        remaining.remove(match)
        assert match.speaker == item["speaker"], (item["text"], match.speaker, match.rule)
        assert match.kind == item["kind"], item["text"]
    assert remaining == [], f"unexpected extra quotes: {[q.text for q in remaining]}"


def test_scare_quote_signed_is_not_reported(seed_article: Article) -> None:
    assert all(_normalise(q.text) != "signed" for q in seed_article.quotes)


def test_seed_metadata_and_tweet_details(seed_article: Article) -> None:
    assert seed_article.date == "2018-04-26"
    assert seed_article.author == "Dylan Gwinn"
    tweets = [q for q in seed_article.quotes if q.kind == "tweet"]
    assert len(tweets) == 7
    rosie = next(q for q in tweets if q.text.startswith("hes a fucking moron"))
    assert rosie.speaker == "Rosie O’Donnell"
    assert rosie.handle == "@Rosie"
    assert rosie.date == "2018-04-25"
    assert all(q.rule for q in seed_article.quotes)
    assert len({q.id for q in seed_article.quotes}) == len(seed_article.quotes)


def test_speakers_carry_aliases_handles_and_titles(seed_article: Article) -> None:
    speakers = {s.name: s for s in seed_article.speakers}
    assert set(speakers) == {"Kanye West", "John Legend", "Rosie O’Donnell", "James Gunn"}
    assert "@kanyewest" in speakers["Kanye West"].aliases
    assert "West" in speakers["Kanye West"].aliases
    assert speakers["Rosie O’Donnell"].handle == "@Rosie"
    assert speakers["James Gunn"].title == "Guardians of the Galaxy director"
