"""/article add and /article remove: Manage Server only, scoped to the server, found at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fakediscord import BOT_TOKEN, GUILD_ID, BotHarness, FakeDiscord, InvalidInvocation

from bot.answers import Library
from bot.client import QuotebotBot
from bot.settings import Settings

from . import expect
from .conftest import StartBot
from .harness_permissions import MANAGE_GUILD, MEMBER

ARTICLE = """date 2024-05-02
Council approves a bridge over the millpond

The town council voted 5-2 on Monday to build a footbridge over the millpond, ending a \
debate that has run for three years.

“The bridge will open in spring, and every family on the east side will finally have a safe \
way to school,” said Mayor Pat Quill.

Quill dismissed the cost concerns. “We have budgeted for this twice over,” she said.
"""
REMEMBERED = "every family on the east side will finally have a safe way"


async def _add_file(bot: BotHarness, fake: FakeDiscord, library: Library) -> str:
    """Add the article as an attachment; returns its id (the one new article in the library)."""
    before = {a.id for a in library.articles}
    attachment = fake.add_attachment("bridge.txt", ARTICLE.encode())
    reply = await bot.slash("article add", {"file": attachment}, permissions=MANAGE_GUILD)
    expect.private(reply)
    expect.no_pings(reply)
    [added] = [a for a in library.articles if a.id not in before]
    assert added.guild_id == GUILD_ID
    assert added.quotes
    fields = expect.field_values(reply.embeds[0])
    assert f"Quotes: {len(added.quotes)}" in fields
    assert added.id in fields
    return added.id


async def test_an_admin_adds_an_article_that_is_searchable_in_that_server_only(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    article_id = await _add_file(quotebot, fake, library)
    answer = library.who_said(REMEMBERED, guild_id=GUILD_ID)
    assert answer.best is not None and answer.best.quote.article_id == article_id
    found = await quotebot.slash("whosaid", {"text": REMEMBERED})
    expect.quote_embed(found.embeds[0], answer.best.quote, library)
    assert library.who_said(REMEMBERED).status == "no_match"  # other servers, DMs


async def test_an_admin_removes_it_and_it_is_no_longer_found(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    article_id = await _add_file(quotebot, fake, library)
    choices = await quotebot.autocomplete(
        "article remove", "article", {"article": article_id[:6]}, permissions=MANAGE_GUILD
    )
    assert article_id in [c["value"] for c in choices.choices]
    removed = await quotebot.slash(
        "article remove", {"article": article_id}, permissions=MANAGE_GUILD
    )
    expect.private(removed)
    expect.no_pings(removed)
    assert "Removed" in removed.content
    assert library.get_article(article_id) is None
    after = await quotebot.slash("whosaid", {"text": REMEMBERED})
    assert "no quote" in after.embeds[0]["title"].lower()


async def test_a_member_without_manage_server_is_refused_privately(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    count = len(library.articles)
    attachment = fake.add_attachment("bridge.txt", ARTICLE.encode())
    with pytest.raises(InvalidInvocation):  # Discord does not offer /article to members…
        await quotebot.slash("article add", {"file": attachment}, permissions=MEMBER)
    # …unless an admin opened it to everyone in the server's settings: the bot checks again
    quotebot.opened_to_everyone.add("article")
    reply = await quotebot.slash(
        "article add", {"file": attachment}, permissions=MEMBER, expect_error=True
    )
    expect.private(reply)
    assert "manage" in reply.content.lower()
    assert len(library.articles) == count
    assert fake.downloads == []  # refused before downloading anything


async def test_adding_needs_a_file_or_a_url(quotebot: BotHarness) -> None:
    reply = await quotebot.slash("article add", {}, permissions=MANAGE_GUILD, expect_error=True)
    expect.private(reply)
    assert "file" in reply.content.lower() and "url" in reply.content.lower()


async def test_a_binary_file_is_refused_with_a_clear_message(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    count = len(library.articles)
    attachment = fake.add_attachment("photo.txt", bytes(range(256)) * 40)
    reply = await quotebot.slash(
        "article add", {"file": attachment}, permissions=MANAGE_GUILD, expect_error=True
    )
    expect.private(reply)
    assert reply.text
    assert len(library.articles) == count


async def test_a_loopback_url_is_refused_by_default(
    fake: FakeDiscord, quotebot: BotHarness
) -> None:
    url = fake.add_page("bridge.html", f"<html><body><p>{ARTICLE}</p></body></html>".encode())
    reply = await quotebot.slash(
        "article add", {"url": url}, permissions=MANAGE_GUILD, expect_error=True
    )
    expect.private(reply)
    assert "127.0.0.1" in reply.text
    assert fake.downloads == []


async def test_a_url_is_fetched_when_private_addresses_are_allowed(
    fake: FakeDiscord,
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    library: Library,
    tmp_path: Path,
) -> None:
    settings = Settings(
        discord_token=BOT_TOKEN,
        guild_id=GUILD_ID,
        db_path=tmp_path / "q.db",
        allow_private_urls=True,
    )
    bot = await start_bot(make_quotebot(settings=settings))
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    url = fake.add_page("bridge.html", f"<html><body>{paragraphs}</body></html>".encode())
    reply = await bot.slash("article add", {"url": url}, permissions=MANAGE_GUILD)
    expect.private(reply)
    assert fake.downloads == ["/pages/bridge.html"]
    answer = library.who_said(REMEMBERED, guild_id=GUILD_ID)
    assert answer.best is not None
    found = await bot.slash("whosaid", {"text": REMEMBERED})
    expect.quote_embed(found.embeds[0], answer.best.quote, library)


@pytest.mark.parametrize("command", ["article add", "article remove"])
async def test_article_admin_in_a_dm_says_it_needs_a_server(
    fake: FakeDiscord,
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    tmp_path: Path,
    command: str,
) -> None:
    settings = Settings(discord_token=BOT_TOKEN, db_path=tmp_path / "q.db")  # global commands
    bot = await start_bot(make_quotebot(settings=settings))
    options = {"article": "anything"} if command == "article remove" else {}
    reply = await bot.slash(command, options, dm=True, expect_error=True)
    expect.private(reply)
    assert "server" in reply.content.lower()
