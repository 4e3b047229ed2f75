"""Odd input, many users at once, and buttons on answers whose data has gone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from fakediscord import GUILD_ID, BotHarness, FakeDiscord, user_payload

from bot.answers import Library
from bot.client import QuotebotBot
from commands._embeds import QUOTES_PER_PAGE

from . import expect
from .conftest import StartBot
from .harness_permissions import MANAGE_GUILD
from .sample_library import PROLIFIC, SPEECHES

ODD_QUERIES = [
    "🐉 dragon energy 🐉",
    "dragon\u200benergy",
    "ＤＲＡＧＯＮ ＥＮＥＲＧＹ",
    "“dragon energy”",
    "*dragon* _energy_ ||spoiler||",
    "<@123456789012345678> @everyone dragon energy",
    "\u202edragon energy",
    "dragon energy\x00",
    '"""unbalanced "quotes',
    "a" * 300,
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
async def test_odd_queries_get_a_clear_answer(
    quotebot: BotHarness, library: Library, query: str
) -> None:
    answer = library.who_said(query, guild_id=GUILD_ID)
    reply = await quotebot.slash("whosaid", {"text": query})
    expect.no_pings(reply)
    [embed] = reply.embeds
    if answer.best is not None and answer.status in ("match", "ambiguous"):
        expect.quote_embed(embed, answer.best.quote, library)
    else:
        assert embed["title"]


async def test_fullwidth_and_curly_quotes_still_find_the_quote(
    quotebot: BotHarness, library: Library
) -> None:
    for query in ("ＤＲＡＧＯＮ ＥＮＥＲＧＹ", "“dragon energy”"):
        answer = library.who_said(query, guild_id=GUILD_ID)
        assert answer.best is not None and answer.best.quote.speaker == "Kanye West"
        reply = await quotebot.slash("whosaid", {"text": query})
        expect.quote_embed(reply.embeds[0], answer.best.quote, library)


async def test_many_users_at_once_are_all_answered(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    queries = ["dragon energy", "Candace Owens thinks", "reconsider aligning", "this is not normal"]
    records = []
    for n in range(12):
        payload = quotebot.command_payload(
            "whosaid", {"text": queries[n % 4]}, user=user_payload(5000 + n, f"user{n}")
        )
        records.append(await fake.send_interaction(payload))
    replies = await asyncio.gather(*(quotebot.answer_of(r) for r in records))
    for n, reply in enumerate(replies):
        best = library.who_said(queries[n % 4], guild_id=GUILD_ID).best
        assert best is not None
        expect.quote_embed(reply.embeds[0], best.quote, library)


async def test_a_page_button_after_its_article_was_removed_says_so(
    quotebot: BotHarness, library: Library
) -> None:
    sent = await quotebot.slash("quotes", {"speaker": PROLIFIC})
    page_one = sent.embeds
    library.remove_article(SPEECHES)
    nxt = next(b for b in sent.buttons if not b.get("disabled"))
    clicked = await quotebot.click(sent.message, nxt["custom_id"])
    expect.private(clicked)
    expect.no_pings(clicked)
    assert "/quotes" in clicked.text
    assert sent.embeds == page_one  # the page itself is left as it was


async def test_private_pages_turn_privately(quotebot: BotHarness, library: Library) -> None:
    sent = await quotebot.slash("quotes", {"speaker": PROLIFIC, "ephemeral": True})
    expect.private(sent)
    nxt = next(b for b in sent.buttons if not b.get("disabled"))
    clicked = await quotebot.click(sent.message, nxt["custom_id"])
    assert clicked.type == 7
    expect.private(clicked)


async def test_searching_while_an_article_is_added(
    fake: FakeDiscord, quotebot: BotHarness, library: Library
) -> None:
    text = "date 2024-06-01\n\n“The harbour lights will shine again by June,” said Ona Beacon.\n"
    attachment = fake.add_attachment("harbour.txt", text.encode())
    add = await fake.send_interaction(
        quotebot.command_payload("article add", {"file": attachment}, permissions=MANAGE_GUILD)
    )
    searches = [
        await fake.send_interaction(
            quotebot.command_payload(
                "whosaid", {"text": "dragon energy"}, user=user_payload(6000 + n, f"u{n}")
            )
        )
        for n in range(4)
    ]
    replies = await asyncio.gather(*(quotebot.answer_of(r) for r in [add, *searches]))
    assert replies[0].embeds and replies[0].ephemeral
    for reply in replies[1:]:
        assert reply.embeds[0]["author"]["name"].startswith("Kanye West")
    found = await quotebot.slash("whosaid", {"text": "harbour lights will shine again"})
    assert "Ona Beacon" in found.embeds[0]["author"]["name"]


async def test_page_buttons_keep_working_after_a_restart(
    fake: FakeDiscord,
    start_bot: StartBot,
    make_quotebot: Callable[..., QuotebotBot],
    library: Library,
) -> None:
    before = await start_bot(make_quotebot())
    sent = await before.slash("quotes", {"speaker": PROLIFIC})
    await before.close()
    after = await start_bot(make_quotebot())  # a new process: no views in memory
    nxt = next(b for b in sent.buttons if not b.get("disabled"))
    clicked = await after.click(sent.message, nxt["custom_id"])
    quotes = library.quotes_by(PROLIFIC, guild_id=GUILD_ID).quotes
    page_two = expect.field_values(clicked.embeds[0])
    assert expect.shown_quote(quotes[QUOTES_PER_PAGE].text) in page_two
