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

from bot.client import forget_public_defer
from bot.models import Article
from commands._embeds import CONTENT_LIMIT, clip

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

T = TypeVar("T")

NO_MENTIONS = discord.AllowedMentions.none()
COOLDOWN_BUCKETS_MAX = 10_000


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
            if not ephemeral:
                bot.public_defers.add(interaction.id)
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
        kwargs["content"] = clip(content, CONTENT_LIMIT)
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await forget_public_defer(interaction, private=ephemeral)
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def per_user_cooldown(rate: int, per: float) -> Callable[[T], T]:
    """At most ``rate`` uses per ``per`` seconds for each user, per command.

    The buckets live on the bot (``bot.cooldowns``), not in the module, so each bot
    instance starts fresh.
    """

    async def predicate(interaction: discord.Interaction[QuotebotBot]) -> bool:
        name = interaction.command.qualified_name if interaction.command else ""
        key = (name, interaction.user.id)
        buckets = interaction.client.cooldowns
        bucket = buckets.get(key)
        if bucket is None:
            if len(buckets) > COOLDOWN_BUCKETS_MAX:
                _prune(buckets)
            bucket = buckets[key] = app_commands.Cooldown(rate, per)
        retry_after = bucket.update_rate_limit()
        if retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
        return True

    return app_commands.check(predicate)


def in_a_server() -> Callable[[T], T]:
    """Refuse use outside a server (DMs, user-installed contexts) before any other check.

    ``app_commands.guild_only`` does nothing on a subcommand, and a permission check would
    then answer "you need Manage Server" in a DM. Put this decorator below the others so it
    runs first.
    """

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        return True

    return app_commands.check(predicate)


def _prune(buckets: dict[tuple[str, int], app_commands.Cooldown]) -> None:
    """Forget buckets that have refilled: they behave exactly like new ones."""
    for key in [k for k, b in buckets.items() if b.get_tokens() >= b.rate]:
        del buckets[key]


def visible_in(article: Article | None, guild_id: int | None) -> bool:
    """Bundled articles are visible everywhere, a server's articles only in that server."""
    return article is not None and (article.guild_id is None or article.guild_id == guild_id)
