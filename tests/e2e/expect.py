"""Assertions on the JSON quotebot sent, stated in terms of the library's own data."""

from __future__ import annotations

from typing import Any

import discord
from fakediscord import Reply
from fakediscord.limits import EMBED_DESCRIPTION_MAX

from bot.answers import Library
from bot.models import Quote

NO_PINGS: dict[str, list[str]] = {"parse": []}


def no_pings(reply: Reply) -> None:
    """Every message body the bot sent for the interaction disables all mentions."""
    assert reply.sent, "the bot sent no message"
    for body in reply.sent:
        assert body.get("allowed_mentions") == NO_PINGS, body
    for message in [reply.message, *reply.followups]:
        assert message["mention_everyone"] is False, message
        assert message["mentions"] == [] and message["mention_roles"] == [], message


def shown_quote(text: str) -> str:
    """How a quotation must read in an embed: curly quotes, markdown escaped."""
    return f"“{discord.utils.escape_markdown(text)}”"


def field_values(embed: dict[str, Any]) -> str:
    return "\n".join(f"{f['name']}: {f['value']}" for f in embed.get("fields") or [])


def quote_embed(
    embed: dict[str, Any], quote: Quote, library: Library, score: float | None = None
) -> None:
    """The embed shows the quote in full (or cut with an ellipsis), who said it and where."""
    description = embed["description"]
    expected = shown_quote(quote.text)
    if len(expected) <= EMBED_DESCRIPTION_MAX:
        assert description == expected
    else:
        assert len(description) <= EMBED_DESCRIPTION_MAX
        assert description.endswith("…”")
        assert expected.startswith(description[:-2])
    who = embed["author"]["name"]
    if quote.speaker is None:
        assert "unknown" in who.lower()
    else:
        assert who.startswith(quote.speaker)
        if quote.handle:
            assert quote.handle in who
    fields = field_values(embed)
    article = library.get_article(quote.article_id)
    assert article is not None
    # the title when there is one, else the outlet; the id only when there is neither
    shown_name = article.title or article.outlet or article.id
    assert discord.utils.escape_markdown(shown_name) in fields
    if article.outlet:
        assert article.outlet in fields
    if quote.paragraph is not None:
        assert f"paragraph {quote.paragraph}" in fields
    if quote.date:
        assert quote.date in fields
    if score is not None:
        assert f"{round(score)}/100" in fields
    assert quote.id in embed["footer"]["text"]


def private(reply: Reply) -> None:
    assert reply.ephemeral, f"expected an ephemeral reply: {reply.message}"


def public(reply: Reply) -> None:
    assert not reply.ephemeral, f"expected a public reply: {reply.message}"
