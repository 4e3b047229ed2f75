"""Articles built to break Discord's limits: every reply must still be accepted by Discord.

Huge titles and names, hundreds of speakers and articles, markdown everywhere. The fake rejects
anything Discord would, and the fixture fails the test on any rejection, so each test here
only has to drive the command and check what a user would read.
"""

from __future__ import annotations

import pytest
from fakediscord import GUILD_ID, BotHarness

from bot.answers import Library
from bot.models import Article, Quote, Speaker

from . import expect
from .conftest import Shared

LONG_NAME = "Maximiliana " + " ".join(f"Wolkenstein{i}" for i in range(15))  # ~190 chars
MARKDOWN = "||spoiler|| `code` **bold** __under__ ~~gone~~ > not a quote # not a heading *x*"


def _hostile_articles() -> list[Article]:
    long_title = "An extremely long headline " * 40
    articles = [
        Article(
            id="hostile-1",
            paragraphs=("p",) * 12,
            title=long_title,
            outlet="The " + "Very " * 60 + "Long Outlet",
            author="A. " + "Writer " * 50,
            date="2024-01-01",
            quotes=tuple(
                Quote(
                    f"number {n} of the long named person's remarks about {MARKDOWN}",
                    LONG_NAME,
                    paragraph=n + 1,
                    speaker_title="Chair of the " + "committee " * 40,
                )
                for n in range(11)
            ),
            speakers=(Speaker(LONG_NAME, aliases=("Maximiliana",)),),
        )
    ]
    for n in range(120):
        name = f"Speaker Number{n:03d} " + "Longsurname" * 3
        articles.append(
            Article(
                id=f"crowd-{n:03d}-" + "x" * 60,
                paragraphs=("p",),
                title=f"Crowd article {n} " + "with a long title " * 10,
                quotes=(Quote(f"crowd remark {n} on {MARKDOWN}", name, paragraph=1),),
                speakers=(Speaker(name),),
            )
        )
    return articles


# One quotebot for the whole module, over the hostile library (see conftest.shared).
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def shared_library() -> Library:
    return Library(_hostile_articles())


@pytest.fixture
def hostile(shared: Shared) -> Library:
    return shared.library


@pytest.fixture
def bot(shared_quotebot: BotHarness) -> BotHarness:
    return shared_quotebot


async def test_a_quote_with_huge_provenance_fits(bot: BotHarness, hostile: Library) -> None:
    query = "number 3 of the long named person's remarks"
    answer = hostile.who_said(query, guild_id=GUILD_ID)
    assert answer.best is not None
    reply = await bot.slash("whosaid", {"text": query})
    embed = reply.embeds[0]
    assert embed["description"] == expect.shown_quote(answer.best.quote.text)
    assert embed["author"]["name"].startswith(LONG_NAME)


async def test_markdown_in_quotes_is_shown_as_typed(bot: BotHarness, hostile: Library) -> None:
    reply = await bot.slash("whosaid", {"text": "crowd remark 7 on spoiler code bold"})
    answer = hostile.who_said("crowd remark 7 on spoiler code bold", guild_id=GUILD_ID)
    assert answer.best is not None
    assert reply.embeds[0]["description"] == expect.shown_quote(answer.best.quote.text)
    assert "\\|\\|spoiler\\|\\|" in reply.embeds[0]["description"]


async def test_paging_a_speaker_with_a_long_name(bot: BotHarness, hostile: Library) -> None:
    quotes = hostile.quotes_by("Maximiliana", guild_id=GUILD_ID).quotes
    first = await bot.slash("quotes", {"speaker": "Maximiliana"})
    assert first.buttons and all(len(b["custom_id"]) <= 100 for b in first.buttons)
    nxt = next(b for b in first.buttons if not b.get("disabled"))
    second = await bot.click(first.message, nxt["custom_id"])
    assert second.type == 7
    assert f"2/{-(-len(quotes) // 5)}" in second.embeds[0]["footer"]["text"]


async def test_every_quote_is_readable_on_some_page_despite_a_huge_title(
    bot: BotHarness, hostile: Library
) -> None:
    quotes = hostile.quotes_by("Maximiliana", guild_id=GUILD_ID).quotes
    reply = await bot.slash("quotes", {"speaker": "Maximiliana"})
    shown = [expect.field_values(reply.embeds[0])]
    while True:
        nxt = [b for b in reply.buttons if "Next" in b["label"] and not b.get("disabled")]
        if not nxt:
            break
        reply = await bot.click(reply.message, nxt[0]["custom_id"])
        shown.append(expect.field_values(reply.embeds[0]))
    everything = "\n".join(shown)
    for quote in quotes:
        assert expect.shown_quote(quote.text)[:60] in everything, quote.text


async def test_autocomplete_with_long_names_and_titles(bot: BotHarness) -> None:
    speakers = await bot.autocomplete("quotes", "speaker", {"speaker": "Speaker"})
    assert 0 < len(speakers.choices) <= 25
    everyone = await bot.autocomplete("quotes", "speaker", {"speaker": ""})
    assert len(everyone.choices) == 25
    articles = await bot.autocomplete("articles", "article", {"article": "crowd"})
    assert len(articles.choices) == 25
    quotes = await bot.autocomplete("whosaid", "text", {"text": "crowd remark"})
    assert 0 < len(quotes.choices) <= 25


async def test_long_lists_are_cut_not_rejected(bot: BotHarness, hostile: Library) -> None:
    speakers = await bot.slash("speakers")
    assert str(len(hostile.speakers(guild_id=GUILD_ID))) in speakers.embeds[0]["title"]
    assert "more" in speakers.embeds[0]["description"].splitlines()[-1]
    articles = await bot.slash("articles")
    assert "more" in articles.embeds[0]["description"].splitlines()[-1]
    info = await bot.slash("articles", {"article": "hostile-1"})
    assert info.embeds[0]["title"].endswith("…")


async def test_help_and_random_still_fit(bot: BotHarness) -> None:
    await bot.slash("help")
    for _ in range(3):
        await bot.slash("quote random", {"speaker": "Maximiliana"})
