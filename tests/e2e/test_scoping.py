"""A server's articles stay in that server; nobody removes articles that are not their server's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakediscord import BOT_TOKEN, GUILD_ID, BotHarness

from bot.answers import Library
from bot.client import QuotebotBot
from bot.models import Article, Quote, Speaker
from bot.settings import Settings

from . import expect
from .conftest import StartBot
from .harness_permissions import MANAGE_GUILD
from .sample_library import LOCAL, NEWS, sample_articles

OTHER_GUILD = GUILD_ID + 1
SECRET = "the other server's secret plan involves a hot air balloon"


def _with_other_server() -> Library:
    other = Article(
        id="other-server-article",
        paragraphs=("p",),
        title="Another server's article",
        quotes=(Quote(SECRET, "Val Hidden", paragraph=1),),
        speakers=(Speaker("Val Hidden"),),
        guild_id=OTHER_GUILD,
    )
    return Library([*sample_articles(), other])


@pytest.fixture
def library() -> Library:
    return _with_other_server()


@pytest.fixture
async def everywhere(
    start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot], tmp_path: Path
) -> BotHarness:
    """Global commands, so the same bot can be asked in the server and in a DM."""
    settings = Settings(discord_token=BOT_TOKEN, db_path=tmp_path / "q.db")
    return await start_bot(make_quotebot(settings=settings))


def _quote_id(library: Library, article_id: str) -> str:
    article = library.get_article(article_id)
    assert article is not None
    return article.quotes[0].id


async def test_another_servers_quotes_are_never_shown(
    everywhere: BotHarness, library: Library
) -> None:
    for dm in (False, True):
        reply = await everywhere.slash("whosaid", {"text": SECRET}, dm=dm)
        assert "no quote" in reply.embeds[0]["title"].lower()  # the query is echoed, no more
        assert "Val Hidden" not in reply.text
        choices = await everywhere.autocomplete("whosaid", "text", {"text": "hot air"}, dm=dm)
        assert all("balloon" not in c["name"] for c in choices.choices)
        speakers = await everywhere.slash("speakers", dm=dm)
        assert "Val Hidden" not in speakers.text
        quotes = await everywhere.slash("quotes", {"speaker": "Val Hidden"}, dm=dm)
        assert "balloon" not in quotes.text
        verify = await everywhere.slash("verify", {"speaker": "Val Hidden", "text": SECRET}, dm=dm)
        assert "Yes" not in verify.embeds[0]["title"]


@pytest.mark.parametrize("article_id", ["other-server-article", LOCAL])
async def test_a_quote_id_from_elsewhere_is_not_revealed_in_a_dm(
    everywhere: BotHarness, library: Library, article_id: str
) -> None:
    quote = library.get_quote(_quote_id(library, article_id))
    assert quote is not None
    reply = await everywhere.slash("whosaid", {"text": quote.id}, dm=True)
    assert quote.text not in reply.text
    info = await everywhere.slash("articles", {"article": article_id}, dm=True, expect_error=True)
    expect.private(info)
    assert quote.text not in info.text


@pytest.mark.parametrize("article_id", [NEWS, "other-server-article"])
async def test_an_admin_cannot_remove_articles_that_are_not_their_servers(
    quotebot: BotHarness, library: Library, article_id: str
) -> None:
    reply = await quotebot.slash(
        "article remove", {"article": article_id}, permissions=MANAGE_GUILD, expect_error=True
    )
    expect.private(reply)
    assert library.get_article(article_id) is not None
    found: Any = library.get_article(article_id)
    assert found.quotes


async def test_a_server_only_article_is_found_in_its_server_only(
    start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot], library: Library, tmp_path: Any
) -> None:
    # global commands (no development guild) so they are also offered in DMs
    settings = Settings(discord_token=BOT_TOKEN, db_path=tmp_path / "q.db")
    harness = await start_bot(make_quotebot(settings=settings))
    query = "bridge over the millpond"
    in_server = await harness.slash("whosaid", {"text": query})
    quote = library.who_said(query, guild_id=int(in_server.record.payload["guild_id"])).best
    assert quote is not None
    expect.quote_embed(in_server.embeds[0], quote.quote, library)
    in_dm = await harness.slash("whosaid", {"text": query}, dm=True)
    assert library.who_said(query).status == "no_match"
    assert "no quote" in in_dm.embeds[0]["title"].lower()


async def test_remove_only_offers_articles_the_server_can_remove(
    quotebot: BotHarness, library: Library
) -> None:
    reply = await quotebot.autocomplete(
        "article remove", "article", {"article": ""}, permissions=MANAGE_GUILD
    )
    offered = [library.get_article(c["value"]) for c in reply.choices]
    assert all(a is not None and a.guild_id == GUILD_ID for a in offered), reply.choices
