"""Who said it? A table of remembered fragments over the seed article, each with the answer
a person expects: the speaker, "no quote matches", or "that is the article's narration"."""

from __future__ import annotations

import pytest

from bot.answers import Library

KANYE = "Kanye West"
LEGEND = "John Legend"
ROSIE = "Rosie O’Donnell"
GUNN = "James Gunn"

FOUND = [
    # fragments
    ("dragon energy", KANYE),
    ("we are both dragon energy", KANYE),
    ("wake from the illusion", ROSIE),
    ("fucking moron", ROSIE),
    ("black people and white people coming together", GUNN),
    ("artists can't be blind to the truth", LEGEND),
    ("imagine a better future", LEGEND),
    ("embrace of white supremacy", LEGEND),
    ("the kid from the telethon", KANYE),
    ("we can't ad empathy to MAGA by hating", KANYE),
    ("harm that trump's policies cause", LEGEND),
    ("he is my brother", KANYE),
    # typos
    ("dragon enrgy", KANYE),
    ("dragn enrgy", KANYE),
    ("wake from the ilusion", ROSIE),
    ("compelte freaking lunatics", GUNN),
    ("cognitive disonance", LEGEND),
    ("imagin a beter future", LEGEND),
    ("kid from the telethn", KANYE),
    # dropped and reordered words
    ("truth blind artists", LEGEND),
    ("energy dragon", KANYE),
    ("freaking complete lunatics", GUNN),
    ("the illusion wake from", ROSIE),
    ("white supremacy embrace", LEGEND),
    ("artists power imagine future", LEGEND),
    ("both dragon energy we are", KANYE),
    # one word
    ("betrayed", LEGEND),
    ("telethon", KANYE),
    ("lunatics", GUNN),
    ("moron", ROSIE),
    ("supremacy", LEGEND),
    # quote marks, "who said", links, case
    ("“dragon energy”", KANYE),
    ('"wake from the illusion"', ROSIE),
    ("who said “complete freaking lunatics”?", GUNN),
    ("Who said 'betrayed'?", LEGEND),
    ("who said we are both dragon energy?", KANYE),
    ("‘the mob’", KANYE),
    ("«cognitive dissonance»", LEGEND),
    ("dragon energy https://t.co/xyz", KANYE),
    ("WHO SAID DRAGON ENERGY", KANYE),
]

NOT_SAID = [
    "four score and seven years ago",
    "I have a dream",
    "make the pie higher",
    "ask not what your country can do for you",
    "the only thing we have to fear is fear itself",
    "covfefe",
    "read my lips no new taxes",
    "yes we can",
    "float like a butterfly sting like a bee",
    "we shall fight on the beaches",
    "lock her up",
    "signed",  # a scare quote in the article, nobody's words
    "the",
    # words that occur, but not as anything anybody said
    "@everyone hi",  # "everyone" is in a tweet, "hi" only inside "him"
    "hi there",
    "the love",
    "everyone think",
]

NARRATION = [
    ("torrent of scorn and criticism from Hollywood elites", 10),
    ("revealed a private conversation between himself and longtime collaborator", 1),
    ("Make America Great Again hat", 12),
    ("brought forth a torrent of scron", 10),
    ("not backing down from supporting President Donald Trump", 1),
    ("sent a text message to the hip-hop mogul", 2),
]


@pytest.mark.parametrize(("query", "speaker"), FOUND)
def test_the_right_speaker_is_found(seed_library: Library, query: str, speaker: str) -> None:
    answer = seed_library.who_said(query)
    assert answer.status == "match", (answer.status, answer.best)
    assert answer.best is not None
    assert answer.best.quote.speaker == speaker
    assert answer.matches[0] is answer.best


@pytest.mark.parametrize("query", NOT_SAID)
def test_words_nobody_said_get_no_match(seed_library: Library, query: str) -> None:
    answer = seed_library.who_said(query)
    assert answer.status == "no_match", (answer.status, answer.best)
    assert answer.matches == []
    assert answer.best is None


@pytest.mark.parametrize(("query", "paragraph"), NARRATION)
def test_the_articles_own_words_are_narration(
    seed_library: Library, query: str, paragraph: int
) -> None:
    answer = seed_library.who_said(query)
    assert answer.status == "narration"
    assert answer.matches == []
    assert answer.narration is not None
    assert answer.narration.paragraph == paragraph
    assert answer.narration.author == "Dylan Gwinn"


def test_a_word_several_people_used_is_ambiguous(seed_library: Library) -> None:
    answer = seed_library.who_said("empathy")
    assert answer.status == "ambiguous"
    speakers = {m.quote.speaker for m in answer.matches}
    assert speakers == {KANYE, LEGEND}


def test_no_match_offers_the_nearest_quotes(seed_library: Library) -> None:
    answer = seed_library.who_said("I have a dream")
    assert answer.status == "no_match"
    assert answer.nearest
    assert all(m.score < 78 for m in answer.nearest)


def test_query_is_reported_cleaned(seed_library: Library) -> None:
    answer = seed_library.who_said("  who said “dragon energy”?  ")
    assert answer.query == "dragon energy"


@pytest.mark.parametrize("query", ["", "   ", "???", "“”", "🔥🔥", "who said?"])
def test_nothing_to_search_is_an_empty_query(seed_library: Library, query: str) -> None:
    assert seed_library.who_said(query).status == "empty_query"


def test_exact_words_score_higher_than_a_typo(seed_library: Library) -> None:
    exact = seed_library.who_said("dragon energy").best
    typo = seed_library.who_said("dragon enrgy").best
    assert exact is not None and typo is not None
    assert exact.score > typo.score
