"""Turn what the stages found into ``Quote`` and ``Speaker`` objects with stable ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.extraction.parsing import ParsedArticle
from bot.extraction.speakers import (
    SpeakerRegistry,
)
from bot.extraction.tweets import Embed
from bot.models import Article, Quote, Speaker


@dataclass
class Found:
    """A quotation before it becomes a ``Quote``."""

    text: str
    speaker: str | None
    kind: str
    paragraph: int  # 0-based
    position: int
    rule: str
    date: str | None = None
    handle: str | None = None
    partial: bool = False
    cue: bool = False  # a cue (not inheritance) gave the speaker


def _quote_id(article_id: str, paragraph: int, position: int, text: str) -> str:
    digest = hashlib.sha1(f"{article_id}|{paragraph}|{position}|{text}".encode()).hexdigest()
    return digest[:12]


def build_article(
    parsed: ParsedArticle,
    found: list[Found],
    registry: SpeakerRegistry,
    embeds: list[Embed],
    article_id: str,
    source: str | None,
) -> Article:
    quotes: list[Quote] = []
    seen: set[str] = set()
    for item in found:
        quote_id = _quote_id(article_id, item.paragraph, item.position, item.text)
        while quote_id in seen:
            quote_id = _quote_id(article_id + "+", item.paragraph, item.position, quote_id)
        seen.add(quote_id)
        quotes.append(
            Quote(
                text=item.text,
                speaker=item.speaker,
                kind=item.kind,
                id=quote_id,
                article_id=article_id,
                paragraph=item.paragraph + 1,
                date=item.date,
                handle=item.handle,
                speaker_title=registry.title_for(item.speaker) if item.speaker else None,
                partial=item.partial,
                rule=item.rule,
            )
        )
    speakers = _speakers(quotes, registry)
    return Article(
        id=article_id,
        paragraphs=parsed.paragraphs,
        title=parsed.title,
        outlet=parsed.outlet,
        author=parsed.author,
        date=parsed.date,
        source=source or parsed.source,
        quotes=tuple(quotes),
        speakers=speakers,
    )


def _speakers(quotes: list[Quote], registry: SpeakerRegistry) -> tuple[Speaker, ...]:
    names: dict[str, set[str]] = {}
    handles: dict[str, str] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        names.setdefault(quote.speaker, set())
        if quote.handle:
            handles.setdefault(quote.speaker, quote.handle)
            names[quote.speaker].add(quote.handle)
    for form in registry.forms():
        canonical = registry.canonical(form)
        if canonical in names and form != canonical:
            names[canonical].add(form)
    return tuple(
        Speaker(
            name=name,
            aliases=tuple(sorted(aliases)),
            handle=handles.get(name),
            title=registry.title_for(name),
        )
        for name, aliases in names.items()
    )
