"""/article: the indexed articles.

One group for everything about articles: ``list`` and ``info`` here; more subcommands are
methods added to the cog below (checks such as Manage Server go on the method itself, since
Discord applies default permissions only to a whole group).
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
from commands._respond import per_user_cooldown, reply, visible_in

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

ARTICLE_RATE = 5
ARTICLE_PER = 30.0


class ArticleCommands(
    commands.GroupCog, group_name="article", group_description="The indexed news articles"
):
    """Listing and inspecting articles."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot
        super().__init__()

    def visible_articles(self, guild_id: int | None) -> list[Article]:
        """Bundled articles and this server's own, in the order they were added."""
        return [a for a in self.bot.library.articles if visible_in(a, guild_id)]

    @app_commands.command(name="list")
    @app_commands.describe(ephemeral="Show the answer only to you")
    @per_user_cooldown(ARTICLE_RATE, ARTICLE_PER)
    async def list_articles(
        self, interaction: discord.Interaction[QuotebotBot], ephemeral: bool = False
    ) -> None:
        """The indexed articles with their quote and speaker counts."""
        articles = self.visible_articles(interaction.guild_id)
        await reply(interaction, embed=articles_embed(articles), ephemeral=ephemeral)

    @app_commands.command(name="info")
    @app_commands.describe(
        article="The article (pick one from the list)", ephemeral="Show the answer only to you"
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @per_user_cooldown(ARTICLE_RATE, ARTICLE_PER)
    async def info(
        self, interaction: discord.Interaction[QuotebotBot], article: str, ephemeral: bool = False
    ) -> None:
        """One article: title, outlet, author, date, source and who is quoted."""
        found = self.bot.library.get_article(article.strip())
        if not visible_in(found, interaction.guild_id) or found is None:
            raise NotFoundError(f"No article with id {article[:100]!r}; see /article list.")
        await reply(interaction, embed=article_info_embed(found), ephemeral=ephemeral)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(ArticleCommands(bot))
