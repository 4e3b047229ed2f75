"""/whosaid, its autocomplete and the "Who said this?" message menu, end to end."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from fakediscord import GUILD_ID, BotHarness, user_payload
from fakediscord.limits import CHOICE_NAME_MAX, EMBED_DESCRIPTION_MAX

from bot.answers import Library
from bot.client import GENERIC_FAILURE
from commands.whosaid import CONTEXT_MENU_NAME, WHOSAID_PER, WHOSAID_RATE

from . import expect
from .conftest import Shared
from .sample_library import EVERYONE_QUOTE, NARRATION, UNATTRIBUTED_QUOTE, long_speech

# One quotebot for the whole module: these tests only ask questions (see conftest.shared).
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture
def quotebot(shared_quotebot: BotHarness) -> BotHarness:
    return shared_quotebot


@pytest.fixture
def library(shared: Shared) -> Library:
    return shared.library


async def test_a_remembered_fragment_gets_the_quote_speaker_and_source(
    quotebot: BotHarness, library: Library
) -> None:
    answer = library.who_said("dragon energy")
    assert answer.status == "match" and answer.best is not None
    reply = await quotebot.slash("whosaid", {"text": "dragon energy"})
    expect.public(reply)
    expect.no_pings(reply)
    [embed] = reply.embeds
    expect.quote_embed(embed, answer.best.quote, library, score=answer.best.score)
    assert reply.content == ""


async def test_the_ephemeral_option_makes_the_answer_private(
    quotebot: BotHarness, library: Library
) -> None:
    reply = await quotebot.slash("whosaid", {"text": "Candace Owens thinks", "ephemeral": True})
    expect.private(reply)
    best = library.who_said("Candace Owens thinks").best
    assert best is not None
    expect.quote_embed(reply.embeds[0], best.quote, library)


async def test_two_close_speakers_are_both_shown(quotebot: BotHarness, library: Library) -> None:
    query = "the people deserve far better"
    answer = library.who_said(query)
    assert answer.status == "ambiguous" and answer.best is not None and answer.alternatives
    reply = await quotebot.slash("whosaid", {"text": query})
    [embed] = reply.embeds
    expect.quote_embed(embed, answer.best.quote, library, score=answer.best.score)
    fields = expect.field_values(embed)
    for other in answer.alternatives:
        assert other.quote.speaker is not None and other.quote.speaker in fields
    assert answer.best.quote.speaker != answer.alternatives[0].quote.speaker


async def test_nothing_confident_says_so_with_the_nearest_quotes(
    quotebot: BotHarness, library: Library
) -> None:
    query = "people deserve a purple submarine"
    answer = library.who_said(query)
    assert answer.status == "no_match"
    reply = await quotebot.slash("whosaid", {"text": query})
    [embed] = reply.embeds
    assert "no quote" in embed["title"].lower()
    assert query in embed["description"]
    fields = expect.field_values(embed)
    for near in answer.nearest:
        assert near.quote.speaker is not None and near.quote.speaker in fields


async def test_the_articles_own_words_are_called_narration(
    quotebot: BotHarness, library: Library
) -> None:
    query = NARRATION.split(" about ")[1]
    answer = library.who_said(query)
    assert answer.status == "narration" and answer.narration is not None
    reply = await quotebot.slash("whosaid", {"text": query})
    [embed] = reply.embeds
    assert "narration" in embed["title"].lower()
    assert "not a quote" in embed["title"].lower()
    article = library.get_article(answer.narration.article_id)
    assert article is not None and article.author is not None
    assert article.author in expect.field_values(embed)
    assert f"paragraph {answer.narration.paragraph}" in expect.field_values(embed)


async def test_a_quote_with_no_named_speaker_says_the_speaker_is_unknown(
    quotebot: BotHarness, library: Library
) -> None:
    answer = library.who_said(UNATTRIBUTED_QUOTE)
    assert answer.best is not None and answer.best.quote.speaker is None
    reply = await quotebot.slash("whosaid", {"text": UNATTRIBUTED_QUOTE})
    expect.quote_embed(reply.embeds[0], answer.best.quote, library)


async def test_everyone_and_user_mentions_in_a_quote_never_ping(
    quotebot: BotHarness, library: Library
) -> None:
    answer = library.who_said("this is not normal")
    assert answer.best is not None and answer.best.quote.text == EVERYONE_QUOTE
    reply = await quotebot.slash("whosaid", {"text": "this is not normal"})
    expect.no_pings(reply)
    description = reply.embeds[0]["description"]
    assert description == expect.shown_quote(EVERYONE_QUOTE)
    assert r"\*not\*" in description  # markdown shown as typed, not as italics


async def test_an_empty_query_gets_a_private_hint(quotebot: BotHarness, library: Library) -> None:
    assert library.who_said("who said?").status == "empty_query"
    reply = await quotebot.slash("whosaid", {"text": "who said?"})
    expect.private(reply)
    expect.no_pings(reply)
    assert "/whosaid" in reply.text


async def test_a_6000_character_query_is_answered_within_limits(
    quotebot: BotHarness, library: Library
) -> None:
    query = (long_speech() + " and then some more words " * 300)[:6000]
    assert len(query) == 6000
    answer = library.who_said(query)
    reply = await quotebot.slash("whosaid", {"text": query})
    expect.no_pings(reply)
    [embed] = reply.embeds
    assert len(embed["description"]) <= EMBED_DESCRIPTION_MAX
    if answer.best is not None and answer.status in ("match", "ambiguous"):
        expect.quote_embed(embed, answer.best.quote, library)
    else:
        assert "no quote" in embed["title"].lower()


async def test_a_6000_character_query_matching_nothing_is_echoed_cut(
    quotebot: BotHarness, library: Library
) -> None:
    query = ("zqx vwk " * 800)[:6000]
    assert library.who_said(query).status == "no_match"
    reply = await quotebot.slash("whosaid", {"text": query})
    description = reply.embeds[0]["description"]
    assert "…" in description
    assert len(description) < len(query)


async def test_a_quote_longer_than_an_embed_is_cut_with_an_ellipsis(
    quotebot: BotHarness, library: Library
) -> None:
    query = long_speech()[:200]
    answer = library.who_said(query)
    assert answer.best is not None and len(answer.best.quote.text) > EMBED_DESCRIPTION_MAX
    reply = await quotebot.slash("whosaid", {"text": query})
    expect.quote_embed(reply.embeds[0], answer.best.quote, library)


async def test_autocomplete_previews_matching_quotes_by_id(
    quotebot: BotHarness, library: Library
) -> None:
    typed = "dragon"
    reply = await quotebot.autocomplete("whosaid", "text", {"text": typed})
    suggested = library.suggest(typed, 25, guild_id=GUILD_ID)
    assert [c["value"] for c in reply.choices] == [m.quote.id for m in suggested][:25]
    best = suggested[0].quote
    first = reply.choices[0]
    assert best.speaker is not None and best.speaker in first["name"]
    assert first["name"].startswith("“You don't have to agree")
    assert all(1 <= len(c["name"]) <= CHOICE_NAME_MAX for c in reply.choices)


async def test_picking_an_autocomplete_choice_shows_exactly_that_quote(
    quotebot: BotHarness, library: Library
) -> None:
    choices = (await quotebot.autocomplete("whosaid", "text", {"text": "people deserve"})).choices
    picked = choices[1]["value"]
    quote = library.get_quote(picked)
    assert quote is not None
    reply = await quotebot.slash("whosaid", {"text": picked})
    expect.quote_embed(reply.embeds[0], quote, library)


async def test_autocomplete_of_nothing_or_of_6000_characters_stays_valid(
    quotebot: BotHarness,
) -> None:
    empty = await quotebot.autocomplete("whosaid", "text", {"text": ""})
    assert empty.choices == []
    huge = await quotebot.autocomplete("whosaid", "text", {"text": "energy " * 857})
    assert len(huge.choices) <= 25  # the fake rejects anything over Discord's limits


async def test_who_said_this_menu_looks_up_the_message_privately(
    quotebot: BotHarness, library: Library
) -> None:
    said = "we are both dragon energy. he is my brother"
    answer = library.who_said(said)
    assert answer.best is not None
    reply = await quotebot.context_menu(CONTEXT_MENU_NAME, said)
    expect.private(reply)
    expect.no_pings(reply)
    expect.quote_embed(reply.embeds[0], answer.best.quote, library)


async def test_who_said_this_reads_a_link_preview_when_there_is_no_text(
    quotebot: BotHarness, library: Library
) -> None:
    said = "we are both dragon energy. he is my brother"
    answer = library.who_said(said, guild_id=GUILD_ID)
    assert answer.best is not None
    preview = {"type": "rich", "title": "A post", "description": said}
    reply = await quotebot.context_menu(CONTEXT_MENU_NAME, "", embeds=[preview])
    expect.private(reply)
    expect.quote_embed(reply.embeds[0], answer.best.quote, library)


async def test_who_said_this_on_a_message_without_text_explains(quotebot: BotHarness) -> None:
    reply = await quotebot.context_menu(CONTEXT_MENU_NAME, "")
    expect.private(reply)
    assert reply.embeds == [] and "no text" in reply.content


async def test_who_said_this_on_an_everyone_message_does_not_ping(quotebot: BotHarness) -> None:
    reply = await quotebot.context_menu(CONTEXT_MENU_NAME, "@everyone " + EVERYONE_QUOTE)
    expect.no_pings(reply)


async def test_asking_too_fast_gets_a_friendly_cooldown(quotebot: BotHarness) -> None:
    for _ in range(WHOSAID_RATE):
        await quotebot.slash("whosaid", {"text": "dragon energy"})
    refused = await quotebot.slash("whosaid", {"text": "dragon energy"}, expect_error=True)
    expect.private(refused)
    expect.no_pings(refused)
    wait = re.search(r"try again in (\d+) s", refused.content)
    assert wait is not None, refused.content
    assert 1 <= int(wait.group(1)) <= WHOSAID_PER
    assert refused.embeds == []
    # the cooldown is per user: someone else is still answered
    other = user_payload(4242, "other")
    fine = await quotebot.slash("whosaid", {"text": "dragon energy"}, user=other)
    assert fine.embeds and not fine.ephemeral


async def test_an_unexpected_failure_is_a_private_apology_logged_with_the_id(
    quotebot: BotHarness, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index on fire")

    monkeypatch.setattr(library, "who_said", broken)
    reply = await quotebot.slash("whosaid", {"text": "dragon energy"}, expect_error=True)
    expect.private(reply)
    expect.no_pings(reply)
    assert reply.content == GENERIC_FAILURE
    assert "index on fire" not in reply.text
    logged = [e for e in quotebot.errors if e.source.startswith("log ")]
    assert any(str(reply.record.id) in e.message for e in logged), quotebot.errors
    assert any(isinstance(e.exception, RuntimeError) for e in logged)


async def test_autocomplete_answers_nothing_rather_than_failing(
    quotebot: BotHarness, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index on fire")

    monkeypatch.setattr(library, "suggest", broken)
    reply = await quotebot.autocomplete("whosaid", "text", {"text": "dragon"}, expect_error=True)
    assert reply.choices == []
    assert reply.rejections == []


async def test_slow_autocomplete_gives_up_in_time_with_no_choices(
    quotebot: BotHarness, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def stuck(*args: Any, **kwargs: Any) -> Any:
        release.wait(5)
        return []

    monkeypatch.setattr(library, "suggest", stuck)
    monkeypatch.setattr("commands._choices.AUTOCOMPLETE_BUDGET", 0.05)
    try:
        # the lookup stays stuck until released below, so any answer means the bot gave up
        # on it (an answer after Discord's 3 s would be rejected by the fake)
        reply = await quotebot.autocomplete("whosaid", "text", {"text": "dragon"}, timeout=2.5)
        assert reply.choices == []
    finally:
        release.set()
