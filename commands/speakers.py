"""/speakers: everyone quoted in the articles this server can see."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from commands._embeds import speakers_embed
from commands._respond import compute, per_user_cooldown, reply

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

SPEAKERS_RATE = 3
SPEAKERS_PER = 30.0


class Speakers(commands.Cog):
    """The list of quoted people."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot

    @app_commands.command(name="speakers")
    @app_commands.describe(ephemeral="Show the answer only to you")
    @per_user_cooldown(SPEAKERS_RATE, SPEAKERS_PER)
    async def speakers(
        self, interaction: discord.Interaction[QuotebotBot], ephemeral: bool = False
    ) -> None:
        """Everyone quoted, most quoted first, with the other names they go by."""
        summaries = await compute(
            interaction,
            self.bot.library.speakers,
            guild_id=interaction.guild_id,
            ephemeral=ephemeral,
        )
        await reply(interaction, embed=speakers_embed(summaries), ephemeral=ephemeral)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Speakers(bot))
