"""The article store: added articles, their quotes and speakers in one SQLite file.

SQLite in WAL mode so readers never wait for a writer, one transaction per article so a crash
leaves an article either complete or absent, and a schema version with ordered migrations so an
old database file keeps opening after an upgrade. Quote ids are stored, never recomputed, so
they stay the same across restarts and re-indexing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.errors import ArticleError, NotFoundError, QuotebotError
from bot.extraction.decoding import MAX_ARTICLE_BYTES, ArticleTooLargeError
from bot.models import Article, Quote, Speaker
from bot.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = Path("quotebot.db")
# One size limit for every way in: what the extractor accepts is what the store keeps.
MAX_ARTICLE_TEXT_BYTES = MAX_ARTICLE_BYTES
MAX_ARTICLES_PER_GUILD = 500


class StoreError(QuotebotError):
    """The database cannot be opened or written (corrupt, newer schema, disk full)."""


class ArticleLimitError(ArticleError):
    """A server already holds as many articles as it may."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One stored article as listed to a user, without its text."""

    id: str
    title: str | None
    outlet: str | None
    author: str | None
    date: str | None
    source: str | None
    guild_id: int | None
    quote_count: int
    speaker_count: int  # distinct people quoted
    added_at: str


# A quote as bulk import writes it: (id, text, speaker, kind, date, rule, extra JSON or None).
# Plain tuples, not Quote objects: a million of them is the common case.
BulkQuote = tuple[str, str, str | None, str, str | None, str, str | None]


# --- schema -------------------------------------------------------------------------------

_SCHEMA_V1 = """
CREATE TABLE articles (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    guild_id    INTEGER,
    title       TEXT,
    outlet      TEXT,
    author      TEXT,
    date        TEXT,
    source      TEXT,
    paragraphs  TEXT NOT NULL,
    text_bytes  INTEGER NOT NULL,
    added_at    TEXT NOT NULL
);
CREATE INDEX articles_by_guild ON articles(guild_id);
CREATE TABLE quotes (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    article_pk    INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    speaker       TEXT,
    kind          TEXT NOT NULL,
    paragraph     INTEGER,
    date          TEXT,
    handle        TEXT,
    speaker_title TEXT,
    partial       INTEGER NOT NULL,
    rule          TEXT NOT NULL,
    extra         TEXT
);
CREATE INDEX quotes_by_article ON quotes(article_pk, position);
CREATE TABLE speakers (
    article_pk  INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL,
    handle      TEXT,
    title       TEXT,
    PRIMARY KEY (article_pk, position)
) WITHOUT ROWID;
"""

# Each entry upgrades the schema from version i to i + 1; append, never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


def _utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def article_text_bytes(article: Article) -> int:
    """Size of an article's text as the limit counts it (UTF-8 bytes of its paragraphs)."""
    return sum(len(p.encode("utf-8")) for p in article.paragraphs) + 2 * len(article.paragraphs)


def make_quote_id(article_id: str, position: int, quote: Quote) -> str:
    """A stable id for a quote that arrived without one: same article and text, same id."""
    key = f"{article_id}\x1f{quote.paragraph}\x1f{position}\x1f{quote.text}"
    return f"{article_id}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _quote_params(
    article_pk: int, position: int, quote: Quote, extra: str | None
) -> tuple[Any, ...]:
    return (
        quote.id,
        article_pk,
        position,
        quote.text,
        quote.speaker,
        quote.kind,
        quote.paragraph,
        quote.date,
        quote.handle,
        quote.speaker_title,
        int(quote.partial),
        quote.rule,
        extra,
    )


_INSERT_QUOTE = (
    "INSERT INTO quotes (id, article_pk, position, text, speaker, kind, paragraph, date, handle,"
    " speaker_title, partial, rule, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_BULK = (
    "INSERT INTO quotes (article_pk, position, id, text, speaker, kind, date, rule, extra,"
    " partial) VALUES (?,?,?,?,?,?,?,?,?,0)"
)
_INSERT_BULK_SKIP_DUPLICATE = _INSERT_BULK.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)


class Store:
    """quotebot's persistent article library.

    Safe to share between the event loop and worker threads: one connection, every use under
    a lock. Open it with :meth:`open` (or :meth:`from_settings`); close it when done.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        max_article_bytes: int = MAX_ARTICLE_TEXT_BYTES,
        max_articles_per_guild: int = MAX_ARTICLES_PER_GUILD,
    ) -> None:
        self._db = connection
        self.path = path
        self.max_article_bytes = max_article_bytes
        self.max_articles_per_guild = max_articles_per_guild
        self._lock = threading.RLock()

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        max_article_bytes: int = MAX_ARTICLE_TEXT_BYTES,
        max_articles_per_guild: int = MAX_ARTICLES_PER_GUILD,
    ) -> Store:
        """Open (creating on first use) the database at ``path`` and bring its schema up to date."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"Cannot open the article database {path}: {error}") from error
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=10000")
            _migrate(db, path)
        except sqlite3.DatabaseError as error:
            db.close()
            raise StoreError(
                f"{path} is not a quotebot article database or is damaged ({error}). "
                "Point QUOTEBOT_DB at another file, or move this one away to start afresh."
            ) from error
        except StoreError:
            db.close()
            raise
        return cls(
            db,
            path,
            max_article_bytes=max_article_bytes,
            max_articles_per_guild=max_articles_per_guild,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        """The store at ``QUOTEBOT_DB`` (``quotebot.db`` in the working folder when unset)."""
        return cls.open(settings.db_path or DEFAULT_DB_PATH)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # --- writing ----------------------------------------------------------------------------

    def save_article(self, article: Article) -> Article:
        """Store an article with its quotes and speakers in one transaction.

        An article with the same id is replaced (its quote ids are kept, since they come from
        the article). Returns the article as stored: quote ids and ``article_id`` filled in.
        """
        size = article_text_bytes(article)
        if size > self.max_article_bytes:
            raise ArticleTooLargeError(
                f"The article is {size / 1_048_576:.1f} MB of text; the limit is "
                f"{self.max_article_bytes / 1_048_576:.1f} MB. Split it or trim it."
            )
        article = _with_quote_ids(article)
        with self._lock, self._transaction():
            old = self._db.execute(
                "SELECT pk, guild_id FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if old is not None and old[1] != article.guild_id:
                raise ArticleError(
                    f"An article with id {article.id!r} already exists elsewhere; "
                    "give this one another id."
                )
            if old is not None:
                self._db.execute("DELETE FROM articles WHERE pk = ?", (old[0],))
            if article.guild_id is not None and old is None:
                self._check_guild_room(article.guild_id)
            article_pk = self._insert_article_row(article, size)
            self._db.executemany(
                _INSERT_QUOTE,
                (_quote_params(article_pk, i, q, None) for i, q in enumerate(article.quotes)),
            )
            self._insert_speakers(article_pk, article.speakers)
        log.info(
            "stored article %s (guild %s): %d quotes, %d speakers",
            article.id,
            article.guild_id,
            len(article.quotes),
            len(article.speakers),
        )
        return article

    def save_bulk_article(
        self, article: Article, rows: Sequence[BulkQuote], *, skip_duplicate_quotes: bool = True
    ) -> int:
        """Store one imported article (a batch of a corpus) in one transaction; fast path.

        ``article.quotes`` is ignored: the quotes come from ``rows``, whose ids must be set.
        Quotes whose id is already stored are skipped when ``skip_duplicate_quotes`` (a corpus
        often repeats a quotation). Returns how many quotes were written.
        """
        statement = _INSERT_BULK_SKIP_DUPLICATE if skip_duplicate_quotes else _INSERT_BULK
        with self._lock, self._transaction():
            old = self._db.execute("SELECT pk FROM articles WHERE id = ?", (article.id,)).fetchone()
            if old is not None:
                self._db.execute("DELETE FROM articles WHERE pk = ?", (old[0],))
            elif article.guild_id is not None:
                self._check_guild_room(article.guild_id)
            article_pk = self._insert_article_row(article, article_text_bytes(article))
            before = self._db.total_changes
            self._db.executemany(statement, [(article_pk, i, *row) for i, row in enumerate(rows)])
            written = self._db.total_changes - before
            self._insert_speakers(article_pk, article.speakers)
        return written

    def delete_article(self, article_id: str, *, guild_id: int | None) -> Article:
        """Remove an article that belongs to ``guild_id`` (``None``: an article for everyone).

        A server can only remove its own articles; anything else is reported as not found so
        that one server cannot learn what another has added.
        """
        with self._lock:
            article = self.get_article(article_id)
            if article is None or article.guild_id != guild_id:
                raise NotFoundError(
                    f"No article with id {article_id!r} here. `/article list` shows the ids."
                )
            with self._transaction():
                self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        log.info("removed article %s (guild %s)", article_id, guild_id)
        return article

    # --- reading ----------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            return None if row is None else self._load_article(row)

    def iter_articles(
        self, *, guild_id: int | None = None, all_guilds: bool = True
    ) -> Iterator[Article]:
        """Every stored article, one at a time (``all_guilds=False``: only ``guild_id``'s)."""
        where, params = ("", ()) if all_guilds else _guild_filter(guild_id)
        with self._lock:
            pks = [
                r[0]
                for r in self._db.execute(f"SELECT pk FROM articles {where} ORDER BY pk", params)
            ]
        for pk in pks:
            with self._lock:
                row = self._db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE pk = ?", (pk,)
                ).fetchone()
                if row is not None:  # removed meanwhile
                    yield self._load_article(row)

    def article_stamps(self) -> dict[str, str]:
        """A stamp per stored article that changes whenever the article is saved again."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, pk || ':' || added_at || ':' || text_bytes FROM articles"
            ).fetchall()
        return {article_id: stamp for article_id, stamp in rows}

    def data_version(self) -> int:
        """SQLite's counter of commits made by other connections (cheap change detection)."""
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def load_articles(self) -> list[Article]:
        """Everything in the store, for the library at startup."""
        return list(self.iter_articles())

    def list_articles(self, *, guild_id: int | None = None) -> list[ArticleSummary]:
        """Articles visible in ``guild_id`` (its own plus those for everyone), newest first."""
        where = "WHERE a.guild_id IS NULL" + (" OR a.guild_id = ?" if guild_id is not None else "")
        params: tuple[int, ...] = (guild_id,) if guild_id is not None else ()
        sql = f"""
            SELECT a.id, a.title, a.outlet, a.author, a.date, a.source, a.guild_id, a.added_at,
                   (SELECT COUNT(*) FROM quotes q WHERE q.article_pk = a.pk),
                   (SELECT COUNT(DISTINCT q.speaker) FROM quotes q WHERE q.article_pk = a.pk)
            FROM articles a {where} ORDER BY a.pk DESC"""
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [
            ArticleSummary(
                id=r[0],
                title=r[1],
                outlet=r[2],
                author=r[3],
                date=r[4],
                source=r[5],
                guild_id=r[6],
                added_at=r[7],
                quote_count=r[8],
                speaker_count=r[9],
            )
            for r in rows
        ]

    def count_articles(self, *, guild_id: int | None) -> int:
        where, params = _guild_filter(guild_id)
        with self._lock:
            return int(
                self._db.execute(f"SELECT COUNT(*) FROM articles {where}", params).fetchone()[0]
            )

    def count_quotes(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])

    def quote_extras(self, article_id: str) -> dict[str, dict[str, Any]]:
        """Source-specific fields kept by bulk import (e.g. Quotebank urls), by quote id."""
        with self._lock:
            rows = self._db.execute(
                "SELECT q.id, q.extra FROM quotes q JOIN articles a ON a.pk = q.article_pk"
                " WHERE a.id = ? AND q.extra IS NOT NULL",
                (article_id,),
            ).fetchall()
        return {r[0]: json.loads(r[1]) for r in rows}

    def check_integrity(self) -> str:
        """SQLite's own consistency check: ``"ok"`` when the file is sound."""
        with self._lock:
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # --- internals --------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _check_guild_room(self, guild_id: int) -> None:
        count = self._db.execute(
            "SELECT COUNT(*) FROM articles WHERE guild_id = ?", (guild_id,)
        ).fetchone()[0]
        if count >= self.max_articles_per_guild:
            raise ArticleLimitError(
                f"This server already has {count} articles, the most it may keep. "
                "Remove one with `/article remove` first."
            )

    def _insert_article_row(self, article: Article, size: int) -> int:
        cursor = self._db.execute(
            "INSERT INTO articles (id, guild_id, title, outlet, author, date, source, paragraphs,"
            " text_bytes, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.guild_id,
                article.title,
                article.outlet,
                article.author,
                article.date,
                article.source,
                json.dumps(list(article.paragraphs), ensure_ascii=False),
                size,
                _utc_now(),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_speakers(self, article_pk: int, speakers: Iterable[Speaker]) -> None:
        self._db.executemany(
            "INSERT INTO speakers (article_pk, position, name, aliases, handle, title)"
            " VALUES (?,?,?,?,?,?)",
            (
                (
                    article_pk,
                    i,
                    s.name,
                    json.dumps(list(s.aliases), ensure_ascii=False),
                    s.handle,
                    s.title,
                )
                for i, s in enumerate(speakers)
            ),
        )

    def _load_article(self, row: tuple[Any, ...]) -> Article:
        pk, article_id, guild_id, title, outlet, author, date, source, paragraphs = row
        rows = self._db.execute(
            "SELECT text, speaker, kind, id, paragraph, date, handle, speaker_title, partial,"
            " rule FROM quotes WHERE article_pk = ? ORDER BY position",
            (pk,),
        ).fetchall()
        # A stored corpus can be millions of rows: build quotes positionally, in the dataclass's
        # field order, and share the strings that repeat (speakers, dates, kinds, rules) instead
        # of keeping one copy per quote (about a third of the memory at a million quotes).
        share = sys.intern
        quotes = tuple(
            [
                Quote(
                    text,
                    speaker and share(speaker),
                    share(kind),
                    qid,
                    article_id,
                    par,
                    date and share(date),
                    handle and share(handle),
                    role and share(role),
                    part == 1,
                    share(rule),
                )
                for text, speaker, kind, qid, par, date, handle, role, part, rule in rows
            ]
        )
        speakers = tuple(
            Speaker(name=s[0], aliases=tuple(json.loads(s[1])), handle=s[2], title=s[3])
            for s in self._db.execute(
                "SELECT name, aliases, handle, title FROM speakers WHERE article_pk = ?"
                " ORDER BY position",
                (pk,),
            )
        )
        return Article(
            id=article_id,
            paragraphs=tuple(json.loads(paragraphs)),
            title=title,
            outlet=outlet,
            author=author,
            date=date,
            source=source,
            quotes=quotes,
            speakers=speakers,
            guild_id=guild_id,
        )


_ARTICLE_COLUMNS = "pk, id, guild_id, title, outlet, author, date, source, paragraphs"


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def _guild_filter(guild_id: int | None) -> tuple[str, tuple[int, ...]]:
    if guild_id is None:
        return "WHERE guild_id IS NULL", ()
    return "WHERE guild_id = ?", (guild_id,)


def _with_quote_ids(article: Article) -> Article:
    """Fill in missing quote ids and the quotes' article id; refuse duplicate ids."""
    quotes = []
    seen: set[str] = set()
    for position, quote in enumerate(article.quotes):
        if not quote.id:
            quote = replace(quote, id=make_quote_id(article.id, position, quote))
        if quote.article_id != article.id:
            quote = replace(quote, article_id=article.id)
        if quote.id in seen:
            quote = replace(quote, id=f"{quote.id}-{position}")
        seen.add(quote.id)
        quotes.append(quote)
    return replace(article, quotes=tuple(quotes))


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error (the connection autocommits)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                self._db.execute("ROLLBACK")
                raise StoreError(f"Could not save to the article database: {error}") from error
        else:
            self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise StoreError(
                    f"The article database refused the change ({exc}); nothing was saved."
                ) from exc
            if isinstance(exc, sqlite3.OperationalError):
                raise StoreError(
                    f"Could not save to the article database ({exc}); nothing was saved."
                ) from exc


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer quotebot (schema {version}, this one knows up to "
            f"{SCHEMA_VERSION}). Upgrade quotebot or use another QUOTEBOT_DB."
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[target - 1]
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
            db.execute("COMMIT")
        except sqlite3.Error as error:
            db.execute("ROLLBACK")
            raise StoreError(
                f"Could not upgrade {path} to schema {target} ({error}); the database is "
                "unchanged and still works with the previous quotebot version."
            ) from error
        except BaseException:
            db.execute("ROLLBACK")
            raise
        log.info("article database %s upgraded to schema %d", path, target)


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    for part in script.split(";"):
        if part.strip():
            yield part
