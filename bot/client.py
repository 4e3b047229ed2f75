"""The Discord client: a ``commands.Bot`` that owns the quote library and the command tree.

``create_bot`` builds it without connecting, so tests can inject a library and point it at a
fake Discord. Slash commands live in ``commands/``; this module only loads them, syncs them
when they changed, and handles their errors in one place.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import QuotebotError
from bot.settings import Settings
from bot.startup import open_library

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.store_follow import StoreFollower

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "commands.whosaid",
    "commands.quotes",
    "commands.quote",
    "commands.verify",
    "commands.speakers",
    "commands.articles",
    "commands.article",
    "commands.help",
)

# Work that has not finished after this many seconds is deferred (Discord allows 3 s).
DEFAULT_DEFER_AFTER = 1.5

# How often a running bot looks for articles other processes added to the store.
DEFAULT_STORE_POLL_SECONDS = 30.0

GENERIC_FAILURE = "Something went wrong while answering. It has been logged; please try again."


def default_sync_state_path(settings: Settings) -> Path:
    """Where the hash of the last synced command tree is kept."""
    if settings.db_path is not None:
        return settings.db_path.with_name(settings.db_path.name + ".commands.json")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "quotebot" / "commands.json"


def user_message_for(error: app_commands.AppCommandError) -> tuple[str, bool]:
    """The message a user sees for ``error``, and whether the error was unexpected."""
    if isinstance(error, app_commands.CommandOnCooldown):
        seconds = max(1, math.ceil(error.retry_after))
        return f"Slow down a little: try again in {seconds} s.", False
    if isinstance(error, app_commands.CommandInvokeError):
        original = error.original
        if isinstance(original, QuotebotError):
            return str(original), False
        return GENERIC_FAILURE, True
    if isinstance(error, app_commands.TransformerError):
        return f"I could not understand {str(error.value)[:100]!r} for that option.", False
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server.", False
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(p.replace("_", " ") for p in error.missing_permissions)
        return f"You need the {needed} permission to do that.", False
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(p.replace("_", " ") for p in error.missing_permissions)
        return f"I need the {needed} permission here to do that.", False
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here.", False
    if isinstance(error, (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)):
        return "This command is out of date; please try again in a minute.", True
    return GENERIC_FAILURE, True


async def forget_public_defer(interaction: discord.Interaction[Any], *, private: bool) -> None:
    """Prepare a followup after a defer, so a private answer stays private.

    Discord fills the "thinking…" message of a public defer with the first followup and keeps
    it public, whatever the followup asks. A private answer therefore deletes that message
    first, and its followup becomes a new, private message.
    """
    public_defers: set[int] | None = getattr(interaction.client, "public_defers", None)
    if public_defers is None or interaction.id not in public_defers:
        return
    public_defers.discard(interaction.id)
    if not private:
        return
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        log.warning("Could not remove the public placeholder (interaction %s)", interaction.id)


async def send_ephemeral(interaction: discord.Interaction[Any], message: str) -> None:
    """Reply once, privately: a first response if none was sent, else a followup."""
    try:
        if interaction.response.is_done():
            await forget_public_defer(interaction, private=True)
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error (interaction %s)", interaction.id)


class QuotebotTree(app_commands.CommandTree["QuotebotBot"]):
    """The command tree with quotebot's one error handler."""

    async def on_error(
        self, interaction: discord.Interaction[QuotebotBot], error: app_commands.AppCommandError
    ) -> None:
        message, unexpected = user_message_for(error)
        name = interaction.command.qualified_name if interaction.command else "?"
        if unexpected:
            cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
            log.error(
                "Command /%s failed (interaction %s, user %s, guild %s)",
                name,
                interaction.id,
                interaction.user.id,
                interaction.guild_id,
                exc_info=cause,
            )
            if isinstance(error, app_commands.CommandNotFound):
                log.warning("Discord knows a command this bot does not: a sync is due")
        else:
            log.info(
                "Command /%s refused (interaction %s): %s",
                name,
                interaction.id,
                error.__class__.__name__,
            )
        await send_ephemeral(interaction, message)


class QuotebotBot(commands.Bot):
    """The quotebot Discord client. ``library`` answers every command."""

    user: discord.ClientUser
    library: Library

    def __init__(
        self,
        settings: Settings,
        *,
        library: Library | None = None,
        extensions: Sequence[str] = DEFAULT_EXTENSIONS,
        sync_state_path: Path | None = None,
        defer_after: float = DEFAULT_DEFER_AFTER,
        store_poll_seconds: float = DEFAULT_STORE_POLL_SECONDS,
        **options: Any,
    ) -> None:
        intents = options.pop("intents", None) or discord.Intents.none()
        intents.guilds = True
        options.setdefault("command_prefix", commands.when_mentioned)
        options.setdefault("help_command", None)
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        options.setdefault("tree_cls", QuotebotTree)
        options.setdefault(
            "allowed_installs", app_commands.AppInstallationType(guild=True, user=True)
        )
        options.setdefault(
            "allowed_contexts",
            app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
        )
        # quotebot never joins voice: skip discord.py's warnings about missing voice libraries.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(intents=intents, **options)
        self.settings = settings
        self.initial_extensions = tuple(extensions)
        self.sync_state_path = sync_state_path or default_sync_state_path(settings)
        self.defer_after = defer_after
        self.store_poll_seconds = store_poll_seconds
        self._store_follower: StoreFollower | None = None
        self._follow_task: asyncio.Task[None] | None = None
        self.failed_extensions: list[str] = []
        # Per-user cooldown buckets, keyed by (command name, user id); see commands/_respond.py.
        self.cooldowns: dict[tuple[str, int], app_commands.Cooldown] = {}
        # Interactions deferred publicly and not answered yet; see forget_public_defer.
        self.public_defers: set[int] = set()
        if library is not None:
            self.library = library
        self._library_executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="quotebot-library"
        )

    async def setup_hook(self) -> None:
        if not hasattr(self, "library"):
            self.library, self._store_follower = await self.run_library(open_library, self.settings)
        if self._store_follower is not None:
            self._follow_task = asyncio.create_task(self._follow_store(self._store_follower))
        for extension in self.initial_extensions:
            try:
                await self.load_extension(extension)
            except commands.ExtensionError:
                self.failed_extensions.append(extension)
                log.exception("Could not load the %s commands", extension)
        await self.sync_commands_if_changed()

    async def close(self) -> None:
        if self._follow_task is not None:
            self._follow_task.cancel()
        await super().close()
        self._library_executor.shutdown(wait=False, cancel_futures=True)
        if self._store_follower is not None:
            self._store_follower.store.close()

    async def _follow_store(self, follower: StoreFollower) -> None:
        """Index articles that other processes (``quotebot ingest``/``import``) store."""
        while True:
            await asyncio.sleep(self.store_poll_seconds)
            try:
                await self.run_library(follower.poll)
            except Exception:
                log.exception("Could not read new articles from the store")

    async def run_library(self, func: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run library work on the library's own thread, off the event loop.

        One worker: calls never overlap, so an article being added cannot race a search, and
        the event loop stays free to answer (or defer) other interactions meanwhile.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._library_executor, functools.partial(func, *args, **kwargs)
        )

    # -- command sync ---------------------------------------------------------------------

    def command_payload(self, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
        """The JSON Discord would receive for a sync to ``guild`` (None: global)."""
        tree_commands = self.tree.get_commands(guild=guild)
        payload = [command.to_dict(self.tree) for command in tree_commands]
        return sorted(payload, key=lambda c: (c.get("type", 1), c.get("name", "")))

    async def sync_commands_if_changed(self) -> bool:
        """Sync to the development guild when set, else globally; skip when unchanged."""
        guild_id = self.settings.guild_id
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        payload = self.command_payload(guild)
        digest = hashlib.sha256(
            json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()
        ).hexdigest()
        scope = f"{self.application_id}:{guild_id if guild_id else 'global'}"
        state = _read_state(self.sync_state_path)
        if state.get(scope) == digest:
            log.info("Slash commands unchanged since the last sync (%s); not syncing", scope)
            return False
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.Forbidden:
            log.error(
                "Discord refused the command sync to guild %s: invite the bot with the "
                "applications.commands scope",
                guild_id,
            )
            return False
        except discord.HTTPException as error:
            log.error("Could not sync slash commands (%s); old commands stay active", error)
            return False
        state[scope] = digest
        _write_state(self.sync_state_path, state)
        where = f"guild {guild_id}" if guild_id else "all servers (may take a while to appear)"
        log.info("Synced %d slash commands to %s", len(synced), where)
        return True


def _read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_state(path: Path, state: dict[str, str]) -> None:
    """Write atomically (temp file + replace); a failure only costs a resync next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except OSError as error:
        log.warning("Could not save the command sync state to %s: %s", path, error)


def create_bot(settings: Settings | None = None, **options: Any) -> QuotebotBot:
    """Build the bot without connecting.

    ``options`` pass through to ``commands.Bot`` (e.g. ``guild_ready_timeout``); quotebot's own
    are ``library`` (an already-built Library), ``extensions``, ``sync_state_path`` and
    ``defer_after`` (seconds before slow work is deferred).
    """
    return QuotebotBot(settings if settings is not None else Settings.from_env(), **options)
