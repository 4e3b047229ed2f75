"""The articles' own words (everything outside quotations), searchable like quotes.

When a user's "quote" is really a sentence the journalist wrote, the honest answer is
"that is narration", not the closest quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.models import Article, Match, Quote
from bot.normalize import normalize_text
from bot.scoring import PreparedQuery
from bot.search import QuoteIndex

# Quoted spans by double marks: “…”, "…", «…», „…“. Single marks are left alone because the
# same character is the apostrophe in "he’s".
_QUOTED_SPAN_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
_MIN_SEGMENT_WORDS = 2


def narration_segments(article: Article) -> list[tuple[int, str]]:
    """(1-based paragraph, text) for each stretch of a paragraph that is not a quotation."""
    segments: list[tuple[int, str]] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        masked = [False] * len(paragraph)
        for match in _QUOTED_SPAN_RE.finditer(paragraph):
            masked[match.start() : match.end()] = [True] * (match.end() - match.start())
        for quote in article.quotes:
            if quote.paragraph not in (None, number) or not quote.text:
                continue
            start = paragraph.find(quote.text)
            while start >= 0:
                end = start + len(quote.text)
                masked[start:end] = [True] * (end - start)
                start = paragraph.find(quote.text, end)
        piece: list[str] = []
        for ch, hidden in zip(paragraph, masked, strict=True):
            if hidden:
                if piece:
                    segments.append((number, "".join(piece)))
                    piece = []
            else:
                piece.append(ch)
        if piece:
            segments.append((number, "".join(piece)))
    return [(n, s) for n, s in segments if len(normalize_text(s).split()) >= _MIN_SEGMENT_WORDS]


class NarrationIndex:
    """Narration segments of every article, indexed with the same search as quotes."""

    def __init__(self) -> None:
        self._index = QuoteIndex()
        self._ids_by_article: dict[str, list[str]] = {}

    def add(self, article: Article) -> None:
        self.remove(article.id)
        pieces = [
            Quote(
                text=text,
                speaker=None,
                kind="narration",
                id=f"{article.id}#{i}",
                article_id=article.id,
                paragraph=number,
            )
            for i, (number, text) in enumerate(narration_segments(article))
        ]
        self._ids_by_article[article.id] = [p.id for p in pieces]
        self._index.add(pieces)

    def remove(self, article_id: str) -> None:
        self._index.remove(self._ids_by_article.pop(article_id, []))

    def best(self, query: PreparedQuery, visible_articles: Iterable[str]) -> Match | None:
        """The best-matching stretch of narration (a Quote with kind "narration"), if any."""
        visible = set(visible_articles)
        found = self._index.search_prepared(
            query, limit=1, where=lambda piece: piece.article_id in visible
        )
        return found[0] if found else None
