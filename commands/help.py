"""/help: what the bot can do, read from the command tree so it never goes stale."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from commands._embeds import help_embed
from commands._respond import per_user_cooldown, reply

if TYPE_CHECKING:
    from bot.client import QuotebotBot

log = logging.getLogger(__name__)

HELP_RATE = 3
HELP_PER = 30.0

# Options every answer has; listed once at the end instead of on every line.
COMMON_OPTIONS = frozenset({"ephemeral"})


def usage(command: app_commands.Command[Any, ..., Any]) -> str:
    """``/quote random [speaker]``: required options bare, optional ones in brackets."""
    parts = [f"/{command.qualified_name}"]
    for parameter in command.parameters:
        if parameter.name in COMMON_OPTIONS:
            continue
        parts.append(
            parameter.display_name if parameter.required else f"[{parameter.display_name}]"
        )
    return " ".join(parts)


def help_entries(tree: app_commands.CommandTree[Any]) -> list[tuple[str, str]]:
    """(usage, description) for every slash command and message menu in the tree."""
    entries: list[tuple[str, str]] = []
    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        if isinstance(command, app_commands.Group):
            for sub in command.walk_commands():
                if isinstance(sub, app_commands.Command):
                    entries.append((usage(sub), sub.description))
        else:
            entries.append((usage(command), command.description))
    entries.sort()
    for menu in tree.get_commands(type=discord.AppCommandType.message):
        entries.append((f"Apps → {menu.name}", "On any message: who said its words?"))
    entries.append(("ephemeral: True", "Add it to any command to see the answer privately."))
    return entries


class Help(commands.Cog):
    """The command list."""

    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    @per_user_cooldown(HELP_RATE, HELP_PER)
    async def help(self, interaction: discord.Interaction[QuotebotBot]) -> None:
        """What quotebot can do (only you see it)."""
        await reply(interaction, embed=help_embed(help_entries(self.bot.tree)), ephemeral=True)


async def setup(bot: QuotebotBot) -> None:
    await bot.add_cog(Help(bot))
