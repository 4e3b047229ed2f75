"""Who-said search at scale: the inverted index + rerank against a brute-force rapidfuzz scan.

Synthetic but English-like corpus (fixed seed): a Zipf-weighted vocabulary whose top ranks
are real common English words, quotes of 5-60 words. Queries are fragments of 4-12 words of a
random quote with 0-2 character typos and, one time in four, two neighbouring words swapped.
recall@1 = the quote the fragment came from is ranked first.

    python benchmarks/bench_search.py --sizes 10000,100000          # quick
    python benchmarks/bench_search.py                               # 10k, 100k, 1M

Prints, per size: index build time, memory, p50/p99 latency and recall@1 for the index, and
the same for a brute-force ``process.extractOne(..., scorer=fuzz.partial_ratio)`` scan over
the pre-normalised texts (on a subsample of the queries at large sizes).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import rapidfuzz
from rapidfuzz import fuzz, process

from bot.models import Quote
from bot.normalize import normalize_text
from bot.search import QuoteIndex

_COMMON_TEXT = """the of and to a in is it you that he was for on are with as i his they be at
one have this from or had by not word but what some we can out other were all there when up
use your how said an each she which do their time if will way about many then them write would
like so these her long make thing see him two has look more day could go come did number
sound no most people my over know water than call first who may down side been now find any
new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low
line differ turn cause much mean before move right boy old too same tell does set three want
air well also play small end put home read hand port large spell add even land here must big
high such follow act why ask men change went light kind off need house picture try us again
animal point mother world near build self earth father head stand own page should country
found answer school grow study still learn plant cover food sun four between state keep eye
never last let thought city tree cross farm hard start might story saw far sea draw left late
run don't while press close night real life few north open seem together next white children
begin got walk example ease paper group always music those both mark often letter until mile
river car feet care second book carry took science eat room friend began idea fish mountain
stop once base hear horse cut sure watch color face wood main enough plain girl usual young
ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half
rock order fire south problem piece told knew pass since top whole king space heard best hour
better true during hundred five remember step early hold west ground interest reach fast verb
sing listen six table travel less morning ten simple several vowel toward war lay against
pattern slow center love person money serve appear road map rain rule govern pull cold notice
voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach week final
gave green oh quick develop ocean warm free minute strong special mind behind clear tail
produce fact street inch multiply nothing course stay wheel full force blue object decide
surface deep moon island foot system busy test record boat common gold possible plane stead
dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire
bring yes distant fill east paint language among"""
COMMON_WORDS = _COMMON_TEXT.split()

CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"


def make_vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    """Common English words first, then made-up but pronounceable words."""
    words = list(dict.fromkeys(COMMON_WORDS))
    seen = set(words)
    while len(words) < size:
        syllables = int(rng.integers(1, 5))
        word = "".join(
            CONSONANTS[int(rng.integers(len(CONSONANTS)))] + VOWELS[int(rng.integers(5))]
            for _ in range(syllables)
        )
        if rng.random() < 0.4:
            word += CONSONANTS[int(rng.integers(len(CONSONANTS)))]
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_corpus(n: int, vocab_size: int, seed: int) -> list[Quote]:
    rng = np.random.default_rng(seed)
    vocab = np.array(make_vocabulary(vocab_size, rng), dtype=object)
    weights = 1.0 / np.arange(1, vocab_size + 1) ** 1.05
    cumulative = np.cumsum(weights / weights.sum())
    lengths = rng.integers(5, 61, size=n)
    ids = np.searchsorted(cumulative, rng.random(int(lengths.sum())))
    ids = np.minimum(ids, vocab_size - 1)
    words = vocab[ids]
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    quotes = []
    for i in range(n):
        text = " ".join(words[bounds[i] : bounds[i + 1]])
        quotes.append(Quote(text[0].upper() + text[1:] + ".", f"Speaker {i % 5000}", id=str(i)))
    return quotes


def typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 3:
        return word
    i = int(rng.integers(len(word) - 1))
    kind = int(rng.integers(4))
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(26))] + word[i + 1 :]
    if kind == 2:
        return word[:i] + "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(26))] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@dataclass
class Query:
    text: str
    target: str  # quote id


def make_queries(quotes: Sequence[Quote], count: int, seed: int) -> list[Query]:
    rng = np.random.default_rng(seed + 1)
    queries = []
    for _ in range(count):
        quote = quotes[int(rng.integers(len(quotes)))]
        words = quote.text.rstrip(".").split()
        size = min(len(words), int(rng.integers(4, 13)))
        start = int(rng.integers(len(words) - size + 1))
        fragment = words[start : start + size]
        for _ in range(int(rng.integers(3))):
            j = int(rng.integers(len(fragment)))
            fragment[j] = typo(fragment[j], rng)
        if len(fragment) > 1 and rng.random() < 0.25:
            j = int(rng.integers(len(fragment) - 1))
            fragment[j], fragment[j + 1] = fragment[j + 1], fragment[j]
        queries.append(Query(" ".join(fragment), quote.id))
    return queries


def rss_mib() -> float:
    """Resident memory now, after handing freed heap pages back to the system."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed arrays otherwise
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Run:
    p50_ms: float
    p99_ms: float
    cpu_p50_ms: float
    cpu_p99_ms: float
    recall: float
    count: int

    def line(self) -> str:
        return (
            f"p50 {self.p50_ms:8.2f} ms  p99 {self.p99_ms:8.2f} ms  "
            f"(CPU p50 {self.cpu_p50_ms:7.2f}  p99 {self.cpu_p99_ms:7.2f})  "
            f"recall@1 {self.recall:.3f}  (n={self.count})"
        )


def _p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]


def measure(search: Callable[[str], str | None], queries: Sequence[Query]) -> Run:
    """Wall-clock and CPU time per query: on a shared machine the CPU time is the cost."""
    wall: list[float] = []
    cpu: list[float] = []
    hits = 0
    for query in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        found = search(query.text)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        hits += found == query.target
    return Run(
        statistics.median(wall),
        _p99(wall),
        statistics.median(cpu),
        _p99(cpu),
        hits / len(queries),
        len(queries),
    )


def measure_additions(index: QuoteIndex, seed: int) -> str:
    """Articles added to the built index one by one (no rebuild), then found."""
    extra = make_corpus(2_000, 5_000, seed + 7)
    articles = [
        [Quote(q.text, q.speaker, id=f"added-{a}-{i}") for i, q in enumerate(extra[a * 20 :][:20])]
        for a in range(100)
    ]
    times = []
    for article in articles:
        start = time.process_time()
        index.add(article)
        times.append((time.process_time() - start) * 1000)
    probe = articles[-1][3]
    words = probe.text.rstrip(".").split()[:8]
    found = index.search(" ".join(words), limit=1)
    ok = bool(found) and found[0].quote.id == probe.id
    return (
        f"100 articles of 20 quotes: p50 {statistics.median(times):.2f} ms, "
        f"max {max(times):.0f} ms CPU each (max includes merging the delta segment); "
        f"last one found: {ok}"
    )


def brute_queries_for(size: int) -> int:
    return 300 if size <= 10_000 else 60 if size <= 100_000 else 10


def bench(size: int, args: argparse.Namespace) -> None:
    quotes = make_corpus(size, args.vocabulary, args.seed)
    queries = make_queries(quotes, args.queries, args.seed)
    before = rss_mib()
    start, start_cpu = time.perf_counter(), time.process_time()
    index = QuoteIndex(quotes)
    build_s = time.perf_counter() - start
    build_cpu_s = time.process_time() - start_cpu
    memory = rss_mib() - before
    peak = peak_rss_mib() - before

    def indexed(text: str) -> str | None:
        found = index.search(text, limit=1)
        return found[0].quote.id if found else None

    for query in queries[:20]:  # warm-up
        indexed(query.text)
    ours = measure(indexed, queries)

    brute_n = args.brute_queries if args.brute_queries is not None else brute_queries_for(size)
    subsample = queries[:brute_n]
    texts = {q.id: normalize_text(q.text) for q in quotes}

    def brute(text: str) -> str | None:
        best = process.extractOne(normalize_text(text), texts, scorer=fuzz.partial_ratio)
        return None if best is None else str(best[2])

    brute_run = measure(brute, subsample) if subsample else None
    ours_on_subsample = measure(indexed, subsample) if subsample else None

    print(f"\n== {size:,} quotes ({args.queries} queries) ==")
    print(
        f"index build {build_s:.1f} s wall, {build_cpu_s:.1f} s CPU; memory +{memory:.0f} MiB "
        f"RSS after the build, +{peak:.0f} MiB at its peak (numpy arrays "
        f"{index.nbytes / 2**20:.0f} MiB)"
    )
    print(f"index:       {ours.line()}")
    print(f"adding later: {measure_additions(index, args.seed)}")
    if brute_run and ours_on_subsample:
        print(f"brute force: {brute_run.line()}")
        print(f"index on the brute-force queries: recall@1 {ours_on_subsample.recall:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated")
    parser.add_argument("--queries", type=int, default=1000, help="queries per size")
    parser.add_argument(
        "--brute-queries", type=int, default=None, help="brute-force subsample (default by size)"
    )
    parser.add_argument("--vocabulary", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20180426)
    args = parser.parse_args(argv)
    print(
        f"python {platform.python_version()} numpy {np.__version__} "
        f"rapidfuzz {rapidfuzz.__version__} on {platform.machine()}, one thread; "
        f"vocabulary {args.vocabulary:,} (Zipf 1.05), seed {args.seed}"
    )
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        bench(size, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
