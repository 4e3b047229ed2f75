"""Reading an article file: bytes to text to ``Article``, with optional sidecar metadata."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

from bot.extraction.decoding import (
    decode_article_bytes,
    read_article_bytes,
)
from bot.extraction.pipeline import extract_article
from bot.models import Article

log = logging.getLogger(__name__)


def read_article_file(path: str | Path) -> Article:
    """Read, decode and extract one article file (raises ``ArticleError`` on bad input).

    Metadata the text lacks (title, outlet, author, date, url) may sit next to it in
    ``<stem>.meta.json``; values in the file's own header lines take precedence.
    """
    file_path = Path(path)
    text = decode_article_bytes(read_article_bytes(file_path))
    article = extract_article(text, article_id=file_path.stem, source=str(file_path))
    meta = _sidecar_metadata(file_path)
    if not meta:
        return article
    return replace(
        article,
        title=article.title or meta.get("title"),
        outlet=article.outlet or meta.get("outlet"),
        author=article.author or meta.get("author"),
        date=article.date or meta.get("date"),
        source=meta.get("url") or meta.get("source") or article.source,
    )


def _sidecar_metadata(path: Path) -> dict[str, str]:
    """``<stem>.meta.json`` next to the article: string fields only; a bad file is ignored
    with a warning (the article itself is still usable)."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("ignoring unreadable metadata file %s: %s", sidecar, error)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring metadata file %s: not a JSON object", sidecar)
        return {}
    fields = ("title", "outlet", "author", "date", "url", "source")
    return {
        key: value.strip()
        for key, value in data.items()
        if key in fields and isinstance(value, str) and value.strip()
    }
