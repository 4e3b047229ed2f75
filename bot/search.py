"""Find the quote a user half-remembers: ``QuoteIndex(quotes).search("dragon enrgy")``.

Quotes are normalised once when added. Small collections are scored in full; large ones go
through an inverted index of words and neighbouring word pairs first (``bot.postings``): its
best 120 candidates are ranked by rapidfuzz's ``partial_ratio``, and the best few dozen by
either ranking get the full score of ``bot.scoring``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import numpy as np
from rapidfuzz import fuzz, process

from bot.models import Match, Quote
from bot.normalize import clean_query, normalize_text
from bot.postings import WordPostings
from bot.scoring import PreparedQuery, prepare_query, score_text

__all__ = ["Match", "QuoteIndex"]

log = logging.getLogger(__name__)

QuoteFilter = Callable[[Quote], bool]

# Up to this many quotes every one is scored: exact, and still only a few milliseconds.
SCORE_ALL_BELOW = 400
# Otherwise the inverted index proposes this many candidates; the best of them by word
# overlap and by fragment score (``partial_ratio``, fast in C) get the full score.
RERANK_POOL = 120
RERANK_FULL = 20


class QuoteIndex:
    """A searchable collection of quotes; ``add`` and ``remove`` keep it current."""

    def __init__(self, quotes: Iterable[Quote] = ()) -> None:
        self._quotes: list[Quote | None] = []
        self._texts: list[str] = []
        self._slot_by_id: dict[str, int] = {}
        self._postings = WordPostings()
        self._live_mask = np.zeros(0, dtype=bool)
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
        """Index more quotes; a quote whose id is already indexed replaces the old one.

        Only the new quotes are processed: they join a small delta segment of the inverted
        index, which is merged into the main arrays once it grows.
        """
        batch = list(quotes)
        replaced = [q.id for q in batch if q.id and q.id in self._slot_by_id]
        if replaced:
            self.remove(replaced)
        first = len(self._quotes)
        texts = [normalize_text(q.text) for q in batch]
        slots = range(first, first + len(batch))
        superseded = []  # an id repeated within the batch: the last one wins
        for slot, quote in zip(slots, batch, strict=True):
            if quote.id:
                earlier = self._slot_by_id.get(quote.id)
                if earlier is not None:
                    superseded.append(earlier)
                self._slot_by_id[quote.id] = slot
        self._quotes.extend(batch)
        self._texts.extend(texts)
        self._alive += len(batch)
        self._grow_mask(first + len(batch))
        self._live_mask[first : first + len(batch)] = True
        self._postings.add(slots, texts)
        for slot in superseded:
            self._kill(slot)

    def _grow_mask(self, size: int) -> None:
        if size > len(self._live_mask):
            grown = np.zeros(max(size, 2 * len(self._live_mask), 64), dtype=bool)
            grown[: len(self._live_mask)] = self._live_mask
            self._live_mask = grown

    def remove(self, quote_ids: Iterable[str]) -> int:
        """Drop quotes by id; returns how many were indexed."""
        removed = 0
        for quote_id in quote_ids:
            slot = self._slot_by_id.pop(quote_id, None)
            if slot is not None and self._kill(slot):
                removed += 1
        return removed

    def _kill(self, slot: int) -> bool:
        if self._quotes[slot] is None:
            return False
        self._postings.forget([self._texts[slot]])
        self._quotes[slot] = None
        self._texts[slot] = ""
        self._live_mask[slot] = False
        self._alive -= 1
        return True

    def prepare(self, query: str) -> PreparedQuery:
        """Clean and normalise a user's query and weigh its words against this index."""
        normalized = normalize_text(clean_query(query))
        return prepare_query(
            normalized, self._postings.doc_freq, max(self._alive, 1), self._postings.corrections
        )

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
        return self._search(self.prepare(query), limit, where, min_score)

    def search_prepared(
        self,
        prepared: PreparedQuery,
        limit: int = 5,
        *,
        where: QuoteFilter | None = None,
        min_score: float = 0.0,
    ) -> list[Match]:
        """``search`` for a query prepared by another index (e.g. quotes vs narration)."""
        prepared = prepared.with_spellings(self._postings.corrections)
        return self._search(prepared, limit, where, min_score)

    def _search(
        self,
        prepared: PreparedQuery,
        limit: int,
        where: QuoteFilter | None,
        min_score: float,
    ) -> list[Match]:
        if limit <= 0 or not prepared.words:
            return []
        matches: list[Match] = []
        for slot in self._candidate_slots(prepared, where):
            quote = self._quotes[slot]
            if quote is None:
                continue
            score, details = score_text(prepared, self._texts[slot])
            if score >= min_score and score > 0:
                matches.append(Match(quote, score, details))
        matches.sort(key=lambda m: (-m.score, len(m.quote.text)))
        return matches[:limit]

    def _candidate_slots(self, prepared: PreparedQuery, where: QuoteFilter | None) -> list[int]:
        """Slots worth scoring: all of them when few, else the inverted index's best."""
        if self._alive <= SCORE_ALL_BELOW:
            return [
                i
                for i, q in enumerate(self._quotes)
                if q is not None and (where is None or where(q))
            ]
        pool = RERANK_POOL if where is None else RERANK_POOL * 8
        found = self._postings.candidates(prepared.words, self._live_mask, pool).tolist()
        if where is not None:
            quotes = self._quotes
            found = [i for i in found if (q := quotes[i]) is not None and where(q)]
            found = found[:RERANK_POOL]
        return self._shortlist(prepared, found)

    def _shortlist(self, prepared: PreparedQuery, slots: list[int]) -> list[int]:
        """The candidates worth the full (slower, Python) score."""
        if len(slots) <= RERANK_FULL:
            return slots
        texts = self._texts
        by_fragment = process.extract(
            prepared.text,
            [texts[i] for i in slots],
            scorer=fuzz.partial_ratio,
            limit=RERANK_FULL,
        )
        chosen = dict.fromkeys(slots[:RERANK_FULL])
        chosen.update(dict.fromkeys(slots[k] for _, _, k in by_fragment))
        return list(chosen)

    @property
    def nbytes(self) -> int:
        """Bytes held in the inverted index's numpy arrays."""
        return self._postings.nbytes + int(self._live_mask.nbytes)
