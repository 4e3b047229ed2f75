"""/article add and /article remove through the real discord.py client against the fake Discord.

The article store behind the bot is a real SQLite file; articles come from a small web server
on 127.0.0.1 (a URL to add) or as an attachment served by the fake's CDN.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from aiohttp import web
from fakediscord import BOT_TOKEN, GUILD_ID, BotHarness, FakeDiscord, Reply

from bot.answers import Library
from bot.client import QuotebotBot, create_bot
from bot.paths import bundled_article_files
from bot.settings import Settings
from bot.store import Store

PAGE = Path(__file__).parent / "pages" / "news_with_tweets.html"
MEMBER = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send messages, use app commands
MANAGE_GUILD = 1 << 5
ADMIN = MEMBER | MANAGE_GUILD
ARTICLE_PATH = "/news/2022/06/08/council-rejects-stadium-deal"


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
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
def gate() -> asyncio.Event:
    """Holds back the answer of the site's /gated pages until the test opens it."""
    return asyncio.Event()


@pytest.fixture
async def site(gate: asyncio.Event) -> AsyncIterator[str]:
    """A news site on 127.0.0.1."""
    app = web.Application()

    async def article(request: web.Request) -> web.Response:
        return web.Response(body=PAGE.read_bytes(), content_type="text/html", charset="utf-8")

    async def gated_article(request: web.Request) -> web.Response:
        await asyncio.wait_for(gate.wait(), timeout=30)
        return await article(request)

    app.router.add_get(ARTICLE_PATH, article)
    app.router.add_get("/gated" + ARTICLE_PATH, gated_article)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


Start = Callable[..., Awaitable[BotHarness]]


@pytest.fixture
async def start(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Start]:
    """Start quotebot on the fake with a store at tmp_path; returns the harness."""
    started: list[BotHarness] = []

    async def run(*, library: Library | None = None, **settings: Any) -> BotHarness:
        options: dict[str, Any] = {
            "discord_token": BOT_TOKEN,
            "guild_id": GUILD_ID,
            "db_path": tmp_path / "quotebot.db",
            **settings,
        }
        bot = create_bot(
            Settings(**options),
            guild_ready_timeout=0.05,
            sync_state_path=tmp_path / "commands.json",
            **({"library": library} if library is not None else {}),
        )
        harness = await BotHarness.start(fake, bot)
        started.append(harness)
        return harness

    yield run
    for harness in reversed(started):
        await harness.close()
    expected = set().union(*(h.expected_failures for h in started)) if started else set()
    fake.assert_nothing_rejected(expected)


def _text(reply: Reply) -> str:
    parts = []
    for body in reply.sent:
        parts.append(body.get("content") or "")
        for embed in body.get("embeds") or []:
            parts.append(embed.get("title", ""))
            parts.append((embed.get("author") or {}).get("name", ""))
            parts.append(embed.get("description", ""))
            parts.append((embed.get("footer") or {}).get("text", ""))
            parts.extend(f"{f['name']}: {f['value']}" for f in embed.get("fields", []))
    return "\n".join(parts)


def _ephemeral(reply: Reply) -> bool:
    return all(int(body.get("flags") or 0) & 64 for body in reply.sent) and bool(reply.sent)


async def test_admin_adds_a_url_then_it_is_searchable_and_survives_a_restart(
    start: Start, site: str
) -> None:
    bot = await start(allow_private_urls=True)
    added = await bot.slash("article add", {"url": site + ARTICLE_PATH}, permissions=ADMIN)
    assert added.type == 5, "deferred first"
    assert _ephemeral(added)
    shown = _text(added)
    assert "Council Rejects Stadium Deal" in shown
    assert "Victor Salazar" in shown and "Darnell Hughes" in shown
    assert isinstance(bot.bot, QuotebotBot)
    [article] = [a for a in bot.bot.library.articles if a.guild_id == GUILD_ID]
    speakers = {q.speaker for q in article.quotes if q.speaker}
    assert f"Quotes: {len(article.quotes)}" in shown
    assert f"Speakers: {len(speakers)}" in shown

    found = await bot.slash("whosaid", {"text": "council chose the past over the future"})
    assert "Victor Salazar" in _text(found)

    listed = await bot.slash("articles")
    assert "Council Rejects Stadium Deal" in _text(listed)
    await bot.close()

    again = await start(allow_private_urls=True)  # a restart on the same database
    assert isinstance(again.bot, QuotebotBot)
    found = await again.slash("whosaid", {"text": "council chose the past over the future"})
    assert "Victor Salazar" in _text(found)


async def test_admin_removes_it_and_it_is_gone_at_once(start: Start, site: str) -> None:
    bot = await start(allow_private_urls=True)
    await bot.slash("article add", {"url": site + ARTICLE_PATH}, permissions=ADMIN)
    assert isinstance(bot.bot, QuotebotBot)
    article_id = next(a.id for a in bot.bot.library.articles if a.guild_id == GUILD_ID)

    removed = await bot.slash("article remove", {"article": article_id}, permissions=ADMIN)
    assert "Removed Council Rejects Stadium Deal" in _text(removed)
    assert _ephemeral(removed)
    found = await bot.slash("whosaid", {"text": "council chose the past over the future"})
    assert "Victor Salazar" not in _text(found)
    assert bot.bot.library.get_article(article_id) is None


async def test_an_uploaded_file_lists_its_speakers(start: Start) -> None:
    bot = await start()
    upload = bot.fake.add_attachment("seed.txt", bundled_article_files()[0].read_bytes())
    added = await bot.slash("article add", {"file": upload}, permissions=ADMIN, timeout=30)
    shown = _text(added)
    assert "Kanye West" in shown and "John Legend" in shown
    assert _ephemeral(added)
    found = await bot.slash("whosaid", {"text": "dragon energy"})
    assert "Kanye West" in _text(found)


async def test_a_binary_upload_gets_a_clear_private_message(start: Start) -> None:
    bot = await start()
    upload = bot.fake.add_attachment("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    refused = await bot.slash(
        "article add", {"file": upload}, permissions=ADMIN, expect_error=True, timeout=30
    )
    assert "PNG image" in _text(refused)
    assert _ephemeral(refused)


async def test_a_member_without_manage_server_is_refused(start: Start, site: str) -> None:
    bot = await start(allow_private_urls=True)
    # /article is for Manage Server on Discord's side; a server may open it to everyone in its
    # Integrations settings, and the bot's own check must still refuse a plain member.
    bot.opened_to_everyone = {"article"}
    refused = await bot.slash(
        "article add", {"url": site + ARTICLE_PATH}, permissions=MEMBER, expect_error=True
    )
    assert refused.type == 4, "refused at once, nothing fetched"
    assert "manage guild permission" in _text(refused)
    assert _ephemeral(refused)
    assert isinstance(bot.bot, QuotebotBot)
    assert all(a.guild_id is None for a in bot.bot.library.articles)
    refused = await bot.slash(
        "article remove", {"article": "anything"}, permissions=MEMBER, expect_error=True
    )
    assert "manage guild" in _text(refused).lower()


async def test_loopback_urls_are_refused_by_default(start: Start, site: str) -> None:
    bot = await start()  # allow_private_urls is off
    refused = await bot.slash(
        "article add", {"url": site + ARTICLE_PATH}, permissions=ADMIN, expect_error=True
    )
    assert "private, loopback or link-local" in _text(refused)
    assert _ephemeral(refused)


async def test_neither_file_nor_url(start: Start) -> None:
    bot = await start()
    refused = await bot.slash("article add", {}, permissions=ADMIN, expect_error=True)
    assert "Attach the article as a file, or give its URL" in _text(refused)


async def test_many_whosaid_while_an_article_is_being_added_all_answered(
    start: Start, site: str, gate: asyncio.Event
) -> None:
    """The add is held mid-fetch until every search has been answered."""
    bot = await start(allow_private_urls=True)
    users = [
        {
            "id": str(500 + n),
            "username": f"reader{n}",
            "discriminator": "0",
            "avatar": None,
            "global_name": None,
        }
        for n in range(20)
    ]
    payload = bot.command_payload(
        "article add", {"url": f"{site}/gated{ARTICLE_PATH}"}, permissions=ADMIN
    )
    adding = await bot.fake.send_interaction(payload)
    await bot.until(lambda: adding.initial is not None, 5, "the add to be deferred")

    replies = await asyncio.gather(
        *(
            bot.slash("whosaid", {"text": text}, user=users[n])
            for n, text in enumerate(["dragon energy", "wake from the illusion"] * 10)
        )
    )
    assert not adding.answered, "the add is still in progress"
    for reply in replies:
        assert reply.record.answered
        shown = _text(reply)
        assert "Kanye West" in shown or "Rosie" in shown

    gate.set()
    added = await bot.answer_of(adding, timeout=30)
    assert "Victor Salazar" in _text(added)
    found = await bot.slash("whosaid", {"text": "council chose the past"}, user=users[0])
    assert "Victor Salazar" in _text(found)


async def test_stored_articles_are_loaded_at_startup_with_their_scope(
    start: Start, tmp_path: Path
) -> None:
    from bot.ingest import ArticleManager, article_from_bytes

    with Store.open(tmp_path / "quotebot.db") as store:
        ArticleManager(store).add(
            article_from_bytes(PAGE.read_bytes(), filename="p.html", guild_id=GUILD_ID + 1)
        )
    bot = await start()
    found = await bot.slash("whosaid", {"text": "council chose the past over the future"})
    assert "Victor Salazar" not in _text(found), "another server's article"
    assert isinstance(bot.bot, QuotebotBot)
    assert any(a.guild_id == GUILD_ID + 1 for a in bot.bot.library.articles)
