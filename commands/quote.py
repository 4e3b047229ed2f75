"""/quote random [speaker]: a random quote, by anyone or by one person."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from commands._choices import speaker_autocomplete
from commands._embeds import quote_embed
from commands._respond import compute, per_user_cooldown, reply

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

RANDOM_RATE = 5
RANDOM_PER = 30.0


class Quote(commands.GroupCog, group_name="quote", group_description="Quotes at random"):
    """Random quotes."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="random")
    @app_commands.describe(
        speaker="Only quotes by this person (a name, part of a name, or @handle)",
        ephemeral="Show the answer only to you",
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    @per_user_cooldown(RANDOM_RATE, RANDOM_PER)
    async def random(
        self,
        interaction: discord.Interaction[QuotebotBot],
        speaker: str | None = None,
        ephemeral: bool = False,
    ) -> None:
        """A random quote, by anyone or by one person."""
        library = self.bot.library
        quote = await compute(
            interaction,
            library.random_quote,
            speaker,
            guild_id=interaction.guild_id,
            ephemeral=ephemeral,
        )
        await reply(interaction, embed=quote_embed(quote, library), ephemeral=ephemeral)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Quote(bot))
