"""Replying to an interaction: slow work off the event loop, defer when it takes long, reply once.

Every command goes through these helpers so the 3-second rule, ephemeral replies and
``allowed_mentions`` are handled the same way everywhere.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.models import Article, Quote

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

T = TypeVar("T")

# Autocomplete must answer within Discord's 3 s; give up well before and show nothing.
AUTOCOMPLETE_BUDGET = 1.0
AUTOCOMPLETE_LIMIT = 25
CHOICE_NAME_LIMIT = 100
CHOICE_VALUE_LIMIT = 100

NO_MENTIONS = discord.AllowedMentions.none()


async def compute(
    interaction: discord.Interaction[QuotebotBot],
    func: Callable[..., T],
    /,
    *args: Any,
    ephemeral: bool,
    **kwargs: Any,
) -> T:
    """Run ``func`` on the library thread; defer the interaction if it is not done in time."""
    bot = interaction.client
    future = asyncio.ensure_future(bot.run_library(func, *args, **kwargs))
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout=bot.defer_after)
    except TimeoutError:
        if not interaction.response.is_done():
            log.debug("Deferring interaction %s: the answer takes a while", interaction.id)
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        return await future


async def reply(
    interaction: discord.Interaction[QuotebotBot],
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Send the one answer: the first response, or a followup after a defer."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
    if content is not None:
        kwargs["content"] = content[:2000]
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def one_line(text: str) -> str:
    return " ".join(text.split())


def choice_name(text: str) -> str:
    """A choice label: one line, 1-100 characters, cut with an ellipsis."""
    flat = one_line(text) or "…"
    if len(flat) <= CHOICE_NAME_LIMIT:
        return flat
    return flat[: CHOICE_NAME_LIMIT - 1].rstrip() + "…"


def quote_choice(quote: Quote) -> app_commands.Choice[str] | None:
    """An autocomplete choice previewing a quote; its value is the quote id."""
    if not quote.id or len(quote.id) > CHOICE_VALUE_LIMIT:
        return None
    who = quote.speaker or "unknown"
    budget = CHOICE_NAME_LIMIT - len(who) - 5
    text = one_line(quote.text)
    if budget < 20:
        return app_commands.Choice(name=choice_name(f"“{text}” — {who}"), value=quote.id)
    if len(text) > budget:
        text = text[: budget - 1].rstrip() + "…"
    return app_commands.Choice(name=choice_name(f"“{text}” — {who}"), value=quote.id)


def name_choices(names: list[str]) -> list[app_commands.Choice[str]]:
    """Speaker-name choices: the value is the name itself (cut to 100 characters)."""
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for name in names:
        value = one_line(name)[:CHOICE_VALUE_LIMIT]
        if not value or value in seen:
            continue
        seen.add(value)
        choices.append(app_commands.Choice(name=choice_name(name), value=value))
        if len(choices) == AUTOCOMPLETE_LIMIT:
            break
    return choices


async def autocomplete_call(
    interaction: discord.Interaction[QuotebotBot], func: Callable[..., T], /, *args: Any, **kw: Any
) -> T | None:
    """Run an autocomplete lookup within the budget; None when it failed or took too long."""
    try:
        return await asyncio.wait_for(
            interaction.client.run_library(func, *args, **kw), timeout=AUTOCOMPLETE_BUDGET
        )
    except TimeoutError:
        log.info(
            "Autocomplete gave up after %.1f s (interaction %s)",
            AUTOCOMPLETE_BUDGET,
            interaction.id,
        )
    except Exception:
        log.exception("Autocomplete failed (interaction %s)", interaction.id)
    return None


def visible_in(article: Article | None, guild_id: int | None) -> bool:
    """Bundled articles are visible everywhere, a server's articles only in that server."""
    return article is not None and (article.guild_id is None or article.guild_id == guild_id)
