"""/articles [article]: the indexed articles for everyone, or one article in detail.

``/article list`` and ``/article info`` (the admin group) answer through the same functions.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import NotFoundError
from bot.models import Article
from commands._choices import article_autocomplete
from commands._embeds import article_info_embed, articles_embed
from commands._respond import compute, per_user_cooldown, reply, visible_in

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

ARTICLES_RATE = 5
ARTICLES_PER = 30.0


def visible_articles(library: Library, guild_id: int | None) -> list[Article]:
    """Bundled articles and this server's own, in the order they were added."""
    return [a for a in library.articles if visible_in(a, guild_id)]


async def send_article_list(
    interaction: discord.Interaction[QuotebotBot], *, ephemeral: bool
) -> None:
    library = interaction.client.library
    articles = await compute(
        interaction, visible_articles, library, interaction.guild_id, ephemeral=ephemeral
    )
    await reply(interaction, embed=articles_embed(articles), ephemeral=ephemeral)


async def send_article_info(
    interaction: discord.Interaction[QuotebotBot], article_id: str, *, ephemeral: bool
) -> None:
    found = interaction.client.library.get_article(article_id.strip())
    if found is None or not visible_in(found, interaction.guild_id):
        raise NotFoundError(f"No article with id {article_id[:100]!r}; see /articles.")
    await reply(interaction, embed=article_info_embed(found), ephemeral=ephemeral)


class Articles(commands.Cog):
    """The article list anyone may read."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot

    @app_commands.command(name="articles")
    @app_commands.describe(
        article="Show one article in detail (pick one from the list)",
        ephemeral="Show the answer only to you",
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @per_user_cooldown(ARTICLES_RATE, ARTICLES_PER)
    async def articles(
        self,
        interaction: discord.Interaction[QuotebotBot],
        article: str | None = None,
        ephemeral: bool = False,
    ) -> None:
        """The indexed articles with their quote and speaker counts, or one in detail."""
        if article and article.strip():
            await send_article_info(interaction, article, ephemeral=ephemeral)
        else:
            await send_article_list(interaction, ephemeral=ephemeral)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Articles(bot))
