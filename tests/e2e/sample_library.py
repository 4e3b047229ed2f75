"""A small library of hand-made articles for the end-to-end tests.

Built from ``Article``/``Quote`` objects rather than extracted text, so these tests exercise the
Discord front end whatever the extractor's current state. It holds what the tests need: tweets
and inline quotes with dates, aliases and handles, two speakers saying nearly the same thing,
an unattributed quote, a quote with ``@everyone``/a user mention/markdown, narration, a speaker
with many quotes (pagination), a quote far longer than an embed allows, and a server-only article.
"""

from __future__ import annotations

from fakediscord import GUILD_ID

from bot.answers import Library
from bot.models import Article, Quote, Speaker

NEWS = "rapper-2018"
SPEECHES = "speeches-2020"
LOCAL = "council-2024"

PROLIFIC = "Ada Longwind"
EVERYONE_QUOTE = "@everyone this is *not* normal and <@123456789012345678> knows it"
UNATTRIBUTED_QUOTE = "nobody could have seen this coming from a mile away"
NARRATION = (
    "The rapper spent the afternoon posting a long series of messages about free thought "
    "and independence from the crowd."
)

_SUBJECTS = ["harbour", "railway", "library", "orchard", "foundry", "lighthouse", "market"]
_ACTIONS = ["reopen", "expand", "modernise", "flourish", "welcome", "recover"]


def _prolific_lines() -> list[str]:
    lines = []
    for n in range(12):
        subject = _SUBJECTS[n % len(_SUBJECTS)]
        action = _ACTIONS[(n * 5) % len(_ACTIONS)]
        lines.append(f"By season {n + 1} the {subject} will {action} for every family in town")
    return lines


def long_speech() -> str:
    """One quotation of about 5,000 characters: more than an embed description holds."""
    parts = [
        f"Paragraph {n}: we measured the {_SUBJECTS[n % 7]} and the {_ACTIONS[n % 6]} plan."
        for n in range(80)
    ]
    return " ".join(parts)


def sample_articles() -> list[Article]:
    news_quotes = (
        Quote(
            "You don't have to agree with trump but the mob can't make me not love him. "
            "We are both dragon energy. He is my brother.",
            "Kanye West",
            kind="tweet",
            paragraph=2,
            date="2018-04-25",
            handle="@kanyewest",
        ),
        Quote(
            "I love the way Candace Owens thinks",
            "Kanye West",
            kind="tweet",
            paragraph=3,
            date="2018-04-21",
            handle="@kanyewest",
        ),
        Quote(
            "I hope you reconsider aligning yourself with someone whose policies hurt "
            "the very people you care about",
            "John Legend",
            paragraph=5,
            speaker_title="singer",
        ),
        Quote("the people deserve far better than this circus", "John Legend", paragraph=6),
        Quote("the people deserve far better than that circus", "Chrissy Teigen", paragraph=7),
        Quote(EVERYONE_QUOTE, "Rosie O'Donnell", paragraph=8, handle="@Rosie"),
        Quote(UNATTRIBUTED_QUOTE, None, paragraph=9),
    )
    news = Article(
        id=NEWS,
        paragraphs=(
            "Kanye West praised the president on Twitter on Wednesday.",
            "(tweet)",
            "(tweet)",
            NARRATION,
            "Singer John Legend texted him.",
            "Legend added more.",
            "Teigen agreed.",
            "Rosie O'Donnell weighed in.",
            "One fan wrote back.",
        ),
        title="Rapper defends president on Twitter",
        outlet="Example Times",
        author="Jane Reporter",
        date="2018-04-26",
        quotes=news_quotes,
        speakers=(
            Speaker("Kanye West", aliases=("West", "Kanye"), handle="@kanyewest"),
            Speaker("John Legend", aliases=("Legend",), title="singer"),
            Speaker("Chrissy Teigen", aliases=("Teigen",)),
            Speaker("Rosie O'Donnell", aliases=("Rosie", "O'Donnell"), handle="@Rosie"),
        ),
    )
    speech_quotes = [
        Quote(text, PROLIFIC, paragraph=n + 1, date="2020-03-01")
        for n, text in enumerate(_prolific_lines())
    ]
    speech_quotes.append(Quote(long_speech(), "Bo Marathon", kind="block", paragraph=13))
    speeches = Article(
        id=SPEECHES,
        paragraphs=tuple(f"Paragraph {n}." for n in range(1, 14)),
        title="Speeches at the town hall",
        outlet="Example Times",
        date="2020-03-01",
        quotes=tuple(speech_quotes),
        speakers=(Speaker(PROLIFIC, aliases=("Longwind",)), Speaker("Bo Marathon")),
    )
    local = Article(
        id=LOCAL,
        paragraphs=("The council met on Monday.",),
        title="Council approves the new bridge",
        outlet="Server Gazette",
        date="2024-05-02",
        quotes=(
            Quote("the bridge over the millpond will open in spring", "Pat Quill", paragraph=1),
        ),
        speakers=(Speaker("Pat Quill", aliases=("Quill",)),),
        guild_id=GUILD_ID,
    )
    return [news, speeches, local]


def sample_library() -> Library:
    return Library(sample_articles())
