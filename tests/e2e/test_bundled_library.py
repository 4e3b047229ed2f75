"""The bot as shipped: it loads the bundled articles itself and answers from them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fakediscord import GUILD_ID, BotHarness

from bot.answers import Library
from bot.client import QuotebotBot

from . import expect
from .conftest import StartBot


@pytest.fixture(scope="module")
def bundled() -> Library:
    return Library.from_path(None)


@pytest.fixture
async def shipped(start_bot: StartBot, make_quotebot: Callable[..., QuotebotBot]) -> BotHarness:
    bot = make_quotebot(library=None)  # built in setup_hook from the settings, as in production
    return await start_bot(bot)


async def test_whosaid_answers_from_the_bundled_articles(
    shipped: BotHarness, bundled: Library
) -> None:
    answer = bundled.who_said("dragon energy", guild_id=GUILD_ID)
    assert answer.best is not None and answer.status == "match"
    reply = await shipped.slash("whosaid", {"text": "dragon energy"})
    expect.no_pings(reply)
    expect.quote_embed(reply.embeds[0], answer.best.quote, bundled, score=answer.best.score)


async def test_quotes_and_speakers_come_from_the_bundled_articles(
    shipped: BotHarness, bundled: Library
) -> None:
    summaries = bundled.speakers(guild_id=GUILD_ID)
    top = summaries[0]
    reply = await shipped.slash("quotes", {"speaker": top.name})
    assert reply.embeds[0]["title"].startswith(top.name)
    assert str(top.quote_count) in reply.embeds[0]["title"]
    listing = await shipped.slash("speakers")
    for summary in summaries:
        assert summary.name in listing.embeds[0]["description"]
