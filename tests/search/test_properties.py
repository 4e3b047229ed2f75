"""Any text a user can type gets an answer: never an exception, never a hang."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import Library
from bot.models import Quote
from bot.normalize import clean_query, normalize_text
from bot.search import QuoteIndex

from .seed import extracted_seed_article

LIBRARY = Library([extracted_seed_article()])
STATUSES = {"match", "ambiguous", "no_match", "narration", "empty_query"}

odd_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["P", "S", "Z"])),  # punctuation, emoji, spaces
    st.text(alphabet="“”‘’\"'«» ?!\u200b\u00a0\t\n"),
    st.from_regex(r"(who said )?[“\"]?[a-z ]{0,40}[”\"]?\??", fullmatch=True),
)


@settings(max_examples=150, deadline=None)
@given(odd_text)
def test_who_said_answers_anything(query: str) -> None:
    answer = LIBRARY.who_said(query)
    assert answer.status in STATUSES
    scores = [m.score for m in answer.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)


@settings(max_examples=60, deadline=None)
@given(odd_text, odd_text)
def test_speaker_lookups_and_verify_answer_anything(name: str, text: str) -> None:
    LIBRARY.resolve_speaker(name)
    LIBRARY.speaker_names_matching(name)
    LIBRARY.quotes_by(name)
    assert LIBRARY.verify(name, text).verdict in {
        "yes",
        "no_other_speaker",
        "no_such_quote",
        "unknown_speaker",
    }


def test_huge_and_odd_queries() -> None:
    for query in [
        "a" * 10_000,
        "dragon energy " * 800,
        "🔥" * 5_000,
        "?!.,;:" * 2_000,
        " \t\n" * 3_000,
        "\x00\x01\x02",
        "@everyone",
    ]:
        assert LIBRARY.who_said(query).status in STATUSES
        assert LIBRARY.suggest(query, limit=25) is not None


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip() and "  " not in once


@given(st.text())
def test_cleaning_a_clean_query_changes_nothing(text: str) -> None:
    once = clean_query(text)
    assert clean_query(once) == once


quote_texts = st.lists(
    st.text(alphabet="abcdefghij klm’'\",.", min_size=1, max_size=60).filter(
        lambda t: normalize_text(t)
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=50, deadline=None)
@given(quote_texts, st.data())
def test_a_quotes_own_words_find_it_with_a_perfect_score(
    texts: list[str], data: st.DataObject
) -> None:
    quotes = [Quote(t, f"speaker {i}", id=str(i)) for i, t in enumerate(texts)]
    index = QuoteIndex(quotes)
    target = data.draw(st.sampled_from(quotes))
    found = index.search(target.text, limit=3)
    assert found and found[0].score == 100.0
    assert normalize_text(found[0].quote.text) == normalize_text(target.text)
