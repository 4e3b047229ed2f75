"""/whosaid and the "Who said this?" message menu: find the quote someone half-remembers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from commands._choices import AUTOCOMPLETE_LIMIT, autocomplete_call, quote_choice
from commands._embeds import quote_embed, who_said_embed
from commands._respond import compute, per_user_cooldown, reply, visible_in

if TYPE_CHECKING:
    from bot.client import QuotebotBot
    from bot.models import Quote

log = logging.getLogger(__name__)

WHOSAID_RATE = 5
WHOSAID_PER = 30.0

CONTEXT_MENU_NAME = "Who said this?"


class WhoSaid(commands.Cog):
    """Who said it? Fuzzy-match remembered words against every indexed quotation."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot
        self.context_menu: app_commands.ContextMenu = app_commands.ContextMenu(
            name=CONTEXT_MENU_NAME, callback=self.who_said_this
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.context_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.context_menu.name, type=self.context_menu.type)

    def _chosen_quote(self, text: str, guild_id: int | None) -> Quote | None:
        """A quote picked from autocomplete arrives as its id."""
        candidate = text.strip()
        if not candidate or len(candidate) > 100 or " " in candidate:
            return None
        quote = self.bot.library.get_quote(candidate)
        if quote is None:
            return None
        return (
            quote if visible_in(self.bot.library.get_article(quote.article_id), guild_id) else None
        )

    async def _answer(
        self, interaction: discord.Interaction[QuotebotBot], text: str, *, ephemeral: bool
    ) -> None:
        library = self.bot.library
        chosen = self._chosen_quote(text, interaction.guild_id)
        if chosen is not None:
            await reply(interaction, embed=quote_embed(chosen, library), ephemeral=ephemeral)
            return
        answer = await compute(
            interaction, library.who_said, text, guild_id=interaction.guild_id, ephemeral=ephemeral
        )
        private = ephemeral or answer.status == "empty_query"
        await reply(interaction, embed=who_said_embed(answer, library), ephemeral=private)

    @app_commands.command(name="whosaid")
    @app_commands.describe(
        text="The words you remember (typos and missing words are fine)",
        ephemeral="Show the answer only to you",
    )
    @per_user_cooldown(WHOSAID_RATE, WHOSAID_PER)
    async def whosaid(
        self, interaction: discord.Interaction[QuotebotBot], text: str, ephemeral: bool = False
    ) -> None:
        """Who said it? Type the words you remember."""
        await self._answer(interaction, text, ephemeral=ephemeral)

    @whosaid.autocomplete("text")
    async def whosaid_text_autocomplete(
        self, interaction: discord.Interaction[QuotebotBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if not current.strip():
            return []
        matches = await autocomplete_call(
            interaction,
            self.bot.library.suggest,
            current[:300],
            AUTOCOMPLETE_LIMIT,
            guild_id=interaction.guild_id,
        )
        choices: list[app_commands.Choice[str]] = []
        seen: set[str] = set()
        for match in matches or []:
            choice = quote_choice(match.quote)
            if choice is None or choice.value in seen:
                continue
            seen.add(choice.value)
            choices.append(choice)
            if len(choices) == AUTOCOMPLETE_LIMIT:
                break
        return choices

    @per_user_cooldown(WHOSAID_RATE, WHOSAID_PER)
    async def who_said_this(
        self, interaction: discord.Interaction[QuotebotBot], message: discord.Message
    ) -> None:
        """Run /whosaid on a message's text; the answer is private to whoever asked."""
        text = message.content or ""
        if not text.strip():
            text = " ".join(e.description or "" for e in message.embeds)
        if not text.strip():
            await reply(interaction, content="That message has no text to look up.", ephemeral=True)
            return
        await self._answer(interaction, text, ephemeral=True)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(WhoSaid(bot))
