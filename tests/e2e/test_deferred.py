"""The same answers when the work is slow enough to be deferred first (the 3-second rule).

On Discord, the first followup after a defer fills in the "thinking…" message and keeps the
visibility chosen at defer time; the fake does the same. So a private answer (an error, an
empty query, an unknown speaker) must still be private when the interaction was deferred.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fakediscord import BotHarness

from bot.answers import Library
from bot.client import GENERIC_FAILURE, QuotebotBot

from . import expect
from .conftest import StartBot


@pytest.fixture(params=[10.0, 0.0], ids=["direct", "deferred"])
def defer_after(request: pytest.FixtureRequest) -> float:
    return float(request.param)


@pytest.fixture
async def bot(
    defer_after: float, start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]
) -> BotHarness:
    return await start_bot(make_quotebot(defer_after=defer_after))


async def test_a_match_is_public_either_way(bot: BotHarness, library: Library) -> None:
    best = library.who_said("dragon energy").best
    assert best is not None
    reply = await bot.slash("whosaid", {"text": "dragon energy"})
    expect.public(reply)
    expect.no_pings(reply)
    expect.quote_embed(reply.embeds[0], best.quote, library)


async def test_an_empty_query_stays_private(bot: BotHarness) -> None:
    reply = await bot.slash("whosaid", {"text": "who said?"})
    expect.private(reply)


async def test_an_unknown_speaker_stays_private(bot: BotHarness) -> None:
    reply = await bot.slash("quotes", {"speaker": "Nobody Atall"})
    expect.private(reply)
    assert "Nobody Atall" in reply.text


async def test_an_unknown_speaker_in_verify_stays_private(bot: BotHarness) -> None:
    reply = await bot.slash("verify", {"speaker": "Nobody Atall", "text": "dragon energy"})
    expect.private(reply)


async def test_an_error_stays_private(
    bot: BotHarness, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index on fire")

    monkeypatch.setattr(library, "who_said", broken)
    reply = await bot.slash("whosaid", {"text": "dragon energy"}, expect_error=True)
    await bot.settle()
    visible = [m for m in [reply.message, *reply.followups] if GENERIC_FAILURE in m["content"]]
    assert visible, reply.sent
    for message in visible:
        assert message["flags"] & 64, message
    # and no public "thinking…" message is left behind
    assert all(m["flags"] & 64 for m in [reply.message, *reply.followups])
    if reply.type == 5 and not reply.initial.get("data", {}).get("flags"):
        assert reply.original_deleted


async def test_slow_work_is_deferred_and_then_filled_in(
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    harness = await start_bot(make_quotebot(defer_after=0.05))
    real = library.who_said

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "who_said", slow)
    reply = await harness.slash("whosaid", {"text": "dragon energy"})
    assert reply.type == 5  # deferred within the 3 s window, answered after
    best = real("dragon energy").best
    assert best is not None
    expect.quote_embed(reply.embeds[0], best.quote, library)
    expect.public(reply)
