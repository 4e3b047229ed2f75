"""Typo-tolerant word lookup in the style of SymSpell: "enrgy" -> "energy".

Every indexed word is stored under itself and each of its one-letter deletions; a query word
is looked up the same way. Two words meet when they are one substitution, insertion, deletion
or transposition apart (and many two-edit pairs), with no scan of the vocabulary. Keys are
64-bit string hashes in sorted numpy arrays, so a large vocabulary costs ~12 bytes per entry
instead of a Python dict's ~150.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from rapidfuzz.distance import OSA

# Shorter words are not corrected (two-letter words are all one edit apart).
MIN_WORD_LEN = 3
# Longer words are not split into deletions (URLs glued together, hashtags): exact only.
MAX_WORD_LEN = 24
_DELTA_LIMIT = 50_000


def _variants(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


class DeletionIndex:
    """Maps a misspelt word to the indexed term ids it is probably a typo of."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)
        self._values = np.empty(0, dtype=np.int32)
        self._delta: dict[int, list[int]] = {}
        self._delta_entries = 0
        self._terms: list[str] = []  # term id -> word (shared with the caller's vocabulary)

    def add_terms(self, terms: list[str], first_id: int) -> None:
        """Index ``terms`` whose ids are ``first_id``, ``first_id + 1``, ..."""
        self._terms.extend(terms)
        if len(terms) > _DELTA_LIMIT or (not len(self._keys) and len(terms) > 1000):
            self._merge(_pairs(terms, first_id))
            return
        for offset, term in enumerate(terms):
            if MIN_WORD_LEN <= len(term) <= MAX_WORD_LEN:
                for variant in _variants(term):
                    self._delta.setdefault(hash(variant), []).append(first_id + offset)
                    self._delta_entries += 1
        if self._delta_entries > _DELTA_LIMIT:
            keys = np.fromiter((k for k, ids in self._delta.items() for _ in ids), dtype=np.int64)
            values = np.fromiter((i for ids in self._delta.values() for i in ids), dtype=np.int32)
            self._delta = {}
            self._delta_entries = 0
            self._merge((keys, values))

    def _merge(self, pairs: tuple[np.ndarray, np.ndarray]) -> None:
        keys = np.concatenate([self._keys, pairs[0]])
        values = np.concatenate([self._values, pairs[1]])
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._values = values[order]

    def lookup(self, word: str) -> list[int]:
        """Term ids within a small edit distance of ``word`` (not ``word`` itself)."""
        if not MIN_WORD_LEN <= len(word) <= MAX_WORD_LEN:
            return []
        hashes = np.fromiter((hash(v) for v in _variants(word)), dtype=np.int64)
        found: set[int] = set()
        if len(self._keys):
            lo = np.searchsorted(self._keys, hashes, side="left")
            hi = np.searchsorted(self._keys, hashes, side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                found.update(self._values[a:b].tolist())
        for h in hashes.tolist():
            found.update(self._delta.get(h, ()))
        limit = _max_distance(word)
        return sorted(
            tid
            for tid in found
            if self._terms[tid] != word
            and OSA.distance(word, self._terms[tid], score_cutoff=limit) <= limit
        )

    def word(self, term_id: int) -> str:
        return self._terms[term_id]

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._values.nbytes)


def _pairs(terms: Iterable[str], first_id: int) -> tuple[np.ndarray, np.ndarray]:
    keys: list[int] = []
    values: list[int] = []
    for offset, term in enumerate(terms):
        if MIN_WORD_LEN <= len(term) <= MAX_WORD_LEN:
            variants = _variants(term)
            keys.extend(map(hash, variants))
            values.extend([first_id + offset] * len(variants))
    return np.array(keys, dtype=np.int64), np.array(values, dtype=np.int32)
