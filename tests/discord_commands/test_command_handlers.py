"""Each command called directly with a recording interaction: what it sends, and when."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from pathlib import Path
from typing import Any, cast

import discord
import pytest
from discord import app_commands
from sample_library import SERVER_ID

from bot.answers import Library
from bot.client import QuotebotBot, user_message_for
from bot.errors import NotFoundError
from commands import _choices, quotes, whosaid
from commands.help import help_entries

from .fakes import FakeInteraction, make_bot


def cog(bot: QuotebotBot, name: str) -> Any:
    found = bot.get_cog(name)
    assert found is not None, name
    return found


async def call(command: Any, interaction: FakeInteraction, *args: Any, **kwargs: Any) -> None:
    """Run a command's checks (cooldowns) and then its callback, as the tree would."""
    interaction.command = command
    for check in command.checks:
        await check(interaction)
    binding = getattr(command, "binding", None)
    if binding is not None:
        await command.callback(binding, interaction, *args, **kwargs)
    else:
        await command.callback(interaction, *args, **kwargs)


async def test_whosaid_answers_with_the_speaker_and_no_mentions(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, interaction, "dragon enrgy")
    answer = interaction.answer
    assert answer.kind == "message" and not answer.ephemeral
    assert answer.embed.author.name == "Kanye West (@kanyewest)"
    assert answer.options["allowed_mentions"].to_dict() == {"parse": []}


async def test_whosaid_ephemeral_and_empty_query_are_private(bot: QuotebotBot) -> None:
    private = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, private, "dragon energy", ephemeral=True)
    assert private.answer.ephemeral
    empty = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, empty, "   ")
    assert empty.answer.ephemeral and empty.answer.embed.title == "Nothing to search for"


async def test_a_picked_suggestion_answers_that_exact_quote(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, interaction, "music:2")
    assert interaction.answer.embed.footer.text == "quote music:2"


async def test_a_servers_article_is_visible_only_in_that_server(bot: QuotebotBot) -> None:
    here = FakeInteraction(bot, guild_id=SERVER_ID)
    await call(cog(bot, "WhoSaid").whosaid, here, "potholes are my personal enemy")
    assert here.answer.embed.author.name == "Mara Mayor"
    elsewhere = FakeInteraction(bot, guild_id=SERVER_ID + 1)
    await call(cog(bot, "WhoSaid").whosaid, elsewhere, "potholes are my personal enemy")
    assert elsewhere.answer.embed.title == "No quote matches"
    quote_id = bot.library.articles[1].quotes[0].id
    by_id = FakeInteraction(bot, guild_id=None)
    await call(cog(bot, "WhoSaid").whosaid, by_id, quote_id)
    assert by_id.answer.embed.author.name != "Mara Mayor"


class SlowLibrary:
    """Wraps a library; ``who_said`` takes a while, like a search over a huge corpus."""

    def __init__(self, library: Library, delay: float) -> None:
        self._library = library
        self._delay = delay

    def who_said(self, query: str, **kwargs: Any) -> Any:
        time.sleep(self._delay)
        return self._library.who_said(query, **kwargs)

    def suggest(self, query: str, limit: int = 25, **kwargs: Any) -> Any:
        time.sleep(self._delay)
        return self._library.suggest(query, limit, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._library, name)


async def test_slow_work_defers_first_then_follows_up(library: Library, tmp_path: Path) -> None:
    bot = make_bot(cast(Library, SlowLibrary(library, 0.2)), tmp_path, defer_after=0.05)
    await bot.load_extension("commands.whosaid")
    interaction = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, interaction, "dragon energy", ephemeral=True)
    assert [s.kind for s in interaction.sent] == ["defer", "followup"]
    assert interaction.sent[0].options["ephemeral"] is True
    assert interaction.answer.embed.author.name == "Kanye West (@kanyewest)"
    await bot.close()


async def test_a_private_answer_after_a_public_defer_replaces_the_placeholder(
    library: Library, tmp_path: Path
) -> None:
    bot = make_bot(cast(Library, SlowLibrary(library, 0.2)), tmp_path, defer_after=0.05)
    await bot.load_extension("commands.whosaid")
    interaction = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, interaction, "who said?")  # nothing to search
    assert [s.kind for s in interaction.sent] == ["defer", "delete", "followup"]
    assert interaction.sent[0].options["ephemeral"] is False
    assert interaction.answer.ephemeral
    assert bot.public_defers == set()

    public = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, public, "dragon energy")
    assert [s.kind for s in public.sent] == ["defer", "followup"]  # fills the placeholder
    assert not public.answer.ephemeral
    await bot.close()


async def test_an_error_after_a_public_defer_stays_private(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await interaction.response.defer(ephemeral=False)
    bot.public_defers.add(interaction.id)
    error = app_commands.CommandInvokeError(cog(bot, "WhoSaid").whosaid, ZeroDivisionError())
    await bot.tree.on_error(interaction.as_interaction(), error)
    assert [s.kind for s in interaction.sent] == ["defer", "delete", "followup"]
    assert interaction.answer.ephemeral


async def test_fast_work_is_not_deferred(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await call(cog(bot, "WhoSaid").whosaid, interaction, "dragon energy")
    assert [s.kind for s in interaction.sent] == ["message"]


async def test_autocomplete_previews_quotes_within_discords_limits(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    choices = await cog(bot, "WhoSaid").whosaid_text_autocomplete(interaction, "we will keep")
    assert 1 <= len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice.name) <= 100 and len(choice.value) <= 100
        assert bot.library.get_quote(choice.value) is not None
    assert choices[0].value == "music:4"
    assert choices[0].name.endswith("…” — John Legend")
    assert await cog(bot, "WhoSaid").whosaid_text_autocomplete(interaction, "  ") == []


async def test_autocomplete_never_raises_and_gives_up_in_time(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_choices, "AUTOCOMPLETE_BUDGET", 0.05)
    bot = make_bot(cast(Library, SlowLibrary(library, 0.5)), tmp_path)
    await bot.load_extension("commands.whosaid")
    started = time.perf_counter()
    assert await cog(bot, "WhoSaid").whosaid_text_autocomplete(FakeInteraction(bot), "x") == []
    assert time.perf_counter() - started < 0.4

    class Broken:
        def suggest(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("index exploded")

    bot.library = cast(Library, Broken())
    assert await cog(bot, "WhoSaid").whosaid_text_autocomplete(FakeInteraction(bot), "x") == []
    await bot.close()


async def test_speaker_autocomplete_accepts_alias_and_handle(bot: QuotebotBot) -> None:
    by_handle = await _choices.speaker_autocomplete(FakeInteraction(bot).as_interaction(), "@ros")
    assert [c.value for c in by_handle] == ["Rosie O’Donnell"]
    top = await _choices.speaker_autocomplete(FakeInteraction(bot).as_interaction(), "")
    assert top[0].value == "John Legend"  # the most quoted first


async def test_context_menu_runs_whosaid_on_the_message_privately(bot: QuotebotBot) -> None:
    menu = cog(bot, "WhoSaid").context_menu
    interaction = FakeInteraction(bot)
    await call(menu, interaction, _message("wake from the illusion"))
    assert interaction.answer.ephemeral
    assert interaction.answer.embed.author.name == "Rosie O’Donnell (@Rosie)"
    blank = FakeInteraction(bot)
    await call(menu, blank, _message(""))
    assert blank.answer.content == "That message has no text to look up."


def _message(content: str) -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(content=content, embeds=[])


async def test_cooldown_per_user_with_try_again_message(bot: QuotebotBot) -> None:
    command = cog(bot, "WhoSaid").whosaid
    for _ in range(whosaid.WHOSAID_RATE):
        await call(command, FakeInteraction(bot, user_id=7), "dragon energy")
    with pytest.raises(app_commands.CommandOnCooldown) as raised:
        await call(command, FakeInteraction(bot, user_id=7), "dragon energy")
    message, unexpected = user_message_for(raised.value)
    assert re.fullmatch(r"Slow down a little: try again in \d+ s\.", message) and not unexpected
    await call(command, FakeInteraction(bot, user_id=8), "dragon energy")  # others unaffected


async def test_tree_errors_are_friendly_private_and_logged_with_the_id(
    bot: QuotebotBot, caplog: pytest.LogCaptureFixture
) -> None:
    command = cog(bot, "WhoSaid").whosaid
    known = FakeInteraction(bot, command=command)
    error = app_commands.CommandInvokeError(command, NotFoundError("No quotes by Zorblax yet."))
    await bot.tree.on_error(known.as_interaction(), error)
    assert known.answer.content == "No quotes by Zorblax yet." and known.answer.ephemeral

    crash = FakeInteraction(bot, command=command)
    boom = app_commands.CommandInvokeError(command, ZeroDivisionError("boom"))
    with caplog.at_level(logging.ERROR, logger="bot.client"):
        await bot.tree.on_error(crash.as_interaction(), boom)
    assert "Something went wrong" in (crash.answer.content or "") and crash.answer.ephemeral
    assert str(crash.id) in caplog.text and "ZeroDivisionError" in caplog.text


async def test_errors_after_a_defer_go_out_as_a_followup(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await interaction.response.defer(ephemeral=True)
    error = app_commands.CommandInvokeError(cog(bot, "WhoSaid").whosaid, NotFoundError("gone"))
    await bot.tree.on_error(interaction.as_interaction(), error)
    assert interaction.answer.kind == "followup" and interaction.answer.content == "gone"


async def test_quotes_pages_with_buttons_that_survive_a_restart(
    library: Library, tmp_path: Path
) -> None:
    for n in range(6):
        library.add_article(_article_by("Kanye West", f"extra{n}", f"Extra line number {n}."))
    first_bot = make_bot(library, tmp_path)
    await first_bot.load_extension("commands.quotes")
    interaction = FakeInteraction(first_bot)
    await call(cog(first_bot, "Quotes").quotes, interaction, "kanye")
    answer = interaction.answer
    assert answer.embed.footer.text == "Page 1/2"
    previous, following = _buttons(answer.options["view"])
    assert previous["disabled"] and not following["disabled"]
    custom_id = following["custom_id"]
    assert len(custom_id) <= 100
    await first_bot.close()

    # A new process: nothing in memory but the custom_id on the message.
    second_bot = make_bot(library, tmp_path)
    await second_bot.load_extension("commands.quotes")
    template = quotes.QuotesPageButton.__discord_ui_compiled_template__
    match = template.fullmatch(custom_id)
    assert match is not None
    click = FakeInteraction(second_bot)
    old_item = quotes.QuotesPageButton(0, "unused")
    item = await quotes.QuotesPageButton.from_custom_id(click.as_interaction(), old_item, match)
    await item.callback(click.as_interaction())
    assert click.answer.kind == "edit"
    assert click.answer.embed.footer.text == "Page 2/2"
    previous, following = _buttons(click.answer.options["view"])
    assert not previous["disabled"] and following["disabled"]
    await second_bot.close()


def test_a_speaker_with_thousands_of_pages_still_gets_buttons() -> None:
    view = quotes.pager("Prolific Speaker", 20_000, 40_000)
    assert view is not None
    ids = [b["custom_id"] for b in _buttons(view)]
    assert ids == ["qb:quotes:19999:Prolific Speaker", "qb:quotes:20001:Prolific Speaker"]


def _buttons(view: discord.ui.View) -> list[dict[str, Any]]:
    """The buttons as Discord receives them."""
    rows = view.to_components()
    return [button for row in rows for button in row["components"]]


def _article_by(speaker: str, article_id: str, text: str) -> Any:
    from bot.models import Article, Quote

    return Article(id=article_id, paragraphs=(text,), quotes=(Quote(text, speaker, paragraph=1),))


def test_very_long_speaker_names_fit_in_a_custom_id(library: Library) -> None:
    name = "Somebody With " + "An Extremely Long Name " * 10
    key = quotes.speaker_key(name)
    assert len(f"{quotes.CUSTOM_ID_PREFIX}{quotes.PAGE_MAX}:{key}") <= 100
    library.add_article(_article_by(name, "long", "Words by a long name."))
    assert quotes.speaker_from_key(library, key, None) == name


async def test_unknown_speaker_is_a_private_answer(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await call(cog(bot, "Quotes").quotes, interaction, "Zorblax")
    assert interaction.answer.ephemeral and interaction.answer.embed.title == "Unknown speaker"
    with pytest.raises(NotFoundError):
        await call(cog(bot, "Quote").random, FakeInteraction(bot), "Zorblax")


async def test_verify_says_who_really_said_it(bot: QuotebotBot) -> None:
    interaction = FakeInteraction(bot)
    await call(cog(bot, "Verify").verify, interaction, "kanye", "wake from the illusion")
    assert interaction.answer.embed.title == "No: Kanye West did not say that; Rosie O’Donnell did"


async def test_articles_lists_and_details_only_visible_articles(bot: QuotebotBot) -> None:
    articles = cog(bot, "Articles").articles
    shown = FakeInteraction(bot, guild_id=SERVER_ID)
    await call(articles, shown, "local")
    assert shown.answer.embed.title == "Town council news"
    with pytest.raises(NotFoundError):
        await call(articles, FakeInteraction(bot), "local")
    listing = FakeInteraction(bot)
    await call(articles, listing)
    assert "`music`" in (listing.answer.embed.description or "")
    assert "local" not in (listing.answer.embed.description or "")


async def test_article_list_and_info_answer_like_articles(bot: QuotebotBot) -> None:
    admin = cog(bot, "ArticleCommands")
    everyone = cog(bot, "Articles")
    for admin_call, public_call in (
        ((admin.list_articles,), (everyone.articles,)),
        ((admin.info, "music"), (everyone.articles, "music")),
    ):
        first, second = FakeInteraction(bot), FakeInteraction(bot)
        await call(admin_call[0], first, *admin_call[1:])
        await call(public_call[0], second, *public_call[1:])
        assert first.answer.embed.to_dict() == second.answer.embed.to_dict()


async def test_remove_offers_only_this_servers_own_articles(bot: QuotebotBot) -> None:
    here = FakeInteraction(bot, guild_id=SERVER_ID).as_interaction()
    assert [c.value for c in await _choices.removable_article_autocomplete(here, "")] == ["local"]
    dm = FakeInteraction(bot).as_interaction()
    assert await _choices.removable_article_autocomplete(dm, "") == []
    shown = await _choices.article_autocomplete(here, "")
    assert [c.value for c in shown] == ["music", "local"]


def test_article_management_is_for_manage_server_and_articles_for_everyone(
    bot: QuotebotBot,
) -> None:
    payload = {c["name"]: c for c in bot.command_payload(None)}
    assert str(payload["article"]["default_member_permissions"]) == "32"  # Manage Server
    assert payload["articles"]["default_member_permissions"] is None
    assert payload["whosaid"]["default_member_permissions"] is None


def test_help_lists_every_command(bot: QuotebotBot) -> None:
    usages = [usage for usage, _ in help_entries(bot.tree)]
    for expected in (
        "/whosaid text",
        "/quotes speaker",
        "/quote random [speaker]",
        "/verify speaker text",
        "/speakers",
        "/articles [article]",
        "/article list",
        "/article info article",
        "/help",
        "Apps → Who said this?",
    ):
        assert expected in usages


def test_every_command_is_installable_to_servers_and_users(bot: QuotebotBot) -> None:
    payload = bot.command_payload(None)
    assert {c["name"] for c in payload} >= {"whosaid", "quotes", "Who said this?", "help"}
    for command in payload:
        assert sorted(command["integration_types"]) == [0, 1]
        assert sorted(command["contexts"]) == [0, 1, 2]
        if command.get("type", 1) == 1:
            assert len(command["description"]) <= 100
            assert re.fullmatch(r"[-_a-z0-9]{1,32}", command["name"])


def _record_syncs(bot: QuotebotBot) -> list[Any]:
    """Replace the tree's sync with a recorder: the guild of every sync, None for global."""
    synced: list[Any] = []

    async def fake_sync(*, guild: Any = None) -> list[Any]:
        synced.append(guild)
        return []

    bot.tree.sync = fake_sync  # type: ignore[method-assign]
    bot._connection.application_id = 1234
    return synced


async def test_sync_only_when_the_tree_changed(bot: QuotebotBot, tmp_path: Path) -> None:
    synced = _record_syncs(bot)
    assert await bot.sync_commands_if_changed() is True
    assert await bot.sync_commands_if_changed() is False
    bot.tree.add_command(app_commands.Command(name="extra", description="x", callback=_noop))
    assert await bot.sync_commands_if_changed() is True
    assert synced == [None, None]


async def test_sync_goes_to_the_development_guild_when_set(
    library: Library, tmp_path: Path
) -> None:
    from bot.settings import Settings

    bot = QuotebotBot(Settings(guild_id=555), library=library, sync_state_path=tmp_path / "s.json")
    await bot.load_extension("commands.whosaid")
    synced = _record_syncs(bot)
    assert await bot.sync_commands_if_changed() is True
    assert [g.id for g in synced] == [555]
    assert {c["name"] for c in bot.command_payload(discord.Object(555))} >= {"whosaid"}
    await bot.close()


async def _noop(interaction: discord.Interaction[Any]) -> None:
    await asyncio.sleep(0)
