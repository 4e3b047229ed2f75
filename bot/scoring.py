"""How well a remembered fragment matches one quote, as a 0-100 score a person can trust.

No single rapidfuzz scorer does it: ``partial_ratio`` finds a fragment inside a long quote but
breaks on reordered words; ``token_set_ratio`` ignores order but calls any subset perfect,
even words scattered across a long tweet; ``WRatio`` prefers short quotes. The score combines
a fragment score, an order-free score and word coverage (rare words count more, typo'd words
count when close enough), and discounts words that are found only far apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

# Words that carry little meaning on their own: they count half in word coverage.
_STOPWORD_TEXT = """
    a an and are as at be been but by can cant did do does dont for from had has have he
    her him his i im is it its me my no not of on or our she so that thats the their them
    they this to us was we were what when which who will with would you your"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# A word the index's deletion dictionary says the user probably meant ("enrgy" ->
# "energy") counts this much of the word itself.
TYPO_CREDIT = 0.8
MIN_TYPO_WORD_LEN = 3

_W_FRAGMENT = 0.40
_W_ORDER_FREE = 0.60
_STOPWORD_FACTOR = 0.5
_W_WHOLE = 0.03  # a small preference for a quote the query covers entirely


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A normalised query with a weight per word, computed once per search.

    ``lookup`` maps each word a quote may contain to the query words it stands for, with a
    credit: 1 for the word itself, less for an indexed word it is probably a typo of
    (found by the index's deletion dictionary, so scoring never searches for typos).
    """

    text: str
    words: tuple[str, ...]
    weights: tuple[float, ...]
    lookup: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    # Computed once (scoring reads them for every candidate):
    total_weight: float = field(init=False, default=0.0)
    # positions of the words that are not stopwords (all words if every one is)
    content_positions: tuple[int, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        content = tuple(i for i, w in enumerate(self.words) if w not in STOPWORDS)
        object.__setattr__(self, "total_weight", sum(self.weights))
        object.__setattr__(self, "content_positions", content or tuple(range(len(self.words))))

    def with_spellings(self, corrections: Callable[[str], Sequence[str]]) -> PreparedQuery:
        """The same query, also accepting the corrections offered for each word."""
        lookup: dict[str, list[tuple[int, float]]] = {}
        for qi, word in enumerate(self.words):
            lookup.setdefault(word, []).append((qi, 1.0))
            if len(word) < MIN_TYPO_WORD_LEN:
                continue
            for other in corrections(word):
                lookup.setdefault(other, []).append((qi, TYPO_CREDIT))
        for word, entries in self.lookup.items():
            lookup.setdefault(word, []).extend(entries)
        return replace(self, lookup={w: tuple(dict.fromkeys(e)) for w, e in lookup.items()})


def idf_weight(word: str, doc_freq: int, doc_count: int) -> float:
    """Inverse document frequency, damped for stopwords; unseen words weigh the most."""
    weight = math.log((doc_count + 1.0) / (doc_freq + 0.5)) + 0.5
    if word in STOPWORDS:
        weight *= _STOPWORD_FACTOR
    return max(weight, 0.05)


def prepare_query(
    normalized: str,
    doc_freq: Callable[[str], int],
    doc_count: int,
    corrections: Callable[[str], Sequence[str]] | None = None,
) -> PreparedQuery:
    """Weigh each query word by how rare it is in the indexed quotes."""
    query_words = tuple(normalized.split())
    weights = tuple(idf_weight(w, doc_freq(w), doc_count) for w in query_words)
    prepared = PreparedQuery(normalized, query_words, weights)
    return prepared.with_spellings(corrections or _no_corrections)


def _no_corrections(word: str) -> Sequence[str]:
    return ()


def score_text(query: PreparedQuery, text: str) -> tuple[float, dict[str, float]]:
    """Score a normalised quote text against a prepared query; returns (score, details)."""
    q = query.text
    if not q or not text:
        return 0.0, {}
    coverage, compact, content = word_coverage(query, text.split())
    if len(q) <= len(text):
        fragment = fuzz.partial_ratio(q, text)
        # Every query word in the quote: token_set_ratio would say 100, skip computing it.
        token_set = 100.0 if coverage >= 1.0 else fuzz.token_set_ratio(q, text)
    else:
        # The quote is shorter than what the user typed: judge it as a whole, otherwise
        # a two-word quote would match any query that happens to contain those words.
        fragment = fuzz.ratio(q, text)
        token_set = fuzz.token_sort_ratio(q, text)
    order_free = max(token_set, 100.0 * coverage) * compact
    base = _W_FRAGMENT * fragment + _W_ORDER_FREE * order_free
    whole = fuzz.ratio(q, text)
    score = (1.0 - _W_WHOLE) * base + _W_WHOLE * whole
    details = {
        "fragment": round(fragment, 1),
        "token_set": round(token_set, 1),
        "coverage": round(coverage * 100.0, 1),
        "compactness": round(compact * 100.0, 1),
        # Share of the query's meaningful (non-stopword) words found in the quote, and how
        # many there are: a confident answer needs most of them (see bot.answers).
        "content_found": round(content * 100.0, 1),
        "content_words": float(len(query.content_positions)),
    }
    return round(min(100.0, score), 1), details


def word_coverage(query: PreparedQuery, text_words: Sequence[str]) -> tuple[float, float, float]:
    """(weighted share of query words found in the quote, how close together they are,
    share of the query's non-stopwords found).

    Compactness is 1 when the found words sit within a window about twice the query's
    length; it falls as they spread over a long quote.
    """
    total = query.total_weight
    if total <= 0 or not text_words:
        return 0.0, 0.0, 0.0
    lookup = query.lookup
    credits = [0.0] * len(query.words)
    events: list[tuple[int, int]] = []
    for i, w in enumerate(text_words):
        hits = lookup.get(w)
        if hits:
            for qi, credit in hits:
                events.append((i, qi))
                if credit > credits[qi]:
                    credits[qi] = credit
    gained = sum(c * weight for c, weight in zip(credits, query.weights, strict=True))
    if not events:
        return 0.0, 0.0, 0.0
    coverage = gained / total
    matched = sum(1 for c in credits if c > 0)
    allowed = 2 * matched + 2
    span = events[-1][0] - events[0][0] + 1
    if span > allowed:
        span = _min_window(events, matched)
    compact = min(1.0, allowed / span)
    content = query.content_positions
    found = sum(1 for i in content if credits[i] > 0) / len(content)
    return coverage, math.sqrt(compact), found


def _min_window(events: list[tuple[int, int]], needed: int) -> int:
    """Length (in words) of the shortest stretch holding an occurrence of every matched word.

    ``events`` are (position, query word) pairs in position order.
    """
    counts: dict[int, int] = {}
    have = 0
    best = events[-1][0] - events[0][0] + 1
    left = 0
    for right_pos, right_q in events:
        counts[right_q] = counts.get(right_q, 0) + 1
        if counts[right_q] == 1:
            have += 1
        while have == needed:
            left_pos, left_q = events[left]
            best = min(best, right_pos - left_pos + 1)
            counts[left_q] -= 1
            if counts[left_q] == 0:
                have -= 1
            left += 1
    return max(best, 1)
