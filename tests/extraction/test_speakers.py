"""Canonical speaker names: every mention maps to the fullest name in the article."""

from __future__ import annotations

from bot.extraction import extract_article
from bot.extraction.speakers import SpeakerRegistry, find_mentions, name_from_handle, nice_case


def registry_of(*names: str) -> SpeakerRegistry:
    registry = SpeakerRegistry()
    for position, name in enumerate(names):
        registry.learn(name, position)
    return registry


def test_short_forms_map_to_the_fullest_name() -> None:
    registry = registry_of("Maria Lopez", "Tom Grant")
    assert registry.canonical("Lopez") == "Maria Lopez"
    assert registry.canonical("Maria") == "Maria Lopez"
    assert registry.canonical("MARIA LOPEZ") == "Maria Lopez"
    assert registry.canonical("@marialopez") == "Maria Lopez"
    assert registry.canonical("#MariaLopez") == "Maria Lopez"
    assert registry.canonical("Lopez’s") == "Maria Lopez"
    assert registry.canonical("Nobody") == "Nobody"


def test_a_shared_surname_goes_to_the_first_person_introduced_and_is_flagged() -> None:
    registry = registry_of("Maria Lopez", "Ana Lopez")
    assert registry.canonical("Lopez") == "Maria Lopez"
    assert "lopez" in registry.ambiguous
    assert registry.canonical("Ana") == "Ana Lopez"


def test_titles_are_stripped_for_matching_and_kept() -> None:
    text = "Former Harbour Board chair Maria Lopez and U.S. Sen. Tom Grant of Oregon met."
    found = {m.name: m.title for m in find_mentions(text)}
    assert "Maria Lopez" in found
    assert found["Tom Grant"] == "U.S. Sen."
    article = extract_article(
        "Harbour chief Maria Lopez spoke. “The bridge comes first for us,” Lopez said."
    )
    (quote,) = article.quotes
    assert quote.speaker == "Maria Lopez"
    assert article.speakers[0].title == "Harbour chief"
    assert "Lopez" in article.speakers[0].aliases


def test_name_case_and_handles() -> None:
    assert nice_case("MARIA LOPEZ") == "Maria Lopez"
    assert nice_case("CNN") == "CNN"
    assert nice_case("marshmello") == "marshmello"
    assert name_from_handle("maria", "@Maria_Lopez") == "Maria Lopez"
    assert name_from_handle("Maria Lopez", "@ml") == "Maria Lopez"
    assert name_from_handle(None, "@someone_else") is None


def test_a_capitalised_common_word_is_not_a_person() -> None:
    names = [m.name for m in find_mentions("After the West wing closed, On Monday the")]
    assert "After" not in names and "On Monday" not in names


def test_a_quote_from_an_ambiguous_short_name_is_flagged_in_its_rule() -> None:
    article = extract_article("Maria Lopez and Ana Lopez met. “We will rebuild it,” Lopez said.")
    (quote,) = article.quotes
    assert quote.speaker == "Maria Lopez"
    assert quote.rule.endswith("+ambiguous-name")
