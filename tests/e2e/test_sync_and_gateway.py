"""Command sync (guild or global, only when changed), intents, and surviving a gateway drop."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from fakediscord import APPLICATION_ID, BOT_TOKEN, GUILD_ID, BotHarness, FakeDiscord

from bot.answers import Library
from bot.client import QuotebotBot
from bot.settings import Settings
from commands.whosaid import CONTEXT_MENU_NAME

from . import expect
from .conftest import StartBot
from .sample_library import PROLIFIC

GUILD_SYNC = f"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"
GLOBAL_SYNC = f"/applications/{APPLICATION_ID}/commands"
PRIVILEGED = discord.Intents(members=True, presences=True, message_content=True).value


def _names(payload: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return sorted((c.get("type", 1), c["name"]) for c in payload)


async def test_commands_sync_to_the_development_guild(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    bot = quotebot.bot
    assert isinstance(bot, QuotebotBot)
    [put] = fake.requests_to("PUT", "/commands")
    assert put.path == GUILD_SYNC
    assert _names(put.body) == _names(bot.command_payload(discord.Object(id=GUILD_ID)))
    assert (1, "whosaid") in _names(put.body)
    assert (3, CONTEXT_MENU_NAME) in _names(put.body)


async def test_without_a_development_guild_commands_sync_globally_and_work_in_dms(
    fake: FakeDiscord,
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    tmp_path: Path,
) -> None:
    settings = Settings(discord_token=BOT_TOKEN, db_path=tmp_path / "q.db")
    harness = await start_bot(make_quotebot(settings=settings))
    [put] = fake.requests_to("PUT", "/commands")
    assert put.path == GLOBAL_SYNC
    for command in put.body:  # a server app and a user-installed app, in DMs too
        assert set(command["integration_types"]) == {0, 1}, command["name"]
        assert 2 in command["contexts"], command["name"]
    reply = await harness.slash("whosaid", {"text": "dragon energy"}, dm=True)
    assert reply.embeds
    expect.no_pings(reply)
    menu = await harness.context_menu(CONTEXT_MENU_NAME, "we are both dragon energy", dm=True)
    assert menu.embeds and menu.ephemeral
    paged = await harness.slash("quotes", {"speaker": PROLIFIC}, dm=True)
    assert "guild_id" not in paged.message
    turned = await harness.click(paged.message, paged.buttons[-1]["custom_id"])
    assert turned.type == 7 and "2/" in turned.embeds[0]["footer"]["text"]


async def test_an_unchanged_command_tree_is_not_synced_again(
    fake: FakeDiscord, start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]
) -> None:
    first = await start_bot(make_quotebot())
    await first.close()
    second = await start_bot(make_quotebot())
    assert len(fake.requests_to("PUT", "/commands")) == 1
    reply = await second.slash("whosaid", {"text": "dragon energy"})  # still registered
    assert reply.embeds


async def test_a_changed_command_tree_is_synced_again(
    fake: FakeDiscord, start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]
) -> None:
    first = await start_bot(make_quotebot())
    await first.close()
    changed = make_quotebot()

    async def extra(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message("extra")

    changed.tree.add_command(app_commands.Command(name="extra", description="x", callback=extra))
    await start_bot(changed)
    puts = fake.requests_to("PUT", "/commands")
    assert len(puts) == 2
    assert (1, "extra") in _names(puts[1].body)
    assert (1, "extra") not in _names(puts[0].body)


async def test_the_bot_asks_for_no_privileged_intents(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    [identify] = fake.identifies
    assert identify["intents"] & PRIVILEGED == 0


async def test_the_token_never_reaches_the_logs(
    fake: FakeDiscord,
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    harness = await start_bot(make_quotebot())
    await harness.slash("whosaid", {"text": "dragon energy"})
    assert caplog.records
    assert all(BOT_TOKEN not in record.getMessage() for record in caplog.records)


async def test_after_a_gateway_drop_the_bot_resumes_and_still_answers(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    await fake.drop_gateway()
    await quotebot.until(lambda: len(fake.resumes) == 1 and fake.connected, what="a resume")
    reply = await quotebot.slash("whosaid", {"text": "dragon energy"})
    best = library.who_said("dragon energy").best
    assert best is not None
    expect.quote_embed(reply.embeds[0], best.quote, library)
    assert len(fake.identifies) == 1  # resumed the session, no new IDENTIFY
    assert fake.gateway_connections == 2


async def test_an_interaction_sent_during_the_drop_is_answered_after_the_resume(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    await fake.drop_gateway()
    await quotebot.until(lambda: not fake.connected, what="the drop")
    record = await fake.send_interaction(
        quotebot.command_payload("whosaid", {"text": "dragon energy"})
    )
    reply = await quotebot.answer_of(record)
    assert reply.embeds
    assert len(fake.resumes) == 1


async def test_on_a_reconnect_request_the_bot_resumes_and_still_answers(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    await fake.request_reconnect()
    await quotebot.until(lambda: len(fake.resumes) == 1 and fake.connected, what="a resume")
    reply = await quotebot.slash("whosaid", {"text": "dragon energy"})
    assert reply.embeds
    assert len(fake.identifies) == 1


async def test_after_an_invalid_session_the_bot_identifies_again_and_answers(
    fake: FakeDiscord, quotebot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_wait(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before re-identifying (Discord's rate limit); not here."""

    monkeypatch.setattr(quotebot.bot, "before_identify_hook", no_wait)
    await fake.invalidate_session()
    await quotebot.until(lambda: len(fake.identifies) == 2, timeout=10, what="a new IDENTIFY")
    await quotebot.until(quotebot.bot.is_ready, what="ready again")
    reply = await quotebot.slash("whosaid", {"text": "dragon energy"})
    assert reply.embeds


async def test_a_refused_sync_is_logged_the_bot_still_runs_and_retries_next_start(
    fake: FakeDiscord, start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]
) -> None:
    fake.refuse_command_sync = (403, {"code": 50001, "message": "Missing Access"})
    first = await start_bot(make_quotebot())
    assert any("applications.commands" in e.message for e in first.errors), first.errors
    assert fake.commands == {}
    await first.close()
    fake.refuse_command_sync = None
    second = await start_bot(make_quotebot())
    assert len(fake.requests_to("PUT", "/commands")) == 2  # not marked as synced: tried again
    reply = await second.slash("whosaid", {"text": "dragon energy"})
    assert reply.embeds


async def test_a_silent_gateway_is_noticed_and_the_bot_resumes(
    fake: FakeDiscord, start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]
) -> None:
    fake.heartbeat_interval_ms = 50
    harness = await start_bot(make_quotebot(heartbeat_timeout=0.3))
    fake.ack_heartbeats = False  # the connection goes quiet: no acks, no events
    await harness.until(lambda: len(fake.resumes) >= 1, what="the bot to give up and resume")
    fake.ack_heartbeats = True
    await harness.until(lambda: fake.connected, what="the new connection")
    reply = await harness.slash("whosaid", {"text": "dragon energy"})
    assert reply.embeds
    assert len(fake.identifies) == 1
