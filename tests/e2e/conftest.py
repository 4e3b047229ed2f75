"""Fixtures: a fake Discord on 127.0.0.1 and bots logged into it with the real discord.py client.

``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` are process-wide, so they
are patched per test, or per module for ``shared`` (monkeypatch restores them), and only one
fake runs at a time. Bots are closed before their fake stops.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord.ext import commands
from fakediscord import BOT_TOKEN, GUILD_ID, BotHarness, FakeDiscord, user_payload

from bot.answers import Library
from bot.client import QuotebotBot, create_bot
from bot.settings import Settings

from .sample_library import sample_library

StartBot = Callable[[commands.Bot], Awaitable[BotHarness]]


def _point_client_at(server: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", server.gateway_url)


def _show_transcript(server: FakeDiscord, since: int = 0) -> None:
    """Printed at teardown; pytest shows it only when the test failed."""
    transcript = server.transcript()[since:]
    print(json.dumps(transcript, indent=1, ensure_ascii=False, default=str)[-30000:])


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A running fake Discord with the client pointed at it."""
    server = FakeDiscord()
    await server.start()
    _point_client_at(server, monkeypatch)
    try:
        yield server
    finally:
        await server.stop()
        _show_transcript(server)
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
    fake.assert_nothing_rejected(expected)


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


@dataclass
class Shared:
    """One fake and one quotebot for a whole test module (see ``shared_quotebot``)."""

    fake: FakeDiscord
    quotebot: BotHarness
    library: Library


@pytest.fixture(scope="module")
def shared_library() -> Library:
    """The library of the module's shared quotebot; a module may override it."""
    return sample_library()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(
    tmp_path_factory: pytest.TempPathFactory, shared_library: Library
) -> AsyncIterator[Shared]:
    """quotebot started once per module, for modules of tests that only ask questions.

    Such a module sets ``pytestmark = pytest.mark.asyncio(loop_scope="module")`` and uses the
    ``shared_quotebot`` fixture; each test gets its own user (so cooldowns do not carry over)
    and its own check that Discord rejected nothing. Tests that change the library or restart
    the bot use the per-test ``quotebot`` instead.
    """
    folder = tmp_path_factory.mktemp("shared")
    with pytest.MonkeyPatch.context() as monkeypatch:
        server = FakeDiscord()
        await server.start()
        _point_client_at(server, monkeypatch)
        library = shared_library
        settings = Settings(discord_token=BOT_TOKEN, guild_id=GUILD_ID, db_path=folder / "q.db")
        bot = create_bot(
            settings,
            library=library,
            guild_ready_timeout=0.05,
            sync_state_path=folder / "commands.json",
            defer_after=10.0,
        )
        harness = await BotHarness.start(server, bot)
        try:
            yield Shared(server, harness, library)
        finally:
            await harness.close()
            await server.stop()
    assert server.internal_errors == [], server.internal_errors


_users = itertools.count(7_000_000_000_000_000_000)


@pytest.fixture
def shared_quotebot(shared: Shared) -> Iterator[BotHarness]:
    """The module's quotebot, seen by a user who has not used it before in this module."""
    harness = shared.quotebot
    harness.default_user = user_payload(next(_users), "reader")
    since = len(shared.fake.requests)
    yield harness
    _show_transcript(shared.fake, since)
    shared.fake.assert_nothing_rejected(harness.expected_failures, since)
