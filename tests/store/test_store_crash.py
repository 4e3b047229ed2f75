"""Crash safety: a process killed in the middle of a large import leaves a sound database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.models import Article, Quote, Speaker
from bot.store import Store

from .quotebank_sample import quotebank_lines

BATCH = 2_000
LINES = 60_000


def _committed_parts(db_path: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return int(
                db.execute("SELECT COUNT(*) FROM articles WHERE id LIKE 'quotebank-%'").fetchone()[
                    0
                ]
            )
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_sigkill_during_import_leaves_whole_articles_and_loses_nothing_else(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "quotebot.db"
    source = tmp_path / "corpus.jsonl"
    lines = list(quotebank_lines(LINES))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    before = Article(
        id="added-before",
        paragraphs=("An article a server added before the import.",),
        quotes=(Quote("we were here first", "Ann Lee", id="added-before:1"),),
        speakers=(Speaker("Ann Lee"),),
        guild_id=5,
    )
    with Store.open(db_path) as store:
        kept = store.save_article(before)

    env = {**os.environ, "QUOTEBOT_DB": str(db_path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "import", str(source), "--batch-size", str(BATCH)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while _committed_parts(db_path) < 3:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "the import made no progress"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with Store.open(db_path) as reopened:
        assert reopened.check_integrity() == "ok"
        assert reopened.get_article("added-before") == kept
        parts = [a for a in reopened.load_articles() if a.id.startswith("quotebank-")]
        assert 3 <= len(parts) < LINES // BATCH, "killed mid-way, as intended"
        for article in parts:  # each part holds exactly its own lines, in order
            number = int(article.id.rsplit("-", 1)[1])
            expected = [
                "qb:" + json.loads(line)["quoteID"]
                for line in lines[(number - 1) * BATCH : number * BATCH]
            ]
            assert [q.id for q in article.quotes] == expected
        assert reopened.count_quotes() == 1 + len(parts) * BATCH

    # Running the import again completes it, with no duplicates.
    rerun = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(source), "--batch-size", str(BATCH)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db_path) as finished:
        assert finished.count_quotes() == 1 + LINES
        assert finished.get_article("added-before") == kept
