"""/quotes (with pagination), /quote random, /verify, /speakers, /article and /help, end to end."""

from __future__ import annotations

import random
from typing import Any

import discord
import pytest
from fakediscord import GUILD_ID, BotHarness, FakeDiscord, InvalidInvocation, Reply

from bot.answers import Library
from bot.client import QuotebotBot
from bot.errors import NotFoundError
from commands._embeds import QUOTES_PER_PAGE

from . import expect
from .conftest import Shared
from .harness_permissions import MANAGE_GUILD
from .sample_library import EVERYONE_QUOTE, NEWS, PROLIFIC

# One quotebot for the whole module: these tests only ask questions (see conftest.shared).
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture
def quotebot(shared_quotebot: BotHarness) -> BotHarness:
    return shared_quotebot


@pytest.fixture
def fake(shared: Shared) -> FakeDiscord:
    return shared.fake


@pytest.fixture
def library(shared: Shared) -> Library:
    return shared.library


def _quote_texts_on_page(reply: Reply) -> str:
    return expect.field_values(reply.embeds[0])


def _button(reply: Reply, label_part: str) -> dict[str, Any]:
    return next(b for b in reply.buttons if label_part in b["label"])


# ---------------------------------------------------------------- /quotes


@pytest.mark.parametrize("typed", ["kanye", "West", "@kanyewest"])
async def test_quotes_by_a_name_alias_or_handle(
    quotebot: BotHarness, library: Library, typed: str
) -> None:
    result = library.quotes_by(typed, guild_id=GUILD_ID)
    assert result.speaker is not None and 0 < len(result.quotes) <= QUOTES_PER_PAGE
    reply = await quotebot.slash("quotes", {"speaker": typed})
    expect.public(reply)
    expect.no_pings(reply)
    [embed] = reply.embeds
    assert embed["title"].startswith(result.speaker)
    assert str(len(result.quotes)) in embed["title"]
    shown = expect.field_values(embed)
    for quote in result.quotes:
        assert expect.shown_quote(quote.text) in shown
    assert reply.buttons == []  # one page: nothing to turn


async def test_speaker_autocomplete_knows_names_aliases_and_handles(
    quotebot: BotHarness, library: Library
) -> None:
    for typed in ("kan", "West", "@kanye", "longw"):
        reply = await quotebot.autocomplete("quotes", "speaker", {"speaker": typed})
        names = library.speaker_names_matching(typed, 25, guild_id=GUILD_ID)
        assert names, typed
        assert [c["value"] for c in reply.choices] == names
        assert [c["name"] for c in reply.choices] == names


async def test_speaker_autocomplete_with_nothing_typed_offers_the_most_quoted(
    quotebot: BotHarness, library: Library
) -> None:
    reply = await quotebot.autocomplete("quotes", "speaker", {"speaker": ""})
    expected = [s.name for s in library.speakers(guild_id=GUILD_ID)][:25]
    assert [c["value"] for c in reply.choices] == expected


async def test_quotes_are_paged_with_buttons_that_edit_the_message(
    quotebot: BotHarness, library: Library
) -> None:
    quotes = library.quotes_by(PROLIFIC, guild_id=GUILD_ID).quotes
    pages = -(-len(quotes) // QUOTES_PER_PAGE)
    assert pages >= 3
    first = await quotebot.slash("quotes", {"speaker": "Longwind"})
    assert f"1/{pages}" in first.embeds[0]["footer"]["text"]
    page_one = _quote_texts_on_page(first)
    for quote in quotes[:QUOTES_PER_PAGE]:
        assert expect.shown_quote(quote.text) in page_one
    assert expect.shown_quote(quotes[QUOTES_PER_PAGE].text) not in page_one
    assert _button(first, "Previous").get("disabled") is True
    assert not _button(first, "Next").get("disabled")

    clicked = await quotebot.click(first.message, _button(first, "Next")["custom_id"])
    assert clicked.type == 7  # the same message, edited in place
    expect.no_pings(clicked)
    assert first.message["id"] == clicked.message["id"]
    page_two = _quote_texts_on_page(clicked)
    for quote in quotes[QUOTES_PER_PAGE : 2 * QUOTES_PER_PAGE]:
        assert expect.shown_quote(quote.text) in page_two
    assert f"2/{pages}" in clicked.embeds[0]["footer"]["text"]
    assert not _button(clicked, "Previous").get("disabled")

    back = await quotebot.click(clicked.message, _button(clicked, "Previous")["custom_id"])
    assert _quote_texts_on_page(back) == page_one


async def test_quotes_of_an_unknown_speaker_say_so_privately(
    quotebot: BotHarness, library: Library
) -> None:
    assert library.quotes_by("Nobody Atall", guild_id=GUILD_ID).speaker is None
    reply = await quotebot.slash("quotes", {"speaker": "Nobody Atall"})
    expect.private(reply)
    expect.no_pings(reply)
    assert "Nobody Atall" in reply.text
    assert "/speakers" in reply.text


# ---------------------------------------------------------------- /quote random


async def test_a_random_quote_is_one_of_the_visible_quotes(
    quotebot: BotHarness, library: Library
) -> None:
    reply = await quotebot.slash("quote random")
    expect.public(reply)
    expect.no_pings(reply)
    [embed] = reply.embeds
    quote_id = embed["footer"]["text"].split()[-1]
    quote = library.get_quote(quote_id)
    assert quote is not None
    expect.quote_embed(embed, quote, library)


async def test_a_random_quote_by_one_speaker(quotebot: BotHarness, library: Library) -> None:
    reply = await quotebot.slash("quote random", {"speaker": "Longwind", "ephemeral": True})
    expect.private(reply)
    quote = library.get_quote(reply.embeds[0]["footer"]["text"].split()[-1])
    assert quote is not None and quote.speaker == PROLIFIC
    expect.quote_embed(reply.embeds[0], quote, library)


async def test_a_random_quote_by_an_unknown_speaker_is_a_private_error(
    quotebot: BotHarness, library: Library
) -> None:
    with pytest.raises(NotFoundError) as raised:
        library.random_quote("Nobody Atall", rng=random.Random(0), guild_id=GUILD_ID)
    reply = await quotebot.slash("quote random", {"speaker": "Nobody Atall"}, expect_error=True)
    expect.private(reply)
    expect.no_pings(reply)
    assert reply.content == str(raised.value)


# ---------------------------------------------------------------- /verify


async def test_verify_yes_with_the_exact_words(quotebot: BotHarness, library: Library) -> None:
    result = library.verify("kanye", "we are both dragon energy", guild_id=GUILD_ID)
    assert result.verdict == "yes" and result.match is not None
    reply = await quotebot.slash(
        "verify", {"speaker": "kanye", "text": "we are both dragon energy"}
    )
    expect.public(reply)
    expect.no_pings(reply)
    [embed] = reply.embeds
    assert embed["title"].startswith("Yes")
    expect.quote_embed(embed, result.match.quote, library)


async def test_verify_no_names_who_did_say_it(quotebot: BotHarness, library: Library) -> None:
    result = library.verify("John Legend", "we are both dragon energy", guild_id=GUILD_ID)
    assert result.verdict == "no_other_speaker" and result.match is not None
    reply = await quotebot.slash(
        "verify", {"speaker": "John Legend", "text": "we are both dragon energy"}
    )
    [embed] = reply.embeds
    assert embed["title"].startswith("No")
    assert result.match.quote.speaker is not None
    assert result.match.quote.speaker in embed["title"]
    expect.quote_embed(embed, result.match.quote, library)


async def test_verify_no_such_quote(quotebot: BotHarness, library: Library) -> None:
    text = "purple submarines sing at dawn"
    assert library.verify("kanye", text, guild_id=GUILD_ID).verdict == "no_such_quote"
    reply = await quotebot.slash("verify", {"speaker": "kanye", "text": text})
    assert "no such quote" in reply.embeds[0]["title"].lower()


async def test_verify_an_unknown_speaker_privately(quotebot: BotHarness, library: Library) -> None:
    result = library.verify("Nobody Atall", "dragon energy", guild_id=GUILD_ID)
    assert result.verdict == "unknown_speaker"
    reply = await quotebot.slash("verify", {"speaker": "Nobody Atall", "text": "dragon energy"})
    expect.private(reply)
    assert "Nobody Atall" in reply.text


async def test_verify_an_everyone_quote_does_not_ping(
    quotebot: BotHarness, library: Library
) -> None:
    reply = await quotebot.slash("verify", {"speaker": "Rosie", "text": EVERYONE_QUOTE})
    expect.no_pings(reply)
    assert reply.embeds[0]["description"] == expect.shown_quote(EVERYONE_QUOTE)


# ---------------------------------------------------------------- /speakers, /article, /help


async def test_speakers_lists_everyone_with_their_counts(
    quotebot: BotHarness, library: Library
) -> None:
    summaries = library.speakers(guild_id=GUILD_ID)
    reply = await quotebot.slash("speakers")
    expect.public(reply)
    expect.no_pings(reply)
    description = reply.embeds[0]["description"]
    assert str(len(summaries)) in reply.embeds[0]["title"]
    for summary in summaries:
        line = next(x for x in description.splitlines() if summary.name in x)
        assert f"{summary.quote_count} quote" in line


@pytest.mark.parametrize("command", ["articles", "article list"])
async def test_the_article_list_shows_what_this_server_can_see(
    quotebot: BotHarness, library: Library, command: str
) -> None:
    visible = [a for a in library.articles if a.guild_id in (None, GUILD_ID)]
    reply = await quotebot.slash(command, permissions=MANAGE_GUILD)
    expect.no_pings(reply)
    description = reply.embeds[0]["description"]
    for article in visible:
        line = next(x for x in description.splitlines() if article.id in x)
        assert f"{len(article.quotes)} quotes" in line


@pytest.mark.parametrize("command", ["articles", "article info"])
async def test_one_article_via_autocomplete(
    quotebot: BotHarness, library: Library, command: str
) -> None:
    choices = (
        await quotebot.autocomplete(
            command, "article", {"article": "town"}, permissions=MANAGE_GUILD
        )
    ).choices
    [choice] = choices
    article = library.get_article(choice["value"])
    assert article is not None and article.title is not None and "town" in article.title.lower()
    reply = await quotebot.slash(command, {"article": choice["value"]}, permissions=MANAGE_GUILD)
    [embed] = reply.embeds
    assert article.title in embed["title"]
    assert str(len(article.quotes)) in expect.field_values(embed)


async def test_an_unknown_article_id_is_a_private_error(quotebot: BotHarness) -> None:
    reply = await quotebot.slash("articles", {"article": "no-such-article"}, expect_error=True)
    expect.private(reply)
    assert "no-such-article" in reply.content


async def test_anyone_may_list_articles_but_the_article_group_is_for_managers(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    registered = {c["name"]: c for c in fake.commands[GUILD_ID]}
    assert registered["articles"]["default_member_permissions"] is None
    required = int(registered["article"]["default_member_permissions"])
    assert required == discord.Permissions(manage_guild=True).value
    assert (await quotebot.slash("articles")).embeds  # a plain member
    with pytest.raises(InvalidInvocation):  # Discord does not even offer it to them
        await quotebot.slash("article list")


async def test_help_lists_every_registered_command_privately(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    reply = await quotebot.slash("help")
    expect.private(reply)
    text = reply.text
    for command in fake.commands[GUILD_ID]:
        if command["type"] == 1:
            subcommands = [o for o in command["options"] if o["type"] == 1]
            for usage in [f"/{command['name']} {s['name']}" for s in subcommands] or [
                f"/{command['name']}"
            ]:
                assert usage in text, usage
        else:
            assert command["name"] in text


async def test_every_command_group_loaded(quotebot: BotHarness) -> None:
    bot = quotebot.bot
    assert isinstance(bot, QuotebotBot)
    assert bot.failed_extensions == []


def _registered_slash_commands(fake: FakeDiscord) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every slash command and subcommand the bot synced, as (typed name, its options)."""
    found = []
    for command in fake.commands[GUILD_ID]:
        if command["type"] != 1:
            continue
        subcommands = [o for o in command["options"] if o["type"] == 1]
        for sub in subcommands or [command]:
            name = command["name"] if sub is command else f"{command['name']} {sub['name']}"
            found.append((name, sub.get("options") or []))
    return found


# A value a user might type for each option name, for commands called generically below.
SAMPLE_VALUES: dict[str, Any] = {"speaker": "kanye", "text": "dragon energy", "article": NEWS}


async def test_every_ephemeral_option_makes_the_answer_private(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    """Driven from the commands Discord has registered, so a new command is covered too."""
    tried = []
    for name, options in _registered_slash_commands(fake):
        if not any(o["name"] == "ephemeral" for o in options):
            continue
        values = {o["name"]: SAMPLE_VALUES[o["name"]] for o in options if o.get("required")}
        for public_or_not in (False, True):
            reply = await quotebot.slash(
                name, {**values, "ephemeral": public_or_not}, permissions=MANAGE_GUILD
            )
            assert reply.ephemeral is public_or_not, name
            expect.no_pings(reply)
        tried.append(name)
    assert len(tried) >= 7, tried


async def test_mentions_typed_by_a_user_and_echoed_back_never_ping(quotebot: BotHarness) -> None:
    typed = "@everyone @here <@&123456789012345678> <@123456789012345678>"
    reply = await quotebot.slash("quote random", {"speaker": typed}, expect_error=True)
    expect.private(reply)
    assert "@everyone" in reply.text  # echoed, so the user sees what was not found…
    expect.no_pings(reply)  # …and nobody is notified


# What a user might start typing in each autocompleted option, for the generic test below.
# ("" for an article: everything this command offers, e.g. only the server's own for remove)
SAMPLE_TYPING: dict[str, str] = {"speaker": "kan", "text": "dragon", "article": ""}


async def test_every_autocompleted_option_offers_choices(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    """Driven from the commands Discord has registered, so a new option is covered too."""
    tried = []
    for name, options in _registered_slash_commands(fake):
        for option in options:
            if not option.get("autocomplete"):
                continue
            typed = SAMPLE_TYPING[option["name"]]
            reply = await quotebot.autocomplete(
                name, option["name"], {option["name"]: typed}, permissions=MANAGE_GUILD
            )
            assert reply.choices, (name, option["name"])
            tried.append(f"{name} {option['name']}")
    assert len(tried) >= 6, tried
