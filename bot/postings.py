"""Word-level inverted index in numpy: which quotes contain which words, fast enough for
1,000,000 quotes in ~10 ms a query on one core.

Candidate generation reads the posting lists of the query's rarest words only (a fragment
with a typo or two keeps a few intact rare words); the common words are then checked just for
those candidates with a binary search, instead of reading their huge posting lists. Typo'd
words are mapped to indexed words by ``bot.symspell``. Quotes added later go to a small delta
segment that is merged into the main arrays when it grows, so adding an article never
rebuilds the index.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.symspell import DeletionIndex

# Read the posting lists of the rarest words: at least this many words' lists ...
MIN_GENERATING_WORDS = 2
# ... and more while the entries read stay under this budget ...
GENERATE_BUDGET = 20_000
# ... but never more than this many entries in all (fragments of only very common words).
GENERATE_HARD_CAP = 400_000
# Candidates kept from generation for checking the remaining words ...
VERIFY_POOL = 2_000
# ... that are worth checking: at least this share of the query's total weight.
MIN_CHECK_SHARE = 0.03
# A typo'd word counts this much of an intact one.
TYPO_CREDIT = 0.8
# Pairs of neighbouring words are posted in this many hash buckets (a power of two).
PAIR_BUCKETS = 1 << 21
# Only pairs of words that make up at least 1/PAIR_COMMON_SHARE of all indexed words.
PAIR_COMMON_SHARE = 3000
# A pair of neighbouring query words found together counts this much (besides its words).
PAIR_WEIGHT = 1.0
# A rare word also stands for a neighbour one edit away that is this many times as common.
COMMON_NEIGHBOUR_RATIO = 100
# The delta segment is merged once it holds an eighth of the main arrays' entries, at
# least this many ...
_DELTA_MERGE_MIN = 50_000
# ... and at most this many (its Python lists are slower to read than numpy arrays).
_DELTA_MERGE_MAX = 250_000
_BLOCK = 1 << 22  # sorted postings split at once
_CHUNK = 10_000  # texts tokenised at once: bounds the memory of the per-word arrays


_HASH_PRIME = np.uint64(1099511628211)
_HASH_PRIME_INVERSE = np.uint64(pow(1099511628211, -1, 2**64))
_SPACE = 32


def hash_words(
    texts: Sequence[str],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, bytes]:
    """64-bit polynomial hashes of the space-separated words of ``texts``, in numpy.

    Returns (hash per word, words per text, start and end byte offset per word, the UTF-8
    buffer the offsets point into).
    """
    encoded = [t.encode("utf-8") for t in texts]
    buffer = b" ".join(encoded) + b" "
    data = np.frombuffer(buffer, dtype=np.uint8)
    size = len(data)
    space = data == _SPACE
    before = np.ones(size, dtype=bool)
    before[1:] = space[:-1]
    after = np.ones(size, dtype=bool)
    after[:-1] = space[1:]
    starts = np.flatnonzero(~space & before)
    ends = np.flatnonzero(~space & after) + 1
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        powers = np.full(size, _HASH_PRIME, dtype=np.uint64)
        powers[0] = 1
        np.cumprod(powers, out=powers)
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * powers, out=prefix[1:])
        del powers
        inverse = np.full(size, _HASH_PRIME_INVERSE, dtype=np.uint64)
        inverse[0] = 1
        np.cumprod(inverse, out=inverse)
        hashes = (prefix[ends] - prefix[starts]) * inverse[starts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    text_starts = np.concatenate([[0], np.cumsum(lengths + 1)])
    counts = np.diff(np.searchsorted(starts, text_starts))
    return hashes, counts, starts, ends, buffer


def _split_sorted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keys present, entries per key present, slots in key order) of ``key << 32 | slot``
    values.

    Sorts ``keys`` in place and drops repeats (a word twice in a quote counts once). Works in
    blocks, so a million quotes' postings are never held twice; nothing is sized by the key
    space, so adding one article stays cheap.
    """
    keys.sort()
    distinct = np.empty(len(keys), dtype=bool)
    distinct[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    docs = np.empty(int(np.count_nonzero(distinct)), dtype=np.int32)
    present: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    filled = 0
    for start in range(0, len(keys), _BLOCK):
        kept = keys[start : start + _BLOCK][distinct[start : start + _BLOCK]]
        docs[filled : filled + len(kept)] = kept & 0xFFFFFFFF
        filled += len(kept)
        block_keys = kept >> 32
        del kept
        firsts = _run_starts(block_keys)
        present.append(block_keys[firsts])
        counts.append(np.diff(np.append(firsts, len(block_keys))))
    if not present:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, docs
    # A key may straddle two blocks: add up its runs.
    all_present = np.concatenate(present)
    firsts = _run_starts(all_present)
    return all_present[firsts], np.add.reduceat(np.concatenate(counts), firsts), docs


def _run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    if not len(sorted_values):
        return np.empty(0, dtype=np.int64)
    change = np.empty(len(sorted_values), dtype=bool)
    change[0] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=change[1:])
    return np.flatnonzero(change)


def pair_buckets(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The bucket of each ordered pair of neighbouring words (term ids), in ``PAIR_BUCKETS``."""
    with np.errstate(over="ignore"):
        mixed = first.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        mixed ^= second.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        mixed ^= mixed >> np.uint64(29)
    return (mixed & np.uint64(PAIR_BUCKETS - 1)).astype(np.int64)


class PostingTable:
    """Key -> sorted slots: one CSR pair of numpy arrays plus a delta of later additions.

    The delta (a dict of lists) takes small additions at once; it is merged into the arrays
    when it grows (see ``_DELTA_MERGE_MIN``/``_MAX``), so adding an article costs
    milliseconds and only every few hundred articles a merge (seconds at a million quotes).
    """

    def __init__(self) -> None:
        self._offsets = np.zeros(1, dtype=np.int64)
        self._docs = np.empty(0, dtype=np.int32)
        self._delta: dict[int, list[int]] = {}
        self._delta_postings = 0

    def add(
        self, present: np.ndarray, counts: np.ndarray, docs: np.ndarray, key_space: int
    ) -> None:
        """Add slots in key order: ``counts[i]`` of them under key ``present[i]`` (slots
        above all earlier ones; keys below ``key_space``)."""
        limit = min(max(_DELTA_MERGE_MIN, len(self._docs) // 8), _DELTA_MERGE_MAX)
        if len(docs) >= _DELTA_MERGE_MIN or self._delta_postings + len(docs) > limit:
            self._merge(present, counts, docs, key_space)
        else:
            key_ids = np.repeat(present, counts)
            for key, doc in zip(key_ids.tolist(), docs.tolist(), strict=True):
                self._delta.setdefault(key, []).append(doc)
            self._delta_postings += len(docs)

    def _merge(
        self, present: np.ndarray, counts: np.ndarray, docs: np.ndarray, key_space: int
    ) -> None:
        if not len(self._docs) and not self._delta:
            self._docs = docs
            per_key = np.zeros(key_space, dtype=np.int64)
            per_key[present] = counts
        else:
            main_keys = np.repeat(
                np.arange(len(self._offsets) - 1, dtype=np.int32), np.diff(self._offsets)
            )
            delta_keys = [np.full(len(d), k, dtype=np.int32) for k, d in self._delta.items()]
            delta_docs = [np.asarray(d, dtype=np.int32) for d in self._delta.values()]
            new_keys = np.repeat(present.astype(np.int32), counts)
            all_keys = np.concatenate([main_keys, *delta_keys, new_keys])
            all_docs = np.concatenate([self._docs, *delta_docs, docs])
            combined = (all_keys.astype(np.int64) << 32) | all_docs.astype(np.int64)
            combined.sort()
            self._docs = (combined & 0xFFFFFFFF).astype(np.int32)
            per_key = np.bincount((combined >> 32).astype(np.int32), minlength=key_space)
        self._offsets = np.concatenate([[0], np.cumsum(per_key)]).astype(np.int64)
        self._delta = {}
        self._delta_postings = 0

    def postings(self, key: int) -> np.ndarray:
        """Sorted slots under ``key``."""
        if key + 1 < len(self._offsets):
            main = self._docs[self._offsets[key] : self._offsets[key + 1]]
        else:
            main = self._docs[:0]
        extra = self._delta.get(key)
        if extra:
            return np.concatenate([main, np.asarray(extra, dtype=np.int32)])
        return main

    def size(self, key: int) -> int:
        main = 0
        if key + 1 < len(self._offsets):
            main = int(self._offsets[key + 1] - self._offsets[key])
        return main + len(self._delta.get(key, ()))

    @property
    def nbytes(self) -> int:
        return int(self._docs.nbytes + self._offsets.nbytes)


@dataclass(frozen=True, slots=True)
class _WordGroup:
    """One query word: the indexed term ids it stands for (more than one for a typo)."""

    doc_freq: int
    weight: float
    term_ids: tuple[int, ...]  # word term ids, or pair buckets when ``pairs``
    pairs: bool = False


class WordPostings:
    """Term -> sorted slot ids, as one CSR pair of arrays plus a delta of later additions."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._df = np.zeros(0, dtype=np.int64)
        self._words = PostingTable()
        self._pairs = PostingTable()  # neighbouring words: finds fragments of common words
        self._typos = DeletionIndex()
        self._tf = np.zeros(0, dtype=np.int64)  # occurrences of each word ...
        self._tokens = 0  # ... out of this many words indexed
        self._hash_keys = np.empty(0, dtype=np.uint64)  # sorted word hashes ...
        self._hash_ids = np.empty(0, dtype=np.int32)  # ... and their term ids
        self.doc_count = 0

    # -- building --------------------------------------------------------------------------

    def add(self, slots: Sequence[int], texts: Sequence[str]) -> None:
        """Index normalised ``texts`` under ``slots`` (increasing, above every earlier slot)."""
        if not slots:
            return
        # (key << 32 | slot) values sort by key, then slot: the CSR order in one int64 sort.
        # Filled chunk by chunk into an array sized up front, so a million quotes never hold
        # two copies of their word postings.
        total = sum(text.count(" ") + 1 for text in texts if text)
        words = np.empty(total, dtype=np.int64)
        pair_parts: list[np.ndarray] = []  # pairs of common words only: a fraction of words
        n_words = 0
        for start in range(0, len(slots), _CHUNK):
            chunk_words, chunk_pairs = self._tokenize(
                slots[start : start + _CHUNK], texts[start : start + _CHUNK]
            )
            words[n_words : n_words + len(chunk_words)] = chunk_words
            n_words += len(chunk_words)
            pair_parts.append(chunk_pairs)
            del chunk_words, chunk_pairs
        present, counts, docs = _split_sorted(words[:n_words])
        del words
        self._df = np.concatenate(
            [self._df, np.zeros(len(self._vocab) - len(self._df), dtype=np.int64)]
        )
        self._df[present] += counts
        self._words.add(present, counts, docs, len(self._vocab))
        del present, counts, docs
        pairs = np.concatenate(pair_parts)
        del pair_parts
        present, counts, docs = _split_sorted(pairs)
        del pairs
        self._pairs.add(present, counts, docs, PAIR_BUCKETS)
        self.doc_count += len(slots)

    def _tokenize(
        self, slots: Sequence[int], texts: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """``term << 32 | slot`` per word and ``bucket << 32 | slot`` per pair of neighbouring
        words of each text (unsorted); new words get ids.

        Words are hashed in numpy (no Python object per word), so a million quotes tokenise
        in seconds; only words never seen before are decoded into Python strings.
        """
        hashes, counts, starts, ends, buffer = hash_words(texts)
        order = np.argsort(hashes)
        ordered = hashes[order]
        first = np.empty(len(ordered), dtype=bool)
        first[:1] = True
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        distinct = ordered[first]
        ids = np.empty(len(distinct), dtype=np.int64)
        known = np.zeros(len(distinct), dtype=bool)
        if len(self._hash_keys):
            at = np.minimum(np.searchsorted(self._hash_keys, distinct), len(self._hash_keys) - 1)
            known = self._hash_keys[at] == distinct
            ids[known] = self._hash_ids[at[known]]
        fresh = ~known
        if fresh.any():
            first_token = order[first][fresh]
            new_words = [
                buffer[a:b].decode("utf-8")
                for a, b in zip(
                    starts[first_token].tolist(), ends[first_token].tolist(), strict=True
                )
            ]
            first_new = len(self._vocab)
            new_ids = np.arange(first_new, first_new + len(new_words), dtype=np.int64)
            ids[fresh] = new_ids
            self._vocab.update(zip(new_words, new_ids.tolist(), strict=True))
            self._typos.add_terms(new_words, first_new)
            keys = np.concatenate([self._hash_keys, distinct[fresh]])
            by_key = np.argsort(keys)
            self._hash_keys = keys[by_key]
            self._hash_ids = np.concatenate([self._hash_ids, new_ids.astype(np.int32)])[by_key]
        term_ids = np.empty(len(hashes), dtype=np.int64)
        term_ids[order] = ids[np.cumsum(first) - 1]
        docs = np.repeat(np.asarray(slots, dtype=np.int64), counts)
        # Pairs matter for words too common to find a quote alone: index only those.
        self._tf = np.concatenate(
            [self._tf, np.zeros(len(self._vocab) - len(self._tf), dtype=np.int64)]
        )
        self._tf += np.bincount(term_ids, minlength=len(self._vocab))
        self._tokens += len(term_ids)
        common = self._tf * PAIR_COMMON_SHARE >= self._tokens
        keep = (docs[:-1] == docs[1:]) & common[term_ids[:-1]] & common[term_ids[1:]]
        pairs = pair_buckets(term_ids[:-1][keep], term_ids[1:][keep])
        pairs <<= 32
        pairs |= docs[:-1][keep]
        term_ids <<= 32
        term_ids |= docs
        return term_ids, pairs

    def forget(self, texts: Sequence[str]) -> None:
        """Lower document frequencies for removed texts (their slots are masked by the caller)."""
        for text in texts:
            for word in set(text.split()):
                term = self._vocab.get(word)
                if term is not None and self._df[term] > 0:
                    self._df[term] -= 1
        self.doc_count = max(0, self.doc_count - len(texts))

    # -- lookups ---------------------------------------------------------------------------

    def doc_freq(self, word: str) -> int:
        term = self._vocab.get(word)
        return 0 if term is None else int(self._df[term])

    def alternatives(self, word: str) -> tuple[tuple[int, ...], bool]:
        """(term ids ``word`` may stand for, whether ``word`` itself is indexed).

        An unknown word stands for the indexed words it is probably a typo of. A known but
        rare word also stands for a far more common neighbour ("teh" for "the"): a typo can
        land on a real but rare word, and that rare word must not decide the candidates.
        """
        term = self._vocab.get(word)
        if term is None or self._df[term] <= 0:
            return tuple(self._typos.lookup(word)), False
        own = int(self._df[term])
        if own * COMMON_NEIGHBOUR_RATIO > self.doc_count:
            return (term,), True
        common = [
            t for t in self._typos.lookup(word) if self._df[t] >= own * COMMON_NEIGHBOUR_RATIO
        ]
        return (term, *common), True

    def corrections(self, word: str) -> list[str]:
        """Other indexed words ``word`` may be a typo of (see ``alternatives``)."""
        term_ids, known = self.alternatives(word)
        return [self._typos.word(t) for t in (term_ids[1:] if known else term_ids)]

    def postings(self, term: int) -> np.ndarray:
        """Sorted slots of the quotes containing ``term``."""
        return self._words.postings(term)

    def _groups(self, words: Sequence[str]) -> list[_WordGroup]:
        n = self.doc_count + 1.0
        groups = []
        for word in dict.fromkeys(words):
            term_ids, known = self.alternatives(word)
            if not term_ids:
                continue
            doc_freq = sum(int(self._df[t]) for t in term_ids)
            weight = (1.0 if known else TYPO_CREDIT) * math.log(n / (doc_freq + 0.5))
            groups.append(_WordGroup(doc_freq, max(weight, 0.01), term_ids))
        groups.extend(self._pair_groups(words, n))
        groups.sort(key=lambda g: g.doc_freq)
        return groups

    def _is_common(self, term: int) -> bool:
        return term < len(self._tf) and self._tf[term] * PAIR_COMMON_SHARE >= self._tokens

    def _pair_groups(self, words: Sequence[str], n: float) -> list[_WordGroup]:
        """Neighbouring query words, in either order (two words are often swapped)."""
        ids = [self._vocab.get(w) for w in words]
        ids = [t if t is not None and self._is_common(t) else None for t in ids]
        groups = []
        seen: set[tuple[int, ...]] = set()
        for a, b in pairwise(ids):
            if a is None or b is None or a == b:
                continue
            buckets = tuple(sorted(set(pair_buckets(np.array([a, b]), np.array([b, a])).tolist())))
            if buckets in seen:
                continue
            seen.add(buckets)
            doc_freq = sum(self._pairs.size(k) for k in buckets)
            if doc_freq:
                weight = PAIR_WEIGHT * math.log(n / (doc_freq + 0.5))
                groups.append(_WordGroup(doc_freq, max(weight, 0.01), buckets, pairs=True))
        return groups

    def candidates(self, words: Sequence[str], alive: np.ndarray, limit: int) -> np.ndarray:
        """Up to ``limit`` live slots sharing the most (rare) words with ``words``, best first."""
        groups = self._groups(words)
        if not groups or limit <= 0:
            return np.empty(0, dtype=np.int64)
        generating: list[_WordGroup] = []
        read = 0
        for group in groups:
            wanted = len(generating) < MIN_GENERATING_WORDS or (
                read + group.doc_freq <= GENERATE_BUDGET
            )
            if generating and (not wanted or read + group.doc_freq > GENERATE_HARD_CAP):
                break
            generating.append(group)
            read += group.doc_freq
        checking = groups[len(generating) :]

        arrays = [self._table(g).postings(t) for g in generating for t in g.term_ids]
        slots = np.concatenate(arrays)
        if not len(slots):
            return np.empty(0, dtype=np.int64)
        weights = np.repeat(
            np.array([g.weight for g in generating for _ in g.term_ids]), [len(a) for a in arrays]
        )
        if len(slots) * 16 > len(alive):
            # Many entries: count into a slot-sized array (linear) instead of sorting.
            counted = np.bincount(slots, weights=weights)
            unique = np.flatnonzero(counted)
            scores = counted[unique]
        else:
            unique, inverse = np.unique(slots, return_inverse=True)
            scores = np.bincount(inverse, weights=weights)
        scores[~alive[unique]] = -1.0
        if len(unique) > VERIFY_POOL:
            keep = np.sort(np.argpartition(-scores, VERIFY_POOL)[:VERIFY_POOL])
            unique, scores = unique[keep], scores[keep]  # still in slot order: fast lookups
        total = sum(g.weight for g in groups)
        for group in checking:
            if group.weight < MIN_CHECK_SHARE * total:
                continue  # "the", "a": checking them costs more than it tells
            for term in group.term_ids:
                found = self._table(group).postings(term)
                if not len(found):
                    continue
                at = np.searchsorted(found, unique)
                at[at == len(found)] = len(found) - 1
                scores += group.weight * (found[at] == unique)
        if len(unique) > limit:
            keep = np.argpartition(-scores, limit)[:limit]
            unique, scores = unique[keep], scores[keep]
        order = np.lexsort((unique, -scores))
        return unique[order][scores[order] > 0].astype(np.int64)

    def _table(self, group: _WordGroup) -> PostingTable:
        return self._pairs if group.pairs else self._words

    @property
    def nbytes(self) -> int:
        """Bytes held in numpy arrays (posting lists, frequencies, typo table)."""
        return (
            self._words.nbytes
            + self._pairs.nbytes
            + int(self._df.nbytes + self._hash_keys.nbytes + self._hash_ids.nbytes)
            + self._typos.nbytes
        )
