"""The plain data every part of quotebot passes around.

These classes know nothing about Discord, files or indexes, so the extraction, search,
storage and front ends can all share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["tweet", "inline", "block"]
QUOTE_KINDS: tuple[str, ...] = ("tweet", "inline", "block")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: the exact quoted words and who said them.

    ``text`` keeps the article's characters (links included) without the outer quote marks;
    ``speaker`` is the canonical full name, or ``None`` when the article does not say.
    """

    text: str
    speaker: str | None
    kind: str = "inline"
    id: str = ""
    article_id: str = ""
    paragraph: int | None = None  # 1-based paragraph number within the article body
    date: str | None = None  # YYYY-MM-DD: the tweet's date, else the article's
    handle: str | None = None  # "@kanyewest" for tweets
    speaker_title: str | None = None  # role kept for display: "Former View co-host"
    partial: bool = False  # a fragment worked into the writer's own sentence
    rule: str = ""  # the extraction rule that produced it, for auditing


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person (or organisation) quoted in an article, with every form of their name."""

    name: str
    aliases: tuple[str, ...] = ()
    handle: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article with its quotations and speakers."""

    id: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    source: str | None = None  # file path or URL it came from
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    guild_id: int | None = None  # None: visible everywhere (bundled); else one server only


@dataclass(frozen=True, slots=True)
class Match:
    """A quote found by a search, with a 0-100 score (higher is better)."""

    quote: Quote
    score: float
    details: dict[str, float] = field(default_factory=dict, compare=False)
