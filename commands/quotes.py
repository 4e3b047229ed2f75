"""/quotes speaker: every quote by one person, paged with buttons that survive a restart.

The buttons keep their state (page and speaker) in their ``custom_id``, so a click on a
message sent before the bot restarted still turns the page.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from commands._choices import speaker_autocomplete
from commands._embeds import (
    QUOTES_PER_PAGE,
    page_count,
    speaker_quotes_embed,
    unknown_speaker_embed,
)
from commands._respond import NO_MENTIONS, compute, per_user_cooldown, reply

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

QUOTES_RATE = 5
QUOTES_PER = 30.0

CUSTOM_ID_PREFIX = "qb:quotes:"
CUSTOM_ID_LIMIT = 100
_HASHED = "#"
PAGE_MAX = 9_999_999  # a page number takes at most 7 digits of the custom_id


def speaker_key(name: str) -> str:
    """The speaker as stored in a button: the name itself when it fits, else a short hash."""
    longest = CUSTOM_ID_LIMIT - len(CUSTOM_ID_PREFIX) - len(f"{PAGE_MAX}:")
    if len(name) <= longest and not name.startswith(_HASHED):
        return name
    return _HASHED + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def speaker_from_key(library: Library, key: str, guild_id: int | None) -> str | None:
    if not key.startswith(_HASHED):
        return key
    for summary in library.speakers(guild_id=guild_id):
        if speaker_key(summary.name) == key:
            return summary.name
    return None


class QuotesPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(r"qb:quotes:(?P<page>[0-9]{1,7}):(?P<key>.+)", re.DOTALL),
):
    """Turns to ``page`` of a speaker's quotes by editing the message in place."""

    def __init__(
        self, page: int, key: str, *, label: str = "Next ▶", disabled: bool = False
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"{CUSTOM_ID_PREFIX}{page}:{key}",
                disabled=disabled,
            )
        )
        self.page = page
        self.key = key

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> QuotesPageButton:
        return cls(int(match["page"]), match["key"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot: QuotebotBot = interaction.client
        try:
            name = await bot.run_library(
                speaker_from_key, bot.library, self.key, interaction.guild_id
            )
            result = None
            if name is not None:
                result = await bot.run_library(
                    bot.library.quotes_by, name, guild_id=interaction.guild_id
                )
            if result is None or result.speaker is None or not result.quotes:
                await interaction.response.send_message(
                    "Those quotes are no longer indexed. Run /quotes again.",
                    ephemeral=True,
                    allowed_mentions=NO_MENTIONS,
                )
                return
            pages = page_count(len(result.quotes))
            page = min(self.page, pages - 1)
            await interaction.response.edit_message(
                embed=speaker_quotes_embed(result, bot.library, page),
                view=pager(result.speaker, page, pages),
                allowed_mentions=NO_MENTIONS,
            )
        except Exception:
            log.exception("Turning a quotes page failed (interaction %s)", interaction.id)
            if not interaction.response.is_done():
                await interaction.response.send_message(
                    "Could not turn the page; please run /quotes again.", ephemeral=True
                )


def pager(speaker: str, page: int, pages: int) -> discord.ui.View | None:
    """Previous/next buttons for ``page`` (0-based) of ``pages``; None for a single page."""
    pages = min(pages, PAGE_MAX + 1)
    page = min(page, pages - 1)
    if pages <= 1:
        return None
    key = speaker_key(speaker)
    view = discord.ui.View(timeout=None)
    first, last = page == 0, page >= pages - 1
    view.add_item(
        QuotesPageButton(page if first else page - 1, key, label="◀ Previous", disabled=first)
    )
    view.add_item(QuotesPageButton(page if last else page + 1, key, label="Next ▶", disabled=last))
    return view


class Quotes(commands.Cog):
    """Every quote by one person."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(QuotesPageButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(QuotesPageButton)

    @app_commands.command(name="quotes")
    @app_commands.describe(
        speaker="A name, part of a name, or @handle", ephemeral="Show the answer only to you"
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    @per_user_cooldown(QUOTES_RATE, QUOTES_PER)
    async def quotes(
        self, interaction: discord.Interaction[QuotebotBot], speaker: str, ephemeral: bool = False
    ) -> None:
        """Every quote by a person, a few per page."""
        library = self.bot.library
        result = await compute(
            interaction,
            library.quotes_by,
            speaker,
            guild_id=interaction.guild_id,
            ephemeral=ephemeral,
        )
        if result.speaker is None:
            embed = unknown_speaker_embed(speaker, result.candidates)
            await reply(interaction, embed=embed, ephemeral=True)
            return
        embed = speaker_quotes_embed(result, library, 0, QUOTES_PER_PAGE)
        view = pager(result.speaker, 0, page_count(len(result.quotes)))
        await reply(interaction, embed=embed, view=view, ephemeral=ephemeral)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Quotes(bot))
