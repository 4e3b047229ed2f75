"""A small hand-made library for front-end tests: no extractor, no network.

The quotes cover what the rendering must survive: markdown, mentions, a very long quote, a
speaker with a handle, a quote with no known speaker, and an article visible in one server only.
"""

from __future__ import annotations

from bot.answers import Library
from bot.models import Article, Quote, Speaker

SERVER_ID = 4242
LONG_TEXT = "We will keep talking about this until everyone listens. " * 120


def sample_articles() -> list[Article]:
    music = Article(
        id="music",
        title="Singers argue on Twitter",
        outlet="Example News",
        author="Dana Writer",
        date="2018-04-26",
        paragraphs=(
            "The singer wrote a long thread about politics and the ongoing feud on Thursday.",
            "We are both dragon energy. He is my brother.",
            "Wake from the illusion",
            "Listen *carefully* to the __people__ @everyone",
            "A long one",
        ),
        quotes=(
            Quote(
                "We are both dragon energy. He is my brother.",
                "Kanye West",
                kind="tweet",
                article_id="music",
                paragraph=2,
                date="2018-04-25",
                handle="@kanyewest",
            ),
            Quote(
                "hes a fucking moron kanye – wake from the illusion",
                "Rosie O’Donnell",
                kind="tweet",
                article_id="music",
                paragraph=3,
                date="2018-04-25",
                handle="@Rosie",
            ),
            Quote(
                "Listen *carefully* to the __people__ @everyone <@123456789012345678>",
                "John Legend",
                kind="inline",
                article_id="music",
                paragraph=4,
            ),
            Quote(LONG_TEXT.strip(), "John Legend", kind="block", article_id="music", paragraph=5),
            Quote(
                "nobody knows who wrote this sentence about tea",
                None,
                kind="inline",
                article_id="music",
                paragraph=5,
            ),
        ),
        speakers=(
            Speaker("Kanye West", aliases=("West", "Kanye"), handle="@kanyewest"),
            Speaker("Rosie O’Donnell", aliases=("Rosie",), handle="@Rosie"),
            Speaker("John Legend", aliases=("Legend",), handle="@johnlegend"),
        ),
    )
    local = Article(
        id="local",
        title="Town council news",
        paragraphs=("The mayor spoke.", "Potholes are my personal enemy."),
        quotes=(
            Quote(
                "Potholes are my personal enemy.",
                "Mara Mayor",
                article_id="local",
                paragraph=2,
            ),
        ),
        speakers=(Speaker("Mara Mayor", aliases=("Mayor",)),),
        guild_id=SERVER_ID,
    )
    return [music, local]


def sample_library() -> Library:
    return Library(sample_articles())
