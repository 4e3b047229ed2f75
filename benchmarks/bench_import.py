"""Import speed: a Quotebank-style JSONL corpus into the store, then made searchable.

Run: ``python benchmarks/bench_import.py [--quotes 1000000]``. Prints, for the same synthetic
corpus (Quotebank's fields: quoteID, quotation, speaker, qids, date, numOccurrences, probas,
urls, phase; quotations of 5-60 words from a Zipf-weighted vocabulary):

- the batched import (``quotebot import``): wall time, quotes per second, peak memory (RSS);
- a naive baseline on a subsample: one INSERT and one COMMIT per quotation with sqlite3's
  defaults, extrapolated to the full size;
- making it searchable: loading every stored article into a ``Library`` (the bot's startup),
  its time and peak memory, then fragment queries with their latency and how many found the
  quote they were cut from.

Each phase runs in its own process so that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vocabulary(rng: random.Random, size: int = 50_000) -> tuple[list[str], list[float]]:
    """Words and their cumulative Zipf weights."""
    letters = "etaoinshrdlucmfwypvbgkjqxz"
    weights_l = [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.2]
    weights_l += [2.0, 2.0, 1.9, 1.0, 1.5, 2.0, 0.8, 0.2, 0.1, 0.2, 0.1]
    words: set[str] = set()
    while len(words) < size:
        length = max(1, min(14, int(rng.gauss(5, 2.5))))
        words.add("".join(rng.choices(letters, weights_l, k=length)))
    ordered = sorted(words, key=lambda w: (len(w), w))
    return ordered, list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(ordered))))


def generate(path: Path, count: int, seed: int = 11) -> None:
    """Write ``count`` Quotebank-style lines; quotation i ends with a unique marker word."""
    rng = random.Random(seed)
    words, cumulative = _vocabulary(rng)
    speakers = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(20_000)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(5, 60)))
            speaker = rng.choice(speakers) if rng.random() > 0.15 else "None"
            day = 1 + i % 28
            record = {
                "quoteID": f"2020-01-{day:02d}-{i:07d}",
                "quotation": text,
                "speaker": speaker,
                "qids": [f"Q{rng.randint(1, 10**8)}"] if speaker != "None" else [],
                "date": f"2020-01-{day:02d} {i % 24:02d}:{i % 60:02d}:00",
                "numOccurrences": rng.randint(1, 9),
                "probas": [[speaker, f"{rng.random():.4f}"], ["None", f"{rng.random():.4f}"]],
                "urls": [f"http://news{rng.randint(1, 500)}.example/2020/01/{i}"],
                "phase": "E",
            }
            out.write(json.dumps(record))
            out.write("\n")


# --- phases, each run in a child process ----------------------------------------------------


def phase_import(corpus: Path, db: Path, batch: int) -> dict[str, Any]:
    from bot.jsonl import import_file
    from bot.store import Store

    start = time.perf_counter()
    with Store.open(db) as store:
        report = import_file(store, str(corpus), batch_size=batch)
    elapsed = time.perf_counter() - start
    return {
        "seconds": elapsed,
        "quotes": report.quotes,
        "articles": report.articles,
        "peak_mb": _peak_rss_mb(),
        "db_mb": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6,
    }


def phase_naive(corpus: Path, db: Path, sample: int) -> dict[str, Any]:
    """Row by row: parse a line, INSERT it, COMMIT, with sqlite3's default settings."""
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE quotes (id TEXT PRIMARY KEY, text TEXT, speaker TEXT, date TEXT, extra TEXT)"
    )
    conn.commit()
    start = time.perf_counter()
    with corpus.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n >= sample:
                break
            r = json.loads(line)
            extra = json.dumps({k: r[k] for k in ("urls", "qids", "probas") if k in r})
            conn.execute(
                "INSERT INTO quotes VALUES (?,?,?,?,?)",
                (r["quoteID"], r["quotation"], r["speaker"], r["date"][:10], extra),
            )
            conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return {"seconds": elapsed, "quotes": sample, "peak_mb": _peak_rss_mb()}


def phase_search(corpus: Path, db: Path, queries: int) -> dict[str, Any]:
    from bot.answers import Library
    from bot.store import Store

    start = time.perf_counter()
    with Store.open(db) as store:
        articles = store.load_articles()
    loaded = time.perf_counter() - start
    library = Library(articles)
    del articles
    ready = time.perf_counter() - start

    rng = random.Random(5)
    wanted = sorted(rng.sample(range(library_size(library)), queries))
    picks: list[tuple[str, str]] = []
    with corpus.open(encoding="utf-8") as lines:
        targets = iter(wanted)
        target = next(targets, None)
        for n, line in enumerate(lines):
            if n == target:
                r = json.loads(line)
                words = r["quotation"].split()
                if len(words) >= 6:
                    size = rng.randint(4, min(12, len(words)))
                    at = rng.randint(0, len(words) - size)
                    picks.append(("qb:" + r["quoteID"], " ".join(words[at : at + size])))
                target = next(targets, None)
                if target is None:
                    break
    latencies = []
    found = 0
    for quote_id, fragment in picks:
        t = time.perf_counter()
        matches = library.index.search(fragment, limit=5)
        latencies.append((time.perf_counter() - t) * 1000)
        found += any(m.quote.id == quote_id for m in matches[:1])
    latencies.sort()
    return {
        "load_seconds": loaded,
        "ready_seconds": ready,
        "quotes": library_size(library),
        "peak_mb": _peak_rss_mb(),
        "queries": len(picks),
        "found_first": found,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        if latencies
        else None,
    }


def library_size(library: Any) -> int:
    return sum(len(a.quotes) for a in library.articles)


def _child(phase: str, *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{result.stderr}")
    payload: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return payload


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-search", action="store_true", help="skip the searchable phase")
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temp folder)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "import":
        print(json.dumps(phase_import(args.corpus, args.db, args.batch_size)))
        return
    if args.phase == "naive":
        print(json.dumps(phase_naive(args.corpus, args.db, args.naive_sample)))
        return
    if args.phase == "search":
        print(json.dumps(phase_search(args.corpus, args.db, args.queries)))
        return

    work = args.workdir or Path(tempfile.mkdtemp(prefix="quotebot-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"quotebank-{args.quotes}.jsonl"
    if not corpus.exists():
        t = time.perf_counter()
        generate(corpus, args.quotes)
        print(
            f"corpus: {args.quotes:,} quotes, {corpus.stat().st_size / 1e6:.0f} MB "
            f"(generated in {time.perf_counter() - t:.0f} s) at {corpus}"
        )
    db = work / "import.db"
    for stale in work.glob("import.db*"):
        stale.unlink()
    naive_db = work / "naive.db"
    for stale in work.glob("naive.db*"):
        stale.unlink()

    common = ["--corpus", str(corpus)]
    imported = _child("import", *common, "--db", str(db), "--batch-size", str(args.batch_size))
    rate = imported["quotes"] / imported["seconds"]
    print(
        f"batched import : {imported['quotes']:,} quotes in {imported['articles']} articles, "
        f"{imported['seconds']:.1f} s ({rate:,.0f} quotes/s), peak RSS "
        f"{imported['peak_mb']:.0f} MB, database {imported['db_mb']:.0f} MB"
    )
    naive = _child(
        "naive",
        *common,
        "--db",
        str(naive_db),
        "--naive-sample",
        str(min(args.naive_sample, args.quotes)),
    )
    naive_rate = naive["quotes"] / naive["seconds"]
    print(
        f"naive baseline : {naive['quotes']:,} quotes row by row (commit each) in "
        f"{naive['seconds']:.1f} s ({naive_rate:,.0f} quotes/s) -> "
        f"{args.quotes / naive_rate / 60:.1f} min extrapolated to {args.quotes:,}; "
        f"batched is {rate / naive_rate:.0f}x faster"
    )
    if args.no_search:
        return
    searched = _child("search", *common, "--db", str(db), "--queries", str(args.queries))
    print(
        f"searchable     : {searched['quotes']:,} quotes loaded from the store in "
        f"{searched['load_seconds']:.1f} s, library ready after {searched['ready_seconds']:.1f} s, "
        f"peak RSS {searched['peak_mb']:.0f} MB"
    )
    print(
        f"queries        : {searched['queries']} fragments, p50 {searched['p50_ms']:.1f} ms, "
        f"p99 {searched['p99_ms']:.1f} ms, source quote ranked first "
        f"{searched['found_first']}/{searched['queries']}"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
