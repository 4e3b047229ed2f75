"""Embeds stay within Discord's limits whatever the article says, and show text as written."""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import Library, NarrationHit, SpeakerQuotes, Verification, WhoSaidAnswer
from bot.models import Match, Quote
from commands import _embeds
from commands._embeds import (
    clip,
    fit,
    quote_embed,
    speaker_quotes_embed,
    verification_embed,
    who_said_embed,
)


def assert_within_limits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= 256
    assert len(data.get("description", "")) <= 4096
    assert len(data.get("fields", [])) <= 25
    for f in data.get("fields", []):
        assert 1 <= len(f["name"]) <= 256
        assert 1 <= len(f["value"]) <= 1024
    assert len(data.get("footer", {}).get("text", "")) <= 2048
    assert len(data.get("author", {}).get("name", "")) <= 256
    assert len(embed) <= 6000


def test_clip_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert clip("short", 5) == "short"
    cut = clip("x" * 5000, 4096)
    assert len(cut) == 4096 and cut.endswith("…")


def test_clip_never_leaves_a_backslash_escaping_the_ellipsis() -> None:
    cut = clip("ab\\\\\\\\cdef", 6)
    assert cut.endswith("…") and not cut[:-1].endswith("\\")


def test_markdown_in_a_quote_is_escaped_and_mentions_kept_as_text(library: Library) -> None:
    quote = library.get_quote("music:3")
    assert quote is not None
    description = quote_embed(quote, library).description or ""
    assert "\\*carefully\\*" in description and "\\_\\_people\\_\\_" in description
    assert "@everyone" in description  # shown, never pinging (allowed_mentions none)


def test_a_quote_longer_than_an_embed_is_cut_not_rejected(library: Library) -> None:
    quote = library.get_quote("music:4")
    assert quote is not None and len(quote.text) > 6000
    embed = quote_embed(quote, library, score=91.0)
    assert_within_limits(embed)
    assert (embed.description or "").endswith("…”")


def test_fit_trims_too_many_and_too_long_fields() -> None:
    embed = discord.Embed(title="t" * 300, description="d" * 5000)
    for n in range(30):
        embed.add_field(name=f"n{n}" * 200, value="v" * 2000)
    assert_within_limits(fit(embed))


def test_who_said_embed_for_each_kind_of_answer(library: Library) -> None:
    match = library.who_said("dragon energy")
    embed = who_said_embed(match, library)
    assert embed.author.name == "Kanye West (@kanyewest)"
    assert {f.name for f in embed.fields} >= {"Said in", "Date", "Match", "Article"}

    none = who_said_embed(library.who_said("zebra crossing quantum lasagne"), library)
    assert none.title == "No quote matches"

    narration = who_said_embed(library.who_said("the ongoing feud on thursday"), library)
    assert narration.title == "That is the article's narration, not a quote"
    assert any(f.value == "Dana Writer" for f in narration.fields)

    empty = who_said_embed(library.who_said("   "), library)
    assert empty.title == "Nothing to search for"


def test_ambiguous_answer_lists_the_other_speakers(library: Library) -> None:
    kanye, rosie = library.get_quote("music:1"), library.get_quote("music:2")
    assert kanye is not None and rosie is not None
    answer = WhoSaidAnswer("q", "ambiguous", best=Match(kanye, 80), alternatives=[Match(rosie, 78)])
    embed = who_said_embed(answer, library)
    assert embed.title == "Several people said something close"
    also = next(f for f in embed.fields if f.name == "Also close")
    assert "Rosie O’Donnell" in (also.value or "")


def test_narration_without_author_says_the_articles_author() -> None:
    library = Library()
    hit = NarrationHit("gone", 3, "Some text.", None, 90.0)
    embed = who_said_embed(WhoSaidAnswer("q", "narration", narration=hit), library)
    assert any(f.value == "the article's author" for f in embed.fields)


def test_speaker_pages_hold_five_quotes_and_clamp_past_the_end(library: Library) -> None:
    quote = library.get_quote("music:1")
    assert quote is not None
    result = SpeakerQuotes("Kanye West", [quote] * 7)
    first = speaker_quotes_embed(result, library, 0)
    assert len(first.fields) == 5 and first.footer.text == "Page 1/2"
    last = speaker_quotes_embed(result, library, 9)
    assert len(last.fields) == 2 and last.footer.text == "Page 2/2"
    assert [f.name for f in last.fields] == ["6.", "7."]


def test_verification_embeds(library: Library) -> None:
    rosie = library.get_quote("music:2")
    assert rosie is not None
    no = Verification(
        "no_other_speaker", "Kanye West", "x", Match(rosie, 99), actual_speaker="Rosie O’Donnell"
    )
    assert verification_embed(no, library).title == (
        "No: Kanye West did not say that; Rosie O’Donnell did"
    )
    unknown = Verification("unknown_speaker", "Zorblax", "x", candidates=["Kanye West"])
    assert "Did you mean Kanye West?" in (verification_embed(unknown, library).description or "")
    nothing = Verification("no_such_quote", "Kanye West", "x")
    assert verification_embed(nothing, library).title == "No such quote"


texts = st.text(min_size=0, max_size=7000)


@settings(max_examples=60, deadline=None)
@given(text=texts, speaker=st.one_of(st.none(), st.text(max_size=400)), title=texts)
def test_any_text_fits_in_an_embed(text: str, speaker: str | None, title: str) -> None:
    from bot.models import Article

    library = Library(
        [
            Article(
                id="a",
                paragraphs=(text or "x",),
                title=title or None,
                quotes=(Quote(text, speaker, article_id="a", paragraph=1, speaker_title=title),),
            )
        ]
    )
    quote = library.articles[0].quotes[0]
    assert_within_limits(quote_embed(quote, library, score=50.0))
    assert_within_limits(
        speaker_quotes_embed(SpeakerQuotes(speaker or "x", [quote] * 5), library, 0)
    )
    assert_within_limits(_embeds.article_info_embed(library.articles[0]))
    answer = WhoSaidAnswer(text, "no_match", nearest=[Match(quote, 40.0)] * 3)
    assert_within_limits(who_said_embed(answer, library))


def test_long_lists_are_cut_with_a_count_of_the_rest() -> None:
    from bot.answers import SpeakerSummary

    speakers = [SpeakerSummary(f"Person {n} " + "x" * 80, ("alias",), 1) for n in range(300)]
    embed = _embeds.speakers_embed(speakers)
    assert_within_limits(embed)
    assert "more" in (embed.description or "").splitlines()[-1]
