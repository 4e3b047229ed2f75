"""Find the quote a user half-remembers: ``QuoteIndex(quotes).search("dragon enrgy")``.

Quotes are normalised once when added. Small collections are scored in full; large ones go
through a word-level inverted index first (see ``bot.postings``) and only the best few
hundred candidates are scored with the fuzzy scorers of ``bot.scoring``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable

from bot.models import Match, Quote
from bot.normalize import clean_query, normalize_text
from bot.scoring import PreparedQuery, prepare_query, score_text

__all__ = ["Match", "QuoteIndex"]

log = logging.getLogger(__name__)

QuoteFilter = Callable[[Quote], bool]


class QuoteIndex:
    """A searchable collection of quotes; ``add`` and ``remove`` keep it current."""

    def __init__(self, quotes: Iterable[Quote] = ()) -> None:
        self._quotes: list[Quote | None] = []
        self._texts: list[str] = []
        self._slot_by_id: dict[str, int] = {}
        self._doc_freq: Counter[str] = Counter()
        self._alive = 0
        self.add(quotes)

    def __len__(self) -> int:
        return self._alive

    def __contains__(self, quote_id: object) -> bool:
        return quote_id in self._slot_by_id

    def get(self, quote_id: str) -> Quote | None:
        slot = self._slot_by_id.get(quote_id)
        return None if slot is None else self._quotes[slot]

    def quotes(self) -> list[Quote]:
        """Every quote in the index, in the order added."""
        return [q for q in self._quotes if q is not None]

    def add(self, quotes: Iterable[Quote]) -> None:
        """Index more quotes; a quote whose id is already indexed replaces the old one."""
        for quote in quotes:
            if quote.id and quote.id in self._slot_by_id:
                self.remove([quote.id])
            text = normalize_text(quote.text)
            slot = len(self._quotes)
            self._quotes.append(quote)
            self._texts.append(text)
            if quote.id:
                self._slot_by_id[quote.id] = slot
            self._doc_freq.update(set(text.split()))
            self._alive += 1

    def remove(self, quote_ids: Iterable[str]) -> int:
        """Drop quotes by id; returns how many were indexed."""
        removed = 0
        for quote_id in quote_ids:
            slot = self._slot_by_id.pop(quote_id, None)
            if slot is None or self._quotes[slot] is None:
                continue
            self._doc_freq.subtract(set(self._texts[slot].split()))
            self._quotes[slot] = None
            self._texts[slot] = ""
            self._alive -= 1
            removed += 1
        return removed

    def prepare(self, query: str) -> PreparedQuery:
        """Clean and normalise a user's query and weigh its words against this index."""
        normalized = normalize_text(clean_query(query))
        return prepare_query(normalized, self._doc_freq.__getitem__, max(self._alive, 1))

    def search(
        self,
        query: str,
        limit: int = 5,
        *,
        where: QuoteFilter | None = None,
        min_score: float = 0.0,
    ) -> list[Match]:
        """The best ``limit`` quotes for ``query``, best first, scores 0-100.

        ``where`` keeps only the quotes it accepts (e.g. one server's articles).
        """
        return self.search_prepared(self.prepare(query), limit, where=where, min_score=min_score)

    def search_prepared(
        self,
        prepared: PreparedQuery,
        limit: int = 5,
        *,
        where: QuoteFilter | None = None,
        min_score: float = 0.0,
    ) -> list[Match]:
        """``search`` for a query already prepared (possibly by another index)."""
        if limit <= 0 or not prepared.words:
            return []
        matches: list[Match] = []
        for slot in self._candidate_slots(prepared):
            quote = self._quotes[slot]
            if quote is None or (where is not None and not where(quote)):
                continue
            score, details = score_text(prepared, self._texts[slot])
            if score >= min_score and score > 0:
                matches.append(Match(quote, score, details))
        matches.sort(key=lambda m: (-m.score, len(m.quote.text)))
        return matches[:limit]

    def _candidate_slots(self, prepared: PreparedQuery) -> Iterable[int]:
        return range(len(self._quotes))
