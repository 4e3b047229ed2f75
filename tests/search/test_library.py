"""The answer layer: speakers by any form of their name, verify, random quotes, articles
added and removed, and guild-scoped articles staying in their guild."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.answers import Library
from bot.errors import NotFoundError
from bot.models import Article, Quote

from .seed import extracted_seed_article

KANYE = "Kanye West"
ROSIE = "Rosie O’Donnell"


@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("Kanye West", KANYE),
        ("kanye", KANYE),
        ("West", KANYE),
        ("@kanyewest", KANYE),
        ("KANYE WEST", KANYE),
        ("Kayne West", KANYE),
        ("rosie", ROSIE),
        ("Rosie O'Donnell", ROSIE),
        ("odonnell", ROSIE),
        ("@Rosie", ROSIE),
        ("gunn", "James Gunn"),
        ("jon legnd", "John Legend"),
        ("singer John Legend", "John Legend"),
    ],
)
def test_a_speaker_is_found_by_any_form_of_the_name(
    seed_library: Library, typed: str, speaker: str
) -> None:
    assert seed_library.resolve_speaker(typed).speaker == speaker


@pytest.mark.parametrize("typed", ["", "   ", "Barack Obama", "zzz"])
def test_unknown_names_resolve_to_nobody(seed_library: Library, typed: str) -> None:
    assert seed_library.resolve_speaker(typed).speaker is None


def test_a_shared_first_letter_lists_candidates(seed_library: Library) -> None:
    names = seed_library.speaker_names_matching("j")
    assert names == ["James Gunn", "John Legend"]
    assert seed_library.speaker_names_matching("@ro") == [ROSIE]
    assert len(seed_library.speaker_names_matching("", limit=2)) == 2


def test_quotes_by_a_speaker_are_all_theirs(seed_library: Library) -> None:
    result = seed_library.quotes_by("rosie")
    assert result.speaker == ROSIE
    assert len(result.quotes) == 3
    assert {q.speaker for q in result.quotes} == {ROSIE}


def test_quotes_by_an_unknown_name_is_empty(seed_library: Library) -> None:
    result = seed_library.quotes_by("Barack Obama")
    assert result.speaker is None and result.quotes == []


def test_speakers_are_listed_most_quoted_first(seed_library: Library) -> None:
    summaries = seed_library.speakers()
    assert summaries[0].name == KANYE
    counts = {s.name: s.quote_count for s in summaries}
    assert counts == {KANYE: 9, "John Legend": 5, ROSIE: 3, "James Gunn": 2}
    kanye = summaries[0]
    assert "West" in kanye.aliases and kanye.handle == "@kanyewest"


def test_verify_names_who_really_said_it(seed_library: Library) -> None:
    result = seed_library.verify("Kanye West", "wake from the illusion")
    assert result.verdict == "no_other_speaker"
    assert result.claimed_speaker == KANYE
    assert result.actual_speaker == ROSIE
    assert result.match is not None
    assert "wake from the illusion" in result.match.quote.text


def test_verify_confirms_and_shows_how_the_wording_differs(seed_library: Library) -> None:
    result = seed_library.verify("rosie", "wake up from the ilusion")
    assert result.verdict == "yes"
    assert result.actual_speaker == ROSIE
    assert result.differences is not None
    assert "illusion" in result.differences and "up" in result.differences


def test_verify_exact_words_have_no_differences(seed_library: Library) -> None:
    result = seed_library.verify("Kanye", "We are both dragon energy.")
    assert result.verdict == "yes"
    assert result.differences is None


def test_verify_words_nobody_said(seed_library: Library) -> None:
    assert seed_library.verify("Kanye", "four score and seven years ago").verdict == (
        "no_such_quote"
    )


def test_verify_an_unknown_speaker_still_says_who_did(seed_library: Library) -> None:
    result = seed_library.verify("Barack Obama", "dragon energy")
    assert result.verdict == "unknown_speaker"
    assert result.actual_speaker == KANYE


def test_random_quote_is_reproducible_and_by_the_speaker(seed_library: Library) -> None:
    first = seed_library.random_quote("gunn", rng=random.Random(7))
    again = seed_library.random_quote("gunn", rng=random.Random(7))
    assert first == again and first.speaker == "James Gunn"
    assert seed_library.random_quote(rng=random.Random(1)).text


def test_random_quote_raises_for_unknown_speakers_and_empty_libraries() -> None:
    with pytest.raises(NotFoundError):
        Library().random_quote()
    with pytest.raises(NotFoundError):
        Library([extracted_seed_article()]).random_quote("Barack Obama")


def test_an_article_added_later_is_searchable_and_removable() -> None:
    library = Library([extracted_seed_article()])
    extra = Article(
        id="later",
        paragraphs=("“The moon is made of cheese,” said Ada Lovelace.",),
        quotes=(Quote("The moon is made of cheese,", "Ada Lovelace", paragraph=1),),
    )
    added = library.add_article(extra)
    assert added.quotes[0].id and added.quotes[0].article_id == "later"
    answer = library.who_said("moon made of cheese")
    assert answer.status == "match" and answer.best is not None
    assert answer.best.quote.speaker == "Ada Lovelace"
    assert library.get_quote(added.quotes[0].id) == added.quotes[0]
    library.remove_article("later")
    assert library.who_said("moon made of cheese").status == "no_match"
    assert library.resolve_speaker("Ada Lovelace").speaker is None
    with pytest.raises(NotFoundError):
        library.remove_article("later")


def test_guild_articles_stay_in_their_guild() -> None:
    library = Library([extracted_seed_article()])
    private = Article(
        id="private",
        paragraphs=("“Pineapple belongs on pizza,” said Grace Hopper.",),
        quotes=(Quote("Pineapple belongs on pizza,", "Grace Hopper", paragraph=1),),
        guild_id=42,
    )
    library.add_article(private)
    assert library.who_said("pineapple on pizza", guild_id=42).status == "match"
    assert library.who_said("pineapple on pizza", guild_id=7).status == "no_match"
    assert library.who_said("pineapple on pizza").status == "no_match"
    assert library.resolve_speaker("Grace Hopper", guild_id=42).speaker == "Grace Hopper"
    assert library.resolve_speaker("Grace Hopper").speaker is None
    assert "Grace Hopper" not in {s.name for s in library.speakers()}
    # bundled articles are visible in every guild
    assert library.who_said("dragon energy", guild_id=42).status == "match"


def test_replacing_an_article_keeps_one_copy() -> None:
    library = Library([extracted_seed_article()])
    article = library.articles[0]
    library.add_article(replace(article, title="Retitled"))
    assert len(library.articles) == 1
    answer = library.who_said("dragon energy")
    assert answer.status == "match"


def test_suggest_previews_quotes_while_typing(seed_library: Library) -> None:
    assert seed_library.suggest("") == []
    suggestions = seed_library.suggest("drag", limit=3)
    assert 0 < len(suggestions) <= 3
    assert suggestions[0].quote.speaker == KANYE


_ANIMALS = (
    "otter",
    "falcon",
    "badger",
    "heron",
    "lynx",
    "walrus",
    "gecko",
    "bison",
    "stoat",
    "crane",
)
_PLACES = ("harbour", "orchard", "quarry", "meadow", "lagoon", "canyon")


def _numbered_article(number: int, speaker: str) -> Article:
    animal, place = _ANIMALS[number % 10], _PLACES[number // 10 % 6]
    words = f"the {animal} of the {place} never sleeps before the lanterns burn out"
    return Article(
        id=f"bulk-{number}",
        paragraphs=("Narration only.",),
        quotes=(Quote(text=words, speaker=speaker),),
    )


def test_adding_articles_in_one_batch_answers_like_adding_them_one_by_one() -> None:
    articles = [_numbered_article(n, f"Speaker {n}") for n in range(30)]
    one_by_one = Library()
    for article in articles:
        one_by_one.add_article(article)
    batched = Library(articles)
    assert len(batched.index) == len(one_by_one.index) == 30
    for query in ("falcon of the orchard never sleeps", "the lynx of the quarry", "gecko harbour"):
        expected = one_by_one.who_said(query)
        answer = batched.who_said(query)
        assert answer.status == expected.status == "match"
        assert answer.best is not None and expected.best is not None
        assert answer.best.quote == expected.best.quote


def test_an_article_repeated_within_a_batch_keeps_only_its_last_version() -> None:
    first = _numbered_article(1, "First Author")
    second = replace(first, quotes=(replace(first.quotes[0], speaker="Second Author"),))
    library = Library()
    library.add_articles([first, second])
    assert len(library.articles) == 1
    assert len(library.index) == 1
    answer = library.who_said("the falcon of the harbour never sleeps")
    assert answer.best is not None
    assert answer.best.quote.speaker == "Second Author"
