"""Answers as Discord embeds, every field cut to Discord's limits and markdown escaped.

Discord rejects a message whose embed is one character too long, so nothing here trusts the
length of article text: every string goes through :func:`clip`, and :func:`fit` trims the
whole embed to the 6,000-character total.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import discord

from bot.models import Article, Match, Quote
from bot.text_render import (
    article_label,
    kind_label,
    one_line,
    score_label,
    speaker_label,
    unknown_speaker,
)

if TYPE_CHECKING:
    from bot.answers import Library, SpeakerQuotes, SpeakerSummary, Verification, WhoSaidAnswer

log = logging.getLogger(__name__)

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000

ELLIPSIS = "…"

COLOUR_MATCH = discord.Colour.green()
COLOUR_AMBIGUOUS = discord.Colour.gold()
COLOUR_NONE = discord.Colour.light_grey()
COLOUR_INFO = discord.Colour.blurple()
COLOUR_NO = discord.Colour.red()

QUOTES_PER_PAGE = 5
# Provenance under a quote on a /quotes page: never allowed to crowd out the quote itself.
SOURCE_LIMIT = 200


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, ending with an ellipsis when anything was cut.

    A cut never leaves a dangling backslash, which would escape the ellipsis.
    """
    if len(text) <= limit:
        return text
    cut = text[: max(limit - len(ELLIPSIS), 0)]
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def escape(text: str) -> str:
    """Escape markdown so quoted words show exactly as written (``*``, ``_``, ``~``, ``|``...)."""
    return discord.utils.escape_markdown(text)


def quoted(text: str, limit: int) -> str:
    """Quote text in curly marks, escaped and cut to ``limit`` including the marks."""
    return "“" + clip(escape(text), limit - 2) + "”"


def _embed_length(embed: discord.Embed) -> int:
    return len(embed)


def fit(embed: discord.Embed) -> discord.Embed:
    """Trim an embed to Discord's per-field limits and its 6,000-character total."""
    if embed.title:
        embed.title = clip(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION_LIMIT)
    if embed.author and embed.author.name:
        embed.set_author(
            name=clip(embed.author.name, AUTHOR_LIMIT),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    if embed.footer and embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_LIMIT), icon_url=embed.footer.icon_url)
    while len(embed.fields) > FIELD_COUNT_LIMIT:
        embed.remove_field(-1)
    for index, field in enumerate(embed.fields):
        embed.set_field_at(
            index,
            name=clip(field.name or "\u200b", FIELD_NAME_LIMIT),
            value=clip(field.value or "\u200b", FIELD_VALUE_LIMIT),
            inline=bool(field.inline),
        )
    excess = _embed_length(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        keep = max(len(embed.description) - excess, 0)
        embed.description = clip(embed.description, max(keep, 1))
        excess = _embed_length(embed) - EMBED_TOTAL_LIMIT
    while excess > 0 and embed.fields:
        embed.remove_field(-1)
        excess = _embed_length(embed) - EMBED_TOTAL_LIMIT
    return embed


def _article_of(library: Library, quote: Quote) -> Article | None:
    return library.get_article(quote.article_id) if quote.article_id else None


def _where(quote: Quote, article: Article | None) -> str:
    where = escape(article_label(article))
    if quote.paragraph is not None:
        where = f"{where}, paragraph {quote.paragraph}"
    return where


def quote_embed(
    quote: Quote,
    library: Library,
    *,
    score: float | None = None,
    title: str | None = None,
    colour: discord.Colour = COLOUR_MATCH,
) -> discord.Embed:
    """One quote in full with its speaker and provenance."""
    article = _article_of(library, quote)
    embed = discord.Embed(
        title=title, description=quoted(quote.text, DESCRIPTION_LIMIT), colour=colour
    )
    who = speaker_label(quote)
    if quote.speaker_title:
        who = f"{who}, {quote.speaker_title}"
    embed.set_author(name=clip(who, AUTHOR_LIMIT))
    embed.add_field(name="Said in", value=kind_label(quote).capitalize(), inline=True)
    if quote.date:
        embed.add_field(name="Date", value=quote.date, inline=True)
    if score is not None:
        embed.add_field(name="Match", value=score_label(score), inline=True)
    embed.add_field(name="Article", value=_where(quote, article), inline=False)
    if quote.id:
        embed.set_footer(text=f"quote {quote.id}")
    return fit(embed)


def _match_lines(matches: Sequence[Match]) -> str:
    lines = []
    for match in matches:
        who = escape(match.quote.speaker or "unknown speaker")
        text = escape(one_line(match.quote.text, 120))
        lines.append(f"• “{text}” — **{who}** ({score_label(match.score)})")
    return "\n".join(lines)


def who_said_embed(answer: WhoSaidAnswer, library: Library) -> discord.Embed:
    """The answer to /whosaid: a match, an ambiguity, narration or an honest no."""
    status = answer.status
    if status in ("match", "ambiguous") and answer.best is not None:
        ambiguous = status == "ambiguous"
        embed = quote_embed(
            answer.best.quote,
            library,
            score=answer.best.score,
            title="Several people said something close" if ambiguous else None,
            colour=COLOUR_AMBIGUOUS if ambiguous else COLOUR_MATCH,
        )
        if answer.alternatives:
            embed.add_field(
                name="Also close", value=_match_lines(answer.alternatives), inline=False
            )
        return fit(embed)
    if status == "narration" and answer.narration is not None:
        hit = answer.narration
        author = hit.author
        article = library.get_article(hit.article_id)
        embed = discord.Embed(
            title="That is the article's narration, not a quote",
            description=quoted(hit.text, DESCRIPTION_LIMIT),
            colour=COLOUR_NONE,
        )
        embed.add_field(
            name="Written by",
            value=escape(author) if author else "the article's author",
            inline=True,
        )
        embed.add_field(
            name="Article",
            value=f"{escape(article_label(article))}, paragraph {hit.paragraph}",
            inline=False,
        )
        return fit(embed)
    if status == "empty_query":
        return fit(
            discord.Embed(
                title="Nothing to search for",
                description="Type a few words you remember, e.g. `/whosaid text: dragon energy`.",
                colour=COLOUR_NONE,
            )
        )
    embed = discord.Embed(
        title="No quote matches",
        description=f"Nothing in the indexed articles matches {quoted(answer.query, 1000)}.",
        colour=COLOUR_NONE,
    )
    if answer.nearest:
        embed.add_field(name="Nearest quotes", value=_match_lines(answer.nearest), inline=False)
    return fit(embed)


def page_count(total: int, per_page: int = QUOTES_PER_PAGE) -> int:
    return max(1, math.ceil(total / per_page))


def unknown_speaker_embed(name: str, candidates: Sequence[str]) -> discord.Embed:
    return fit(
        discord.Embed(
            title="Unknown speaker",
            description=escape(unknown_speaker(name, candidates)).replace(
                "/speakers", "`/speakers`"
            ),
            colour=COLOUR_NONE,
        )
    )


def speaker_quotes_embed(
    result: SpeakerQuotes, library: Library, page: int, per_page: int = QUOTES_PER_PAGE
) -> discord.Embed:
    """One page of a speaker's quotes; ``page`` is 0-based and clamped to the last page."""
    if result.speaker is None:
        return unknown_speaker_embed("", result.candidates)
    quotes = list(result.quotes)
    pages = page_count(len(quotes), per_page)
    page = min(max(page, 0), pages - 1)
    start = page * per_page
    shown = quotes[start : start + per_page]
    count = len(quotes)
    embed = discord.Embed(
        title=f"{escape(result.speaker)}: {count} quote{'s' if count != 1 else ''}",
        colour=COLOUR_INFO,
    )
    budget = (EMBED_TOTAL_LIMIT - 600) // max(len(shown), 1)
    per_field = min(FIELD_VALUE_LIMIT, budget)
    for number, quote in enumerate(shown, start=start + 1):
        article = _article_of(library, quote)
        source = f"{kind_label(quote)}" + (f", {quote.date}" if quote.date else "")
        source = clip(f"{source} · {_where(quote, article)}", SOURCE_LIMIT)
        text = quoted(quote.text, max(per_field - len(source) - len("\n-# "), 20))
        embed.add_field(name=f"{number}.", value=f"{text}\n-# {source}", inline=False)
    embed.set_footer(text=f"Page {page + 1}/{pages}")
    return fit(embed)


def verification_embed(result: Verification, library: Library) -> discord.Embed:
    verdict = result.verdict
    claimed = escape(result.claimed_speaker or "that speaker")
    if verdict == "unknown_speaker":
        return unknown_speaker_embed(result.claimed_speaker, result.candidates)
    if verdict == "no_such_quote" or result.match is None:
        return fit(
            discord.Embed(
                title="No such quote",
                description=f"Nobody in the indexed articles said that, {claimed} included.",
                colour=COLOUR_NO,
            )
        )
    match = result.match
    actual = escape(result.actual_speaker or match.quote.speaker or "someone else")
    if verdict == "yes":
        embed = quote_embed(match.quote, library, score=match.score, title=f"Yes: {actual} said it")
        if result.differences:
            embed.add_field(
                name="Your wording differs", value=escape(result.differences), inline=False
            )
        return fit(embed)
    return quote_embed(
        match.quote,
        library,
        score=match.score,
        title=f"No: {claimed} did not say that; {actual} did",
        colour=COLOUR_NO,
    )


def speakers_embed(speakers: Sequence[SpeakerSummary]) -> discord.Embed:
    count = len(speakers)
    embed = discord.Embed(title=f"{count} speaker{'s' if count != 1 else ''}", colour=COLOUR_INFO)
    if not speakers:
        embed.description = "No quotes are indexed yet."
        return embed
    embed.description = _lines_that_fit(
        (
            clip(f"**{escape(s.name)}**: {_quotes_count(s.quote_count)}{_also(s.aliases)}", 300)
            for s in speakers
        ),
        count,
    )
    return fit(embed)


def _quotes_count(n: int) -> str:
    return f"{n} quote{'s' if n != 1 else ''}"


def _also(aliases: Sequence[str]) -> str:
    return f" — also {escape(', '.join(aliases))}" if aliases else ""


def _lines_that_fit(lines: Iterable[str], count: int) -> str:
    """One line an item, as many as the description holds, then "… and N more"."""
    kept: list[str] = []
    used = 0
    for shown, line in enumerate(lines):
        if used + len(line) + 40 > DESCRIPTION_LIMIT:
            kept.append(f"… and {count - shown} more")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def articles_embed(articles: Sequence[Article]) -> discord.Embed:
    count = len(articles)
    embed = discord.Embed(
        title=f"{count} indexed article{'s' if count != 1 else ''}", colour=COLOUR_INFO
    )
    if not articles:
        embed.description = "No articles are indexed."
        return embed
    embed.description = _lines_that_fit(
        (
            clip(
                f"`{a.id.replace('`', '')}` {escape(article_label(a))}: "
                f"{len(a.quotes)} quotes, {len(a.speakers)} speakers",
                400,
            )
            for a in articles
        ),
        count,
    )
    return fit(embed)


def article_info_embed(article: Article) -> discord.Embed:
    embed = discord.Embed(title=escape(article_label(article)), colour=COLOUR_INFO)
    embed.add_field(name="Id", value=f"`{article.id.replace('`', '')}`", inline=True)
    if article.author:
        embed.add_field(name="Author", value=escape(article.author), inline=True)
    embed.add_field(name="Quotes", value=str(len(article.quotes)), inline=True)
    embed.add_field(name="Paragraphs", value=str(len(article.paragraphs)), inline=True)
    if article.source and article.source.startswith(("http://", "https://")):
        # a link, never a local file path of the machine the bot runs on
        embed.add_field(name="Source", value=article.source, inline=False)
    if article.speakers:
        names = ", ".join(escape(s.name) for s in article.speakers)
        embed.add_field(name="Speakers", value=names, inline=False)
    return fit(embed)


def help_embed(entries: Sequence[tuple[str, str]]) -> discord.Embed:
    """The command list: (usage, description) pairs."""
    embed = discord.Embed(
        title="quotebot",
        description="Who said it? I find the quotations in the indexed news articles and "
        "fuzzy-match what you half-remember.",
        colour=COLOUR_INFO,
    )
    for usage, description in entries[:FIELD_COUNT_LIMIT]:
        embed.add_field(name=usage, value=description or "\u200b", inline=False)
    return fit(embed)
