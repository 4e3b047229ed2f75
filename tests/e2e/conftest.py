"""Fixtures: a fake Discord on 127.0.0.1 and bots logged into it with the real discord.py client.

``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` are process-wide, so they
are patched per test (monkeypatch restores them) and only one fake runs at a time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import pytest
from discord.ext import commands
from fakediscord import BotHarness, FakeDiscord

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
        if request.interaction_id is None or request.interaction_id not in expected
    ]
    assert unexpected == [], "Discord would have rejected:\n" + "\n".join(unexpected)
