"""The whole pipeline on hostile input: it returns a result or a clear error, never a crash."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import ArticleError
from bot.extraction import decode_article_bytes, extract_article, read_article_file
from bot.models import Article

_PIECES = [
    "“", "”", "‘", "’", '"', "'", "«", "»", " ", " ", " ", "\n", "\n\n", ",", ".", ":", "—",
    "said", "says", " he ", " she ", "Maria Lopez", "Lopez", "told", "according to", "the",
    "@handle", "pic.twitter.com/x", "— Maria Lopez (@ml) May 1, 2020", "A post shared by",
    "date 2020-01-01 ", "O’Neil", "don't", "’90s", "#Tag", "(", ")", "…", "Sen.", "who",
]  # fmt: skip

article_like = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(string.ascii_letters, min_size=1, max_size=8)),
    max_size=80,
).map("".join)


def _body(article: Article) -> str:
    return " ".join(article.paragraphs)


def _check(article: Article) -> None:
    body = _body(article)
    ids = [quote.id for quote in article.quotes]
    assert len(ids) == len(set(ids))
    for quote in article.quotes:
        assert quote.text and quote.text in body
        assert quote.kind in {"tweet", "inline", "block"}
        assert quote.rule
        assert quote.speaker is None or quote.speaker.strip()
        assert quote.paragraph is None or 1 <= quote.paragraph <= len(article.paragraphs)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_like)
def test_article_like_text_never_crashes_and_quotes_come_from_the_text(text: str) -> None:
    _check(extract_article(text, article_id="a"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    _check(extract_article(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_raise_a_clear_article_error(data: bytes) -> None:
    try:
        text = decode_article_bytes(data)
    except ArticleError as error:
        assert str(error)
        return
    _check(extract_article(text))


def test_unbalanced_nested_and_mixed_marks_still_give_the_good_quotes() -> None:
    text = (
        "A stray ” closing mark and an “opening one. Maria Lopez said: “We will ‘never’ "
        "give up on the bridge,” and Tom Grant replied 'it is far too late for that now'.\n\n"
        "Odd marks: \" ' ‘ « in a row."
    )
    found = {quote.text: quote.speaker for quote in extract_article(text).quotes}
    assert found["We will ‘never’ give up on the bridge,"] == "Maria Lopez"
    assert found["it is far too late for that now"] == "Tom Grant"


def test_quote_ids_are_stable_and_depend_on_the_article() -> None:
    text = "“We will rebuild the bridge by spring,” Maria Lopez said."
    first = extract_article(text, article_id="one").quotes[0]
    again = extract_article(text, article_id="one").quotes[0]
    other = extract_article(text, article_id="two").quotes[0]
    assert first.id == again.id != other.id
    assert first.article_id == "one"


def test_mentions_and_markup_are_kept_as_text() -> None:
    text = "“@everyone **look** at <@123> now, friends,” Maria Lopez said."
    (quote,) = extract_article(text).quotes
    assert quote.text == "@everyone **look** at <@123> now, friends,"


def test_a_long_article_of_many_quotes_is_handled() -> None:
    paragraph = "“We will rebuild the bridge by spring,” Maria Lopez said. "
    article = extract_article((paragraph * 50 + "\n\n") * 40)
    assert len(article.quotes) == 2000
    assert {quote.speaker for quote in article.quotes} == {"Maria Lopez"}


def test_sidecar_metadata_fills_what_the_text_lacks(tmp_path: Path) -> None:
    article_path = tmp_path / "bridge.txt"
    article_path.write_text("date 2021-05-01 “We will rebuild it,” Nora Quill said.\n")
    (tmp_path / "bridge.meta.json").write_text(
        json.dumps(
            {
                "title": "Bridge to reopen",
                "outlet": "Harbour News",
                "date": "1999-01-01",
                "url": "https://example.org/bridge",
                "author": 7,
            }
        )
    )
    article = read_article_file(article_path)
    assert article.title == "Bridge to reopen" and article.outlet == "Harbour News"
    assert article.date == "2021-05-01"  # the text's own date wins
    assert article.source == "https://example.org/bridge"
    assert article.author is None  # not a string: ignored
    (tmp_path / "bridge.meta.json").write_text("{not json")
    assert read_article_file(article_path).title is None


def test_thousands_of_quoted_spans_are_capped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.extraction.pipeline import MAX_QUOTED_SPANS

    text = '"a b" ' * (MAX_QUOTED_SPANS + 500)
    with caplog.at_level("WARNING"):
        article = extract_article(text, article_id="flood")
    assert len(article.quotes) <= MAX_QUOTED_SPANS
    assert "only the first" in caplog.text
