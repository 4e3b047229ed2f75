"""/article: managing the indexed articles (Manage Server).

Discord takes default member permissions only on a top-level command, so the whole group is
for members with Manage Server (set Discord-side), and ``add``/``remove`` check it again at
run time. Everyone reads the articles with ``/articles``; ``list`` and ``info`` here answer
through the same functions.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import ArticleError
from bot.ingest import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, ArticleManager, IngestResult
from bot.store import ArticleTooLargeError, Store
from commands._choices import article_autocomplete, removable_article_autocomplete
from commands._embeds import COLOUR_INFO, clip, escape, fit
from commands._respond import in_a_server, per_user_cooldown, reply
from commands.articles import send_article_info, send_article_list

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

ARTICLE_RATE = 5
ARTICLE_PER = 30.0
ADD_RATE = 5  # adding fetches and extracts: fewer per user than reading
ADD_PER = 60.0


@app_commands.default_permissions(manage_guild=True)
class ArticleCommands(
    commands.GroupCog,
    group_name="article",
    group_description="Manage the indexed news articles (Manage Server)",
):
    """Adding, removing, listing and inspecting articles."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot
        self._article_manager: ArticleManager | None = None
        super().__init__()

    @app_commands.command(name="list")
    @app_commands.describe(ephemeral="Show the answer only to you")
    @per_user_cooldown(ARTICLE_RATE, ARTICLE_PER)
    async def list_articles(
        self, interaction: discord.Interaction[QuotebotBot], ephemeral: bool = False
    ) -> None:
        """The indexed articles with their quote and speaker counts."""
        await send_article_list(interaction, ephemeral=ephemeral)

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
        await send_article_info(interaction, article, ephemeral=ephemeral)

    # -- adding and removing (Manage Server) ------------------------------------------------
    # Checked again at run time: a server can override the group's default permissions.

    def _manager(self) -> ArticleManager:
        """The article manager over the store, opened on first use (creating the database)."""
        if self._article_manager is None:
            settings = self.bot.settings
            self._article_manager = ArticleManager(
                Store.from_settings(settings),
                self.bot.library,
                run_library=self.bot.run_library,
                allow_private_urls=settings.allow_private_urls,
            )
        return self._article_manager

    async def cog_unload(self) -> None:
        if self._article_manager is not None:
            self._article_manager.store.close()
            self._article_manager = None

    @app_commands.command(name="add")
    @app_commands.describe(
        file="The article as a .txt, .md or .html file",
        url="Or a link to the article's web page (http or https)",
    )
    @per_user_cooldown(ADD_RATE, ADD_PER)
    @app_commands.checks.has_permissions(manage_guild=True)
    @in_a_server()
    async def add(
        self,
        interaction: discord.Interaction[QuotebotBot],
        file: discord.Attachment | None = None,
        url: str | None = None,
    ) -> None:
        """Add a news article for this server: its quotes become searchable at once."""
        if (file is None) == (url is None or not url.strip()):
            raise ArticleError("Attach the article as a file, or give its URL (one of the two).")
        guild_id = interaction.guild_id
        await interaction.response.defer(ephemeral=True, thinking=True)
        manager = self._manager()
        if file is not None:
            if not file.filename.lower().endswith(SUPPORTED_SUFFIXES):
                raise ArticleError(f"{file.filename[:100]}: attach a .txt, .md or .html file.")
            if file.size > MAX_FILE_BYTES:
                raise ArticleTooLargeError(
                    f"{file.filename[:100]} is {file.size / 1_048_576:.1f} MB; files up to "
                    f"{MAX_FILE_BYTES / 1_048_576:.0f} MB are read."
                )
            try:
                data = await file.read()
            except discord.HTTPException as error:
                raise ArticleError(
                    "Could not download the attachment from Discord; try again."
                ) from error
            result = await manager.add_bytes_async(data, filename=file.filename, guild_id=guild_id)
        else:
            assert url is not None
            result = await manager.add_url_async(url.strip(), guild_id=guild_id)
        log.info(
            "Article %s added in guild %s by user %s (interaction %s): %d quotes",
            result.article.id,
            guild_id,
            interaction.user.id,
            interaction.id,
            result.quote_count,
        )
        await reply(interaction, embed=article_added_embed(result), ephemeral=True)

    @app_commands.command(name="remove")
    @app_commands.describe(article="The article to remove (its id, as in /article list)")
    @app_commands.autocomplete(article=removable_article_autocomplete)
    @per_user_cooldown(ADD_RATE, ADD_PER)
    @app_commands.checks.has_permissions(manage_guild=True)
    @in_a_server()
    async def remove(self, interaction: discord.Interaction[QuotebotBot], article: str) -> None:
        """Remove an article this server added; its quotes stop being found at once."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        removed = await self._manager().remove_async(article.strip(), guild_id=interaction.guild_id)
        log.info(
            "Article %s removed in guild %s by user %s (interaction %s)",
            removed.id,
            interaction.guild_id,
            interaction.user.id,
            interaction.id,
        )
        label = escape(clip(removed.title or removed.id, 200))
        await reply(
            interaction,
            content=f"Removed {label}: its {len(removed.quotes)} quotes are no longer searchable.",
            ephemeral=True,
        )


def article_added_embed(result: IngestResult) -> discord.Embed:
    """What was added: title, counts and the speakers found."""
    article = result.article
    verb = "Updated" if result.replaced else "Added"
    embed = discord.Embed(
        title=f"{verb}: {escape(article.title or article.id)}", colour=COLOUR_INFO
    )
    embed.add_field(name="Quotes", value=str(result.quote_count), inline=True)
    embed.add_field(name="Speakers", value=str(len(result.speakers)), inline=True)
    embed.add_field(name="Id", value=f"`{article.id.replace('`', '')}`", inline=True)
    if article.outlet or article.date:
        where = " · ".join(x for x in (article.outlet, article.date) if x)
        embed.add_field(name="Source", value=escape(where), inline=False)
    names = ", ".join(escape(name) for name in result.speakers)
    embed.add_field(
        name="Who is quoted",
        value=clip(names, 1024) if names else "Nobody: no attributed quotes were found.",
        inline=False,
    )
    if not result.quote_count:
        embed.description = "No quotations were found in this article."
    return fit(embed)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(ArticleCommands(bot))
