"""From a file or a URL to a stored, searchable article.

The path is the same for the CLI and for ``/article add``: read or fetch, find the article text
(HTML through :mod:`bot.html_text`), extract quotes and speakers, save to the store in one
transaction, then add to the in-memory library so it is searchable at once. Removing goes the
other way. Every failure is an :class:`~bot.errors.ArticleError` whose message says what to do.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.errors import ArticleError
from bot.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchedPage, fetch_url, page_text
from bot.html_text import NoArticleTextError, html_to_text
from bot.models import Article
from bot.store import MAX_ARTICLE_TEXT_BYTES, ArticleTooLargeError, Store

if TYPE_CHECKING:
    from bot.answers import Library

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILE_BYTES = 8 * 1024 * 1024  # an HTML page is mostly markup; its text must still fit 2 MB

_BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP or Word/OpenDocument file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
    b"{\\rtf": "an RTF document",
}


@dataclass(frozen=True, slots=True)
class IngestResult:
    """An article as stored, with what a user wants to hear about it."""

    article: Article
    replaced: bool = False  # the same article was already there and has been refreshed

    @property
    def quote_count(self) -> int:
        return len(self.article.quotes)

    @property
    def speakers(self) -> list[str]:
        """Speakers with at least one quote, most quoted first."""
        counts = Counter(q.speaker for q in self.article.quotes if q.speaker)
        return [name for name, _ in counts.most_common()]


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def make_article_id(name: str, text: str, guild_id: int | None) -> str:
    """``slug-of-name-1a2b3c4d``: readable; the same text in the same server, the same id."""
    digest = hashlib.sha1(f"{guild_id}\x1f{text}".encode()).hexdigest()[:8]
    return f"{_slug(name)}-{digest}"


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleError(
                f"{name} is {kind}, not text. Save the article as .txt, .md or .html and try again."
            )
    if b"\x00" in data[:8192]:
        raise ArticleError(
            f"{name} looks like a binary file, not text. Save the article as .txt, .md or .html."
        )


def _check_text_size(text: str, name: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_TEXT_BYTES:
        raise ArticleTooLargeError(
            f"{name} holds {size / 1_048_576:.1f} MB of text; an article may have at most "
            f"{MAX_ARTICLE_TEXT_BYTES / 1_048_576:.0f} MB. Split it or trim it."
        )


def _extract(
    text: str,
    *,
    name: str,
    source: str | None,
    guild_id: int | None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    date: str | None = None,
) -> Article:
    from bot.extraction import extract_article

    if not text.strip():
        raise ArticleError(f"{name} is empty: there is no article text in it.")
    _check_text_size(text, name)
    article_id = make_article_id(title or name, text, guild_id)
    article = extract_article(text, article_id=article_id, source=source)
    if not article.paragraphs:
        raise NoArticleTextError(f"{name} has no article text.")
    return replace(
        article,
        id=article_id,
        title=article.title or title,
        outlet=article.outlet or outlet,
        author=article.author or author,
        date=article.date or date,
        source=source,
        guild_id=guild_id,
    )


def _article_from_html(
    html: str, *, name: str, source: str | None, guild_id: int | None
) -> Article:
    page = html_to_text(html, url=source if source and "://" in source else None)
    return _extract(
        page.article_text(),
        name=page.title or name,
        source=source,
        guild_id=guild_id,
        title=page.title,
        outlet=page.outlet,
        author=page.author,
        date=page.date,
    )


def article_from_bytes(
    data: bytes, *, filename: str, source: str | None = None, guild_id: int | None = None
) -> Article:
    """An uploaded or local file (.txt, .md, .html) as an extracted article."""
    name = Path(filename).name or "the file"
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleError(
            f"{name}: quotebot reads .txt, .md and .html files, not "
            f"{suffix or 'files without an extension'}."
        )
    if not data.strip():
        raise ArticleError(f"{name} is empty: there is no article text in it.")
    if len(data) > MAX_FILE_BYTES:
        raise ArticleTooLargeError(
            f"{name} is {len(data) / 1_048_576:.1f} MB; files up to "
            f"{MAX_FILE_BYTES / 1_048_576:.0f} MB are read."
        )
    _refuse_binary(data, name)
    stem = Path(filename).stem
    if suffix in HTML_SUFFIXES:
        page = FetchedPage(url=source or name, content_type="text/html", charset=None, body=data)
        return _article_from_html(page_text(page), name=stem, source=source, guild_id=guild_id)
    from bot.extraction import decode_article_bytes

    text = decode_article_bytes(data)
    if _looks_like_html(text):  # a saved web page with a .txt name
        return _article_from_html(text, name=stem, source=source, guild_id=guild_id)
    return _extract(text, name=stem, source=source, guild_id=guild_id)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) and "</" in text


def article_from_file(path: Path, *, guild_id: int | None = None) -> Article:
    """A local article file as an extracted article."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleTooLargeError(
                f"{path.name} is {size / 1_048_576:.1f} MB; files up to "
                f"{MAX_FILE_BYTES / 1_048_576:.0f} MB are read."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ArticleError(f"{path} is a folder; give one article file.") from None
    except OSError as error:
        raise ArticleError(f"Cannot read {path}: {error.strerror or error}.") from None
    return article_from_bytes(data, filename=path.name, source=str(path), guild_id=guild_id)


async def article_from_url(
    url: str,
    *,
    guild_id: int | None = None,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Fetch a page and extract its article (the CPU work runs in a worker thread)."""
    page = await fetch_url(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    text = page_text(page)
    parts = urlsplit(page.url)
    name = _slug(f"{parts.hostname or ''} {Path(parts.path).stem}")
    if page.is_html:
        return await asyncio.to_thread(
            _article_from_html, text, name=name, source=page.url, guild_id=guild_id
        )
    return await asyncio.to_thread(_extract, text, name=name, source=page.url, guild_id=guild_id)


def is_url(value: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value.strip()))


LibraryRunner = Callable[..., Awaitable[Any]]


async def _run_here(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


class ArticleManager:
    """Adds and removes articles so that the store and the search library stay in step.

    The store is written first (one transaction); only then is the library told, so a failure
    never leaves a searchable article that a restart would lose. ``run_library`` runs library
    changes where the library's searches run (the bot's library thread), so an article being
    added never races a search; by default they run in the caller's thread.
    """

    def __init__(
        self,
        store: Store,
        library: Library | None = None,
        *,
        run_library: LibraryRunner | None = None,
        allow_private_urls: bool = False,
        fetch_timeout: float = DEFAULT_TIMEOUT,
        fetch_max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.store = store
        self.library = library
        self._run_library = run_library or _run_here
        self.allow_private_urls = allow_private_urls
        self.fetch_timeout = fetch_timeout
        self.fetch_max_bytes = fetch_max_bytes

    # --- synchronous (CLI) ------------------------------------------------------------------

    def add(self, article: Article) -> IngestResult:
        """Store an extracted article and make it searchable."""
        existing = self.store.get_article(article.id) is not None
        stored = self.store.save_article(article)
        if self.library is not None:
            self.library.add_article(stored)  # replaces an article with the same id
        return IngestResult(stored, replaced=existing)

    def add_path(self, path: Path, *, guild_id: int | None = None) -> IngestResult:
        return self.add(article_from_file(path, guild_id=guild_id))

    def remove(self, article_id: str, *, guild_id: int | None) -> Article:
        """Delete a server's article from the store and the library (raises NotFoundError)."""
        removed = self.store.delete_article(article_id, guild_id=guild_id)
        _forget(self.library, article_id)
        return removed

    # --- asynchronous (the bot) -------------------------------------------------------------

    async def add_bytes_async(
        self, data: bytes, *, filename: str, guild_id: int | None
    ) -> IngestResult:
        """An uploaded file: extraction and the write in a worker thread, then the library."""
        article = await asyncio.to_thread(
            article_from_bytes, data, filename=filename, source=filename, guild_id=guild_id
        )
        return await self._store_and_publish(article)

    async def add_url_async(self, url: str, *, guild_id: int | None) -> IngestResult:
        """Fetch a page (checked against ``allow_private_urls``) and add its article."""
        article = await article_from_url(
            url,
            guild_id=guild_id,
            allow_private=self.allow_private_urls,
            timeout=self.fetch_timeout,
            max_bytes=self.fetch_max_bytes,
        )
        return await self._store_and_publish(article)

    async def remove_async(self, article_id: str, *, guild_id: int | None) -> Article:
        removed = await asyncio.to_thread(self.store.delete_article, article_id, guild_id=guild_id)
        await self._run_library(_forget, self.library, article_id)
        return removed

    async def _store_and_publish(self, article: Article) -> IngestResult:
        existing = await asyncio.to_thread(self.store.get_article, article.id)
        stored = await asyncio.to_thread(self.store.save_article, article)
        if self.library is not None:
            await self._run_library(self.library.add_article, stored)
        return IngestResult(stored, replaced=existing is not None)


def _forget(library: Library | None, article_id: str) -> None:
    if library is not None and library.get_article(article_id) is not None:
        library.remove_article(article_id)


def ingest(
    target: str,
    *,
    store: Store,
    library: Library | None = None,
    guild_id: int | None = None,
    allow_private: bool = False,
) -> IngestResult:
    """``quotebot ingest``: a file path or an http(s) URL, stored (and indexed when given)."""
    manager = ArticleManager(store, library, allow_private_urls=allow_private)
    if is_url(target):
        return asyncio.run(manager.add_url_async(target, guild_id=guild_id))
    return manager.add_path(Path(target), guild_id=guild_id)
