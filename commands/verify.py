"""/verify speaker text: did this person really say this?"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from commands._choices import speaker_autocomplete
from commands._embeds import verification_embed
from commands._respond import compute, per_user_cooldown, reply

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

VERIFY_RATE = 5
VERIFY_PER = 30.0


class Verify(commands.Cog):
    """Checks an attribution against the indexed quotes."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot

    @app_commands.command(name="verify")
    @app_commands.describe(
        speaker="Who supposedly said it (a name, part of a name, or @handle)",
        text="The words they supposedly said",
        ephemeral="Show the answer only to you",
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    @per_user_cooldown(VERIFY_RATE, VERIFY_PER)
    async def verify(
        self,
        interaction: discord.Interaction[QuotebotBot],
        speaker: str,
        text: str,
        ephemeral: bool = False,
    ) -> None:
        """Did this person really say this? Yes with the exact words, or who did."""
        library = self.bot.library
        result = await compute(
            interaction,
            library.verify,
            speaker,
            text,
            guild_id=interaction.guild_id,
            ephemeral=ephemeral,
        )
        private = ephemeral or result.verdict == "unknown_speaker"
        await reply(interaction, embed=verification_embed(result, library), ephemeral=private)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Verify(bot))
