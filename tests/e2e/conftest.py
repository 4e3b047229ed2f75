"""Fixtures: a fake Discord on 127.0.0.1 and bots logged into it with the real discord.py client.

``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` are process-wide, so they
are patched per test (monkeypatch restores them) and only one fake runs at a time.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.ext import commands
from fakediscord import BOT_TOKEN, GUILD_ID, BotHarness, FakeDiscord

from bot.answers import Library
from bot.client import QuotebotBot, create_bot
from bot.settings import Settings

from .sample_library import sample_library

StartBot = Callable[[commands.Bot], Awaitable[BotHarness]]


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A running fake Discord with the client pointed at it."""
    server = FakeDiscord()
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", server.gateway_url)
    try:
        yield server
    finally:
        await server.stop()
        # shown by pytest only when the test failed: what the bot sent, in order
        print(json.dumps(server.transcript(), indent=1, ensure_ascii=False, default=str)[-30000:])
    assert server.internal_errors == [], server.internal_errors


@pytest.fixture
async def start_bot(fake: FakeDiscord) -> AsyncIterator[StartBot]:
    """Start a bot against the fake and wait until it is ready; closes it before the fake stops.

    At teardown every request Discord would have rejected must belong to an interaction the
    test expected to fail.
    """
    started: list[BotHarness] = []

    async def start(bot: commands.Bot) -> BotHarness:
        harness = await BotHarness.start(fake, bot)
        started.append(harness)
        return harness

    yield start
    for harness in reversed(started):
        await harness.close()
    expected = set().union(*(h.expected_failures for h in started)) if started else set()
    unexpected = [
        request.describe()
        for request in fake.rejections
        if not request.expected
        and (request.interaction_id is None or request.interaction_id not in expected)
    ]
    assert unexpected == [], "Discord would have rejected:\n" + "\n".join(unexpected)


@pytest.fixture
def library() -> Library:
    return sample_library()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Development settings: commands sync to the fake's guild."""
    return Settings(discord_token=BOT_TOKEN, guild_id=GUILD_ID, db_path=tmp_path / "quotebot.db")


@pytest.fixture
def make_quotebot(
    settings: Settings, library: Library, tmp_path: Path
) -> Callable[..., QuotebotBot]:
    """Build (not start) quotebot the way ``quotebot run`` does, with test-friendly options."""

    def make(**options: Any) -> QuotebotBot:
        options.setdefault("library", library)
        options.setdefault("guild_ready_timeout", 0.05)
        # answer directly unless a test asks for the defer path: a loaded machine must not
        # turn a direct answer into a deferred one (tests of deferring pass defer_after=0)
        options.setdefault("defer_after", 10.0)
        options.setdefault("sync_state_path", tmp_path / "commands.json")
        return create_bot(options.pop("settings", settings), **options)

    return make


@pytest.fixture
async def quotebot(start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]) -> BotHarness:
    """quotebot logged into the fake, commands synced, ready to answer."""
    return await start_bot(make_quotebot())
