"""Export the store to JSON Lines and import it back, or import a Quotebank corpus.

Our own format is one article per line (metadata, paragraphs, speakers, quotes with their ids),
so an export re-imports to the same quote ids. Quotebank's quotation-centric lines
(``quotation``, ``speaker``, ``date``, ``urls``, ``qids``, ``probas``) carry no article, so they
are grouped into batches of ``batch_size`` quotes; each batch is stored as one article in one
transaction. That keeps memory flat however long the file is, makes a million rows a few dozen
transactions rather than a million, and means an interrupted import leaves whole batches only.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from bot.errors import ArticleError, QuotebotError
from bot.models import Article, Quote, Speaker
from bot.store import BulkQuote, Store

log = logging.getLogger(__name__)

FORMAT = "quotebot-article/1"
DEFAULT_BATCH = 10_000
_MAX_REPORTED_PROBLEMS = 5
_QUOTEBANK_EXTRAS = ("urls", "qids", "probas", "numOccurrences", "phase")


Progress = Callable[["ImportReport"], None]


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the user."""

    articles: int = 0
    quotes: int = 0
    duplicates: int = 0  # Quotebank quotations already stored under the same id
    bad_lines: int = 0
    problems: list[str] = field(default_factory=list)

    def note(self, line_number: int, message: str) -> None:
        self.bad_lines += 1
        if len(self.problems) < _MAX_REPORTED_PROBLEMS:
            self.problems.append(f"line {line_number}: {message}")

    def summary(self) -> str:
        text = f"Imported {self.quotes} quotes in {self.articles} articles"
        if self.duplicates:
            text += f"; {self.duplicates} quotations were already stored"
        if self.bad_lines:
            text += f"; skipped {self.bad_lines} unreadable lines ({'; '.join(self.problems)})"
        return text + "."


# --- export -------------------------------------------------------------------------------


def article_to_record(
    article: Article, extras: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    extras = extras or {}
    quotes = []
    for q in article.quotes:
        record: dict[str, Any] = {
            "id": q.id,
            "text": q.text,
            "speaker": q.speaker,
            "kind": q.kind,
            "paragraph": q.paragraph,
            "date": q.date,
            "handle": q.handle,
            "speaker_title": q.speaker_title,
            "partial": q.partial,
            "rule": q.rule,
        }
        if q.id in extras:
            record["extra"] = extras[q.id]
        quotes.append(record)
    return {
        "format": FORMAT,
        "id": article.id,
        "guild_id": article.guild_id,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "source": article.source,
        "paragraphs": list(article.paragraphs),
        "speakers": [
            {"name": s.name, "aliases": list(s.aliases), "handle": s.handle, "title": s.title}
            for s in article.speakers
        ],
        "quotes": quotes,
    }


def export_jsonl(
    store: Store, out: TextIO, *, guild_id: int | None = None, all_guilds: bool = True
) -> int:
    """Write articles one per line; ``all_guilds=False`` limits it to ``guild_id``'s."""
    count = 0
    for article in store.iter_articles(guild_id=guild_id, all_guilds=all_guilds):
        record = article_to_record(article, store.quote_extras(article.id))
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


# --- import -------------------------------------------------------------------------------


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def record_to_article(record: dict[str, Any], *, guild_id: int | None = None) -> Article:
    """One line of our own export back into an article (``guild_id`` overrides the line's)."""
    article_id = _str_or_none(record.get("id"))
    if not article_id:
        raise ArticleError("an article line without an id")
    paragraphs = record.get("paragraphs") or []
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise ArticleError("paragraphs must be a list of strings")
    quotes = []
    for q in record.get("quotes") or []:
        if not isinstance(q, dict) or not isinstance(q.get("text"), str):
            raise ArticleError("every quote needs a text")
        quotes.append(
            Quote(
                text=q["text"],
                speaker=_str_or_none(q.get("speaker")),
                kind=str(q.get("kind") or "inline"),
                id=str(q.get("id") or ""),
                article_id=article_id,
                paragraph=_int_or_none(q.get("paragraph")),
                date=_str_or_none(q.get("date")),
                handle=_str_or_none(q.get("handle")),
                speaker_title=_str_or_none(q.get("speaker_title")),
                partial=bool(q.get("partial", False)),
                rule=str(q.get("rule") or ""),
            )
        )
    speakers = []
    for s in record.get("speakers") or []:
        if isinstance(s, dict) and _str_or_none(s.get("name")):
            speakers.append(
                Speaker(
                    name=str(s["name"]).strip(),
                    aliases=tuple(str(a) for a in s.get("aliases") or ()),
                    handle=_str_or_none(s.get("handle")),
                    title=_str_or_none(s.get("title")),
                )
            )
    return Article(
        id=article_id,
        paragraphs=tuple(paragraphs),
        title=_str_or_none(record.get("title")),
        outlet=_str_or_none(record.get("outlet")),
        author=_str_or_none(record.get("author")),
        date=_str_or_none(record.get("date")),
        source=_str_or_none(record.get("source")),
        quotes=tuple(quotes),
        speakers=tuple(speakers),
        guild_id=guild_id if guild_id is not None else _int_or_none(record.get("guild_id")),
    )


def quotebank_row(record: dict[str, Any]) -> BulkQuote | None:
    """A Quotebank line as a quote row (``None`` when it has no quotation text)."""
    text = record.get("quotation")
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    speaker = record.get("speaker")
    speaker = speaker.strip() if isinstance(speaker, str) else None
    if not speaker or speaker == "None":
        speaker = None  # Quotebank's "no attribution"
    raw_id = record.get("quoteID")
    quote_id = f"qb:{raw_id}" if raw_id else "qb:" + hashlib.sha1(text.encode()).hexdigest()[:16]
    date = record.get("date")
    extra = {k: record[k] for k in _QUOTEBANK_EXTRAS if record.get(k)}
    return (
        quote_id,
        text,
        speaker,
        "inline",
        date[:10] if isinstance(date, str) and date else None,
        "quotebank",
        json.dumps(extra, ensure_ascii=False) if extra else None,
    )


class _QuotebankBatcher:
    """Collects Quotebank quotes and stores each full batch as one article."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        name: str,
        guild_id: int | None,
        progress: Progress | None,
    ):
        self._store = store
        self._progress = progress
        self._report = report
        self._name = name
        self._guild_id = guild_id
        self._slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "import"
        self._rows: list[BulkQuote] = []
        self._part = 0

    def add(self, row: BulkQuote, batch_size: int) -> None:
        self._rows.append(row)
        if len(self._rows) >= batch_size:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        self._part += 1
        scope = f"g{self._guild_id}-" if self._guild_id is not None else ""
        article_id = f"quotebank-{scope}{self._slug}-{self._part:05d}"
        # No speaker list: the library learns every name from the quotes themselves, and
        # listing a batch's thousands of names again would double that work.
        article = Article(
            id=article_id,
            paragraphs=(),
            title=f"Quotebank: {self._name} (part {self._part})",
            outlet="Quotebank",
            source=self._name,
            guild_id=self._guild_id,
        )
        written = self._store.save_bulk_article(article, self._rows)
        self._report.articles += 1
        self._report.quotes += written
        self._report.duplicates += len(self._rows) - written
        log.info("imported %s: %d quotes", article_id, written)
        self._rows = []
        if self._progress is not None:
            self._progress(self._report)


def import_lines(
    store: Store,
    lines: Iterable[str],
    *,
    name: str = "import",
    guild_id: int | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> ImportReport:
    """Import JSON lines of either format, streaming; bad lines are counted and skipped.

    ``progress`` is called with the running report after each stored Quotebank batch.
    """
    if batch_size < 1:
        raise QuotebotError("The batch size must be at least 1.")
    report = ImportReport()
    batcher = _QuotebankBatcher(store, report, name, guild_id, progress)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.note(number, f"not JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            report.note(number, "not a JSON object")
            continue
        if "quotation" in record:
            row = quotebank_row(record)
            if row is None:
                report.note(number, "empty quotation")
            else:
                batcher.add(row, batch_size)
        elif "id" in record and ("quotes" in record or "paragraphs" in record):
            try:
                article = record_to_article(record, guild_id=guild_id)
                saved = store.save_article(article)
            except ArticleError as error:
                report.note(number, str(error))
                continue
            report.articles += 1
            report.quotes += len(saved.quotes)
        else:
            report.note(number, "neither a quotebot article nor a Quotebank quotation")
    batcher.flush()
    return report


def open_jsonl(path: str) -> IO[str]:
    """A JSONL file as text lines; ``-`` is stdin, ``.gz``/``.bz2`` are decompressed."""
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    file = Path(path)
    try:
        if file.suffix == ".bz2":
            return bz2.open(file, "rt", encoding="utf-8", errors="replace")
        if file.suffix == ".gz":
            return gzip.open(file, "rt", encoding="utf-8", errors="replace")
        return file.open("r", encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise QuotebotError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise QuotebotError(f"{path} is a folder; give one .jsonl file.") from None
    except OSError as error:
        raise QuotebotError(f"Cannot read {path}: {error.strerror or error}.") from None


def import_file(
    store: Store,
    path: str,
    *,
    guild_id: int | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> ImportReport:
    """``quotebot import FILE``."""
    name = "stdin" if path == "-" else Path(path).name.split(".")[0]
    with open_jsonl(path) as lines:
        return import_lines(
            store, lines, name=name, guild_id=guild_id, batch_size=batch_size, progress=progress
        )
