"""``quotebot ask``: one who-said question answered on the terminal, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from bot.answers import Library, NarrationHit, WhoSaidAnswer
from bot.models import Match


def match_json(match: Match, library: Library) -> dict[str, Any]:
    """One quote as the JSON the ``ask`` command prints."""
    quote = match.quote
    article = library.get_article(quote.article_id) if quote.article_id else None
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "score": match.score,
        "kind": quote.kind,
        "article": quote.article_id or None,
        "id": quote.id or None,
        "date": quote.date or (article.date if article else None),
        "paragraph": quote.paragraph,
        "handle": quote.handle,
        "partial": quote.partial,
        "article_title": article.title if article else None,
        "outlet": article.outlet if article else None,
    }


def narration_json(hit: NarrationHit) -> dict[str, Any]:
    """Narration reported like a match, with kind "narration" and no speaker."""
    return {
        "speaker": None,
        "text": hit.text,
        "score": hit.score,
        "kind": "narration",
        "article": hit.article_id,
        "paragraph": hit.paragraph,
        "author": hit.author,
        "article_title": hit.article_title,
        "outlet": hit.outlet,
    }


def answer_json(answer: WhoSaidAnswer, library: Library) -> dict[str, Any]:
    """``matches`` is best first and empty unless the match is confident."""
    result: dict[str, Any] = {
        "query": answer.query,
        "status": answer.status,
        "matches": [match_json(m, library) for m in answer.matches],
    }
    if answer.status == "ambiguous":
        result["alternatives"] = [match_json(m, library) for m in answer.alternatives]
    result["nearest"] = [match_json(m, library) for m in answer.nearest]
    result["narration"] = narration_json(answer.narration) if answer.narration else None
    return result


def run_ask(query: str, data: str | None, as_json: bool, out: IO[str]) -> int:
    """Answer ``query`` from the articles at ``data`` (default: the bundled ones)."""
    library = Library.from_path(Path(data) if data else None)
    answer = library.who_said(query)
    if as_json:
        json.dump(answer_json(answer, library), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        from bot.text_render import render_who_said

        out.write(render_who_said(answer, library) + "\n")
    return 0
