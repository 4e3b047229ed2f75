"""Autocomplete: choices within Discord's limits, computed without ever blocking or raising."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.models import Quote
from commands._respond import visible_in

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

T = TypeVar("T")

# Autocomplete must answer within Discord's 3 s; give up well before and show nothing.
AUTOCOMPLETE_BUDGET = 1.0
AUTOCOMPLETE_LIMIT = 25
CHOICE_NAME_LIMIT = 100
CHOICE_VALUE_LIMIT = 100


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


async def speaker_autocomplete(
    interaction: discord.Interaction[QuotebotBot], current: str
) -> list[app_commands.Choice[str]]:
    """Canonical names matching a typed name, alias or @handle; the most quoted when empty."""
    library = interaction.client.library
    guild_id = interaction.guild_id
    names: list[str] | None
    if current.strip():
        names = await autocomplete_call(
            interaction,
            library.speaker_names_matching,
            current[:100],
            AUTOCOMPLETE_LIMIT,
            guild_id=guild_id,
        )
    else:
        summaries = await autocomplete_call(interaction, library.speakers, guild_id=guild_id)
        names = [s.name for s in summaries or []][:AUTOCOMPLETE_LIMIT]
    return name_choices(names or [])


async def article_autocomplete(
    interaction: discord.Interaction[QuotebotBot], current: str
) -> list[app_commands.Choice[str]]:
    """Visible articles whose id or title contains what was typed; values are article ids."""
    return await _article_autocomplete(interaction, current, own_only=False)


async def removable_article_autocomplete(
    interaction: discord.Interaction[QuotebotBot], current: str
) -> list[app_commands.Choice[str]]:
    """Only the articles this server added: the bundled ones cannot be removed here."""
    if interaction.guild_id is None:
        return []
    return await _article_autocomplete(interaction, current, own_only=True)


async def _article_autocomplete(
    interaction: discord.Interaction[QuotebotBot], current: str, *, own_only: bool
) -> list[app_commands.Choice[str]]:
    choices = await autocomplete_call(
        interaction,
        _article_choices,
        interaction.client.library,
        interaction.guild_id,
        current.strip().casefold()[:200],
        own_only,
    )
    return choices or []


def _article_choices(
    library: Library, guild_id: int | None, wanted: str, own_only: bool
) -> list[app_commands.Choice[str]]:
    """Runs on the library thread, so a concurrent add cannot change the list under it."""
    choices: list[app_commands.Choice[str]] = []
    for article in library.articles:
        if own_only and article.guild_id != guild_id:
            continue
        if not visible_in(article, guild_id) or len(article.id) > CHOICE_VALUE_LIMIT:
            continue
        label = f"{article.title or article.outlet or article.id} ({article.id})"
        if wanted and wanted not in label.casefold():
            continue
        choices.append(app_commands.Choice(name=choice_name(label), value=article.id))
        if len(choices) == AUTOCOMPLETE_LIMIT:
            break
    return choices
