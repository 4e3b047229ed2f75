"""The fake Discord itself: a plain discord.py bot logs in, answers, and meets Discord's limits.

These tests use a tiny bot defined here, so they prove the harness independently of quotebot.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from fakediscord import GUILD_ID, BotFailed, BotHarness, FakeDiscord, InvalidInvocation
from fakediscord.limits import CHOICES_MAX, CONTENT_MAX, EMBED_DESCRIPTION_MAX

from .conftest import StartBot

WORDS = [f"word{i:02d}" for i in range(40)]


class Pager(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Next", custom_id="tiny:next")
    async def next_page(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        await interaction.response.edit_message(content="page 2", view=self)


def tiny_bot(*, sync_to_guild: bool = True, intents: discord.Intents | None = None) -> commands.Bot:
    """A plain bot with a handful of app commands, syncing to the fake's guild on start."""
    bot = commands.Bot(
        command_prefix="!",
        intents=intents or discord.Intents.none(),
        guild_ready_timeout=0.05,
        allowed_mentions=discord.AllowedMentions.none(),
    )
    guild = discord.Object(id=GUILD_ID) if sync_to_guild else None

    @bot.tree.command(name="echo", description="Say it back", guild=guild)
    @app_commands.describe(text="what to say", times="how many times")
    async def echo(interaction: discord.Interaction[Any], text: str, times: int = 1) -> None:
        await interaction.response.send_message(text * times)

    @echo.autocomplete("text")
    async def echo_complete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        count = 30 if current == "too many" else 3
        return [app_commands.Choice(name=f"{current} {w}", value=w) for w in WORDS[:count]]

    @bot.tree.command(name="slow", description="Defers, then answers", guild=guild)
    async def slow(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send("done", ephemeral=True)

    @bot.tree.command(name="long", description="Answers with a huge embed", guild=guild)
    async def long(interaction: discord.Interaction[Any]) -> None:
        embed = discord.Embed(description="x" * (EMBED_DESCRIPTION_MAX + 1))
        await interaction.response.send_message(embed=embed)

    @bot.tree.command(name="twice", description="Answers twice", guild=guild)
    async def twice(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message("one")
        await interaction.followup.send("two")  # fine: a followup
        route = discord.http.Route(
            "POST",
            "/interactions/{interaction_id}/{token}/callback",
            interaction_id=interaction.id,
            token=interaction.token,
        )
        await bot.http.request(route, json={"type": 4, "data": {"content": "three"}})

    @bot.tree.command(name="page", description="A message with a button", guild=guild)
    async def page(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message("page 1", view=Pager())

    @bot.tree.context_menu(name="Shout", guild=guild)
    async def shout(interaction: discord.Interaction[Any], message: discord.Message) -> None:
        await interaction.response.send_message(message.content.upper())

    async def setup_hook() -> None:
        bot.add_view(Pager())
        await bot.tree.sync(guild=guild)

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


async def test_bot_logs_in_identifies_without_privileged_intents_and_syncs(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    await start_bot(tiny_bot())
    assert [r.path for r in fake.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    assert len(fake.identifies) == 1
    assert fake.identifies[0]["intents"] == discord.Intents.none().value
    names = sorted(c["name"] for c in fake.commands[GUILD_ID])
    assert names == ["Shout", "echo", "long", "page", "slow", "twice"]


async def test_slash_command_round_trip_records_exact_json(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.slash("echo", {"text": "ab", "times": 2})
    assert reply.initial == {
        "type": 4,
        "data": {"tts": False, "content": "abab", "allowed_mentions": {"parse": []}},
    }
    assert reply.content == "abab"
    assert not reply.ephemeral


async def test_defer_then_followup_fills_the_thinking_message(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.slash("slow")
    assert reply.type == 5
    assert reply.initial["data"]["flags"] == 64
    assert reply.content == "done"
    assert reply.ephemeral
    assert reply.followups == []  # the first followup replaced the "thinking…" message


async def test_autocomplete_choices_are_recorded_and_25_is_the_cap(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.autocomplete("echo", "text", {"text": "wo"})
    assert reply.choices == [{"name": f"wo {w}", "value": w} for w in WORDS[:3]]

    refused = await harness.autocomplete("echo", "text", {"text": "too many"}, expect_error=True)
    # what the bot is told is exactly Discord's error shape
    [rejected] = refused.rejections
    assert rejected.status == 400
    assert rejected.response["code"] == 50035
    assert rejected.response["errors"]["data"]["choices"]["_errors"][0]["code"] == (
        "BASE_TYPE_MAX_LENGTH"
    )
    assert len(rejected.body["data"]["choices"]) > CHOICES_MAX


async def test_an_embed_over_the_limit_is_rejected_like_discord_does(
    start_bot: StartBot,
) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.slash("long", expect_error=True)
    [rejected] = reply.rejections
    assert rejected.status == 400
    errors = rejected.response["errors"]["data"]["embeds"]["0"]["description"]["_errors"]
    assert errors[0]["message"] == f"Must be {EMBED_DESCRIPTION_MAX} or fewer in length."
    # the bot saw an HTTPException, as it would against Discord
    assert any(
        isinstance(getattr(e.exception, "original", None), discord.HTTPException)
        for e in harness.errors
    )


async def test_a_second_initial_response_is_refused(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.slash("twice", expect_error=True)
    await harness.until(lambda: bool(reply.rejections), what="the third answer")
    assert [r.response["code"] for r in reply.rejections] == [40060]
    assert [m["content"] for m in reply.sent] == ["one", "two"]


async def test_a_callback_after_three_seconds_is_refused(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    harness = await start_bot(tiny_bot())
    fake.response_window = 0.0  # every answer is "late"
    reply = await harness.slash("echo", {"text": "late"}, expect_error=True)
    await harness.until(lambda: bool(reply.rejections), what="the late answer")
    assert reply.rejections[0].response == {"code": 10062, "message": "Unknown interaction"}
    assert reply.rejections[0].status == 404


async def test_button_click_updates_the_message(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    first = await harness.slash("page")
    assert [b["custom_id"] for b in first.buttons] == ["tiny:next"]
    clicked = await harness.click(first.message, "tiny:next")
    assert clicked.type == 7
    assert first.content == "page 2"  # the same message, edited in place
    with pytest.raises(InvalidInvocation):
        await harness.click(first.message, "tiny:missing")


async def test_message_context_menu_gets_the_target_message(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    reply = await harness.context_menu("Shout", "quiet words")
    assert reply.content == "QUIET WORDS"


async def test_invocations_discord_would_not_send_are_refused(start_bot: StartBot) -> None:
    harness = await start_bot(tiny_bot())
    with pytest.raises(InvalidInvocation, match="requires option 'text'"):
        await harness.slash("echo")
    with pytest.raises(InvalidInvocation, match="no option"):
        await harness.slash("echo", {"text": "a", "loud": True})
    with pytest.raises(InvalidInvocation, match="no command"):
        await harness.slash("missing")
    with pytest.raises(InvalidInvocation, match="6000"):
        await harness.slash("echo", {"text": "x" * 6001})
    with pytest.raises(InvalidInvocation, match="DMs"):
        await harness.slash("echo", {"text": "a"}, dm=True)  # guild commands stay in the guild


async def test_gateway_drop_resumes_and_the_bot_still_answers(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    harness = await start_bot(tiny_bot())
    await fake.drop_gateway()
    await harness.until(lambda: len(fake.resumes) == 1 and fake.connected, what="a resume")
    assert fake.resumes[0]["session_id"] == "fake-session-1"
    reply = await harness.slash("echo", {"text": "back"})
    assert reply.content == "back"
    assert len(fake.identifies) == 1  # resumed, not re-identified


async def test_events_sent_while_disconnected_are_replayed_on_resume(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    harness = await start_bot(tiny_bot())
    await fake.drop_gateway()
    await harness.until(lambda: not fake.connected, what="the drop")
    payload = harness.command_payload("echo", {"text": "queued"}, dm=False)
    record = await fake.send_interaction(payload)
    reply = await harness.answer_of(record)
    assert reply.content == "queued"


async def test_the_fake_never_answers_5xx(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{fake.api_base}/interactions/1/x/callback"
        async with session.post(
            url, data=b"{not json", headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 400
            assert response.headers["Content-Type"] == "application/json"
        async with session.get(f"{fake.api_base}/nowhere") as response:
            assert response.status == 404
    assert len(fake.internal_errors) == 1
    fake.internal_errors.clear()


async def test_a_bad_token_is_refused_at_login(
    fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = tiny_bot()
    with pytest.raises(discord.LoginFailure):
        await bot.start("not-the-token")
    await bot.close()
    assert fake.requests[0].status == 401


async def test_start_failures_surface_at_once(fake: FakeDiscord) -> None:
    intents = discord.Intents.none()
    intents.message_content = True  # privileged and not enabled: Discord closes with 4014
    bot = tiny_bot(intents=intents)
    with pytest.raises(BotFailed, match="PrivilegedIntentsRequired"):
        harness = await asyncio.wait_for(BotHarness.start(fake, bot), 5)
        await harness.close()
    await bot.close()


async def test_content_limit_is_exact() -> None:
    from fakediscord import limits

    assert limits.check_message({"content": "x" * CONTENT_MAX}) == []
    [violation] = limits.check_message({"content": "x" * (CONTENT_MAX + 1)})
    assert str(violation) == "content: Must be 2000 or fewer in length."


async def test_the_fake_knows_who_a_message_would_ping(start_bot: StartBot) -> None:
    bot = tiny_bot()
    bot.allowed_mentions = None  # discord.py's default: everything in the content pings
    harness = await start_bot(bot)
    reply = await harness.slash("echo", {"text": "@everyone look <@123456789012345678>"})
    assert reply.message["mention_everyone"] is True
    assert [u["id"] for u in reply.message["mentions"]] == ["123456789012345678"]
    quiet = tiny_bot()
    await harness.close()
    harness = await start_bot(quiet)
    reply = await harness.slash("echo", {"text": "@everyone look <@123456789012345678>"})
    assert reply.message["mention_everyone"] is False
    assert reply.message["mentions"] == []
