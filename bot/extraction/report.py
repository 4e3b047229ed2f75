"""``quotebot extract PATH [--json]``: the quotations of one article file, for people or
programs."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from bot.extraction.files import read_article_file
from bot.models import Article

_TEXT_WIDTH = 300


def article_as_json(article: Article) -> dict[str, Any]:
    """The ``--json`` form: article metadata and every quote with all its fields."""
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "date": article.date,
            "source": article.source,
        },
        "quotes": [asdict(quote) for quote in article.quotes],
        "speakers": [asdict(speaker) for speaker in article.speakers],
    }


def format_article(article: Article) -> str:
    """The human form: one numbered line per quotation: speaker, kind, quote."""
    lines: list[str] = []
    header = article.title or article.id or "article"
    details = ", ".join(part for part in (article.author, article.date) if part)
    lines.append(f"{header}" + (f" ({details})" if details else ""))
    count = len(article.quotes)
    lines.append(f"{count} quotation{'s' if count != 1 else ''}")
    for number, quote in enumerate(article.quotes, start=1):
        speaker = quote.speaker or "(speaker not named)"
        text = " ".join(quote.text.split())
        if len(text) > _TEXT_WIDTH:
            text = text[: _TEXT_WIDTH - 1] + "…"
        where = f"¶{quote.paragraph}" if quote.paragraph else ""
        extra = ", partial" if quote.partial else ""
        lines.append(f"{number:3}. {speaker} — {quote.kind}{extra} {where}")
        lines.append(f"     “{text}”")
    return "\n".join(lines)


def run_extract(path: str, as_json: bool, out: TextIO) -> int:
    """Print the quotations of ``path``; ``ArticleError`` propagates to the CLI."""
    article = read_article_file(Path(path))
    if as_json:
        json.dump(article_as_json(article), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_article(article) + "\n")
    return 0
