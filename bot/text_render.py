"""Answers as plain terminal text, for the offline console and the CLI.

The Discord embeds (``commands/_embeds.py``) reuse the small describing helpers here, so a
quote reads the same in a terminal and in a server.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.models import Article, Match, Quote

if TYPE_CHECKING:
    from bot.answers import Library, SpeakerQuotes, SpeakerSummary, Verification, WhoSaidAnswer

KIND_LABELS = {
    "tweet": "tweet",
    "inline": "quoted in the article",
    "block": "block quote in the article",
}


def kind_label(quote: Quote) -> str:
    """Where the words were said, in a few words a reader understands."""
    return KIND_LABELS.get(quote.kind, quote.kind)


def speaker_label(quote: Quote) -> str:
    """The canonical name with the handle, or an honest "unknown"."""
    if quote.speaker is None:
        return "unknown speaker (the article does not say)"
    if quote.handle and quote.handle.lower() not in quote.speaker.lower():
        return f"{quote.speaker} ({quote.handle})"
    return quote.speaker


def article_label(article: Article | None) -> str:
    """How a reader recognises an article: its title and outlet, else the outlet, and the date.

    The id is a last resort, for an article with neither title nor outlet.
    """
    if article is None:
        return "unknown article"
    if article.title:
        name = f"{article.title} ({article.outlet})" if article.outlet else article.title
    else:
        name = article.outlet or article.id
    if article.date:
        name = f"{name}, {article.date}"
    return name


def source_line(quote: Quote, article: Article | None) -> str:
    """One line of provenance: kind, date, article and paragraph."""
    parts = [kind_label(quote)]
    if quote.date:
        parts.append(quote.date)
    where = article_label(article)
    if quote.paragraph is not None:
        where = f"{where}, paragraph {quote.paragraph}"
    parts.append(where)
    return " · ".join(parts)


def score_label(score: float) -> str:
    return f"{round(score)}/100"


def one_line(text: str, limit: int) -> str:
    """Collapse whitespace and cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - 1, 0)].rstrip() + "…"


def _article_of(library: Library, quote: Quote) -> Article | None:
    return library.get_article(quote.article_id) if quote.article_id else None


def render_quote(quote: Quote, library: Library, *, score: float | None = None) -> str:
    lines = [f"“{quote.text}”", f"  — {speaker_label(quote)}"]
    if quote.speaker_title:
        lines[-1] += f", {quote.speaker_title}"
    lines.append(f"  {source_line(quote, _article_of(library, quote))}")
    if score is not None:
        lines.append(f"  match {score_label(score)}")
    return "\n".join(lines)


def _match_line(match: Match) -> str:
    who = match.quote.speaker or "unknown speaker"
    return f"  - “{one_line(match.quote.text, 90)}” — {who} ({score_label(match.score)})"


def render_who_said(answer: WhoSaidAnswer, library: Library) -> str:
    status = answer.status
    if status == "empty_query":
        return "Type a few words you remember, e.g. /whosaid dragon energy"
    if status == "narration" and answer.narration is not None:
        hit = answer.narration
        by = f" by {hit.author}" if hit.author else ""
        article = library.get_article(hit.article_id)
        return (
            f"That is the article's own narration{by}, not a quote.\n"
            f"  {article_label(article)}, paragraph {hit.paragraph}\n"
            f"  “{one_line(hit.text, 300)}”"
        )
    if status in ("match", "ambiguous") and answer.best is not None:
        lines = []
        if status == "ambiguous":
            lines.append("Several people said something close; the best match first:")
        lines.append(render_quote(answer.best.quote, library, score=answer.best.score))
        if answer.alternatives:
            lines.append("Also close:")
            lines.extend(_match_line(m) for m in answer.alternatives)
        return "\n".join(lines)
    lines = [f"No quote matches “{one_line(answer.query, 200)}”."]
    if answer.nearest:
        lines.append("Nearest quotes:")
        lines.extend(_match_line(m) for m in answer.nearest)
    return "\n".join(lines)


def unknown_speaker(name: str, candidates: Sequence[str]) -> str:
    """The honest "who?" with the closest names, if any."""
    message = f"I don't know anyone called “{one_line(name, 100)}” in the indexed articles."
    if candidates:
        return f"{message} Did you mean {', '.join(candidates[:5])}?"
    return f"{message} Try /speakers."


def render_speaker_quotes(result: SpeakerQuotes, library: Library, name: str = "") -> str:
    if result.speaker is None:
        return unknown_speaker(name, result.candidates)
    quotes: Sequence[Quote] = result.quotes
    lines = [f"{result.speaker}: {len(quotes)} quote{'s' if len(quotes) != 1 else ''}"]
    for number, quote in enumerate(quotes, start=1):
        article = _article_of(library, quote)
        lines.append(f"{number}. “{quote.text}”")
        lines.append(f"   {source_line(quote, article)}")
    return "\n".join(lines)


def render_verification(result: Verification, library: Library) -> str:
    verdict = result.verdict
    claimed = result.claimed_speaker or "that speaker"
    if verdict == "unknown_speaker":
        return unknown_speaker(claimed, result.candidates)
    if verdict == "no_such_quote" or result.match is None:
        return f"No: nobody in the indexed articles said that ({claimed} included)."
    quote_text = render_quote(result.match.quote, library, score=result.match.score)
    if verdict == "yes":
        lines = [f"Yes: {result.actual_speaker or claimed} said it. The exact words:", quote_text]
        if result.differences:
            lines.append(f"Your wording differs: {result.differences}")
        return "\n".join(lines)
    actual = result.actual_speaker or "someone else"
    return f"No: {claimed} did not say that; {actual} did. The exact words:\n{quote_text}"


def render_speakers(speakers: Sequence[SpeakerSummary]) -> str:
    if not speakers:
        return "No speakers yet: no quotes are indexed."
    lines = [f"{len(speakers)} speaker{'s' if len(speakers) != 1 else ''}:"]
    for summary in speakers:
        also = f" (also: {', '.join(summary.aliases)})" if summary.aliases else ""
        count = summary.quote_count
        lines.append(f"  {summary.name}: {count} quote{'s' if count != 1 else ''}{also}")
    return "\n".join(lines)


def render_articles(articles: Sequence[Article]) -> str:
    if not articles:
        return "No articles are indexed."
    lines = [f"{len(articles)} article{'s' if len(articles) != 1 else ''}:"]
    for article in articles:
        lines.append(
            f"  [{article.id}] {article_label(article)}: {len(article.quotes)} quotes, "
            f"{len(article.speakers)} speakers"
        )
    return "\n".join(lines)


def render_article_info(article: Article) -> str:
    lines = [article_label(article), f"  id: {article.id}"]
    if article.author:
        lines.append(f"  author: {article.author}")
    if article.source:
        lines.append(f"  source: {article.source}")
    lines.append(f"  paragraphs: {len(article.paragraphs)}, quotes: {len(article.quotes)}")
    if article.speakers:
        names = ", ".join(s.name for s in article.speakers)
        lines.append(f"  speakers: {names}")
    return "\n".join(lines)
