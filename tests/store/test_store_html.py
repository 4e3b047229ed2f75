"""The main text of a web page, with embedded tweets flattened the way the extractor reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.html_text
from bot.errors import ArticleError
from bot.html_text import NoArticleTextError, html_to_text

PAGE = Path(__file__).parent / "pages" / "news_with_tweets.html"


def test_article_text_without_menus_footer_or_related_links() -> None:
    page = html_to_text(PAGE.read_text(encoding="utf-8"))
    text = page.article_text()
    assert "voted 7-2 on Tuesday night" in text
    assert "revised proposal could come before the council" in text
    for boilerplate in ("Subscribe", "School board race", "All rights reserved", "cookies"):
        assert boilerplate not in text


def test_metadata_title_outlet_author_date() -> None:
    page = html_to_text(PAGE.read_text(encoding="utf-8"))
    assert page.title == "Council Rejects Stadium Deal as Mayor’s Allies Break Ranks"
    assert page.outlet == "Riverside Courier"
    assert page.author == "Priya Natarajan"
    assert page.date == "2022-06-08"
    assert page.article_text().startswith("date 2022-06-08\n\n")
    assert page.paragraphs[0].startswith("The city council voted")  # headline not repeated


def test_embedded_tweets_become_credit_paragraphs_in_place() -> None:
    page = html_to_text(PAGE.read_text(encoding="utf-8"))
    assert page.tweets == 2
    first = page.paragraphs.index(
        "Tonight the council chose the past over the future. We have options and we will use "
        "them. pic.twitter.com/Xy12AbCdEf — Victor Salazar (@vsalazar) June 8, 2022"
    )
    assert page.paragraphs[first - 1].startswith("The team’s owner, Victor Salazar")
    assert (
        "Options are fine. Just not on the public’s dime. — Darnell Hughes (@HughesWard4) "
        "June 8, 2022"
    ) in page.paragraphs


def test_a_tweet_dropped_by_the_main_text_extraction_is_put_back_after_its_lead_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    html = (
        "<html><body><article><p>First paragraph of the story, long enough to be kept.</p>"
        "<p>The senator answered on Twitter:</p>"
        '<blockquote class="twitter-tweet"><p>We will not back down.</p>'
        '&mdash; Ann Lee (@annlee) <a href="https://twitter.com/x">May 2, 2020</a></blockquote>'
        "<p>Last paragraph of the story.</p></article></body></html>"
    )
    real_extract = bot.html_text.trafilatura.extract

    def extract_without_tweet(prepared: str, **options: Any) -> str | None:
        return real_extract(prepared.replace("We will not back down.", ""), **options)

    monkeypatch.setattr(bot.html_text.trafilatura, "extract", extract_without_tweet)
    page = html_to_text(html)
    position = page.paragraphs.index("We will not back down. — Ann Lee (@annlee) May 2, 2020")
    assert page.paragraphs[position - 1] == "The senator answered on Twitter:"


def test_tweet_markup_without_inner_paragraph() -> None:
    html = (
        "<html><body><article><p>Intro paragraph with enough words to count as text.</p>"
        '<blockquote class="twitter-tweet">Short and sweet &mdash; Bo Day (@boday) '
        "July 4, 2019</blockquote></article></body></html>"
    )
    page = html_to_text(html)
    assert "Short and sweet — Bo Day (@boday) July 4, 2019" in page.paragraphs


def test_an_instagram_embed_becomes_a_post_shared_by_paragraph() -> None:
    html = (
        "<html><body><article><p>The actress shared photos from the wedding on Sunday.</p>"
        '<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-version="14">'
        '<div><a href="https://www.instagram.com/p/Bk/"><div>View this post on Instagram</div>'
        "</a><p><a href='https://www.instagram.com/p/Bk/'>Best night of my life! "
        "#married</a></p><p>A post shared by <a href='https://www.instagram.com/kc/'>Kay Cee"
        "</a> (@kaycee) on <time datetime='2018-07-01T17:32:00+00:00'>Jul 1, 2018 at "
        "10:32am PDT</time></p></div></blockquote>"
        '<blockquote class="instagram-media"><div><a href="https://www.instagram.com/p/X/">'
        "View this post on Instagram</a><p>A post shared by Someone (@someone) on "
        "<time>Jul 2, 2018 at 1:00pm PDT</time></p></div></blockquote>"
        "<p>The couple met through friends in 2016.</p></article></body></html>"
    )
    page = html_to_text(html)
    assert (
        "Best night of my life! #married A post shared by Kay Cee (@kaycee) on Jul 1, 2018 at "
        "10:32am PDT"
    ) in page.paragraphs
    assert not any("View this post" in p for p in page.paragraphs)


def test_an_xhtml_page_with_an_xml_declaration() -> None:
    body = "<p>The coach spoke after the game on Sunday night, in a quiet locker room.</p>" * 3
    declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
    html = f"{declaration}<html><body><article>{body}</article></body></html>"
    assert "the game on Sunday night" in html_to_text(html).article_text()


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_pages_without_article_text_are_a_clear_error(html: str) -> None:
    with pytest.raises(NoArticleTextError):
        html_to_text(html)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_any_input_gives_text_or_a_clear_error(junk: str) -> None:
    try:
        page = html_to_text(f"<html><body><p>{junk}</p></body></html>")
    except ArticleError as error:
        assert str(error)
    else:
        assert all(p.strip() for p in page.paragraphs)
