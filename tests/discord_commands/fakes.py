"""A recording stand-in for ``discord.Interaction``: just the parts the commands use.

The end-to-end tests drive the real client against a fake Discord; these doubles let the
command tests call a handler directly and look at exactly what it tried to send.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import discord

from bot.answers import Library
from bot.client import QuotebotBot, create_bot
from bot.settings import Settings

_ids = itertools.count(900_000_000_000_000_000)


@dataclass
class Sent:
    kind: str  # "message", "defer", "edit", "followup", "delete" (of the original)
    content: str | None
    options: dict[str, Any]

    @property
    def embed(self) -> discord.Embed:
        embed = self.options.get("embed")
        assert isinstance(embed, discord.Embed), self
        return embed

    @property
    def ephemeral(self) -> bool:
        return bool(self.options.get("ephemeral"))


@dataclass
class FakeResponse:
    log: list[Sent]
    done: bool = False

    def is_done(self) -> bool:
        return self.done

    def _answer(self, kind: str, content: str | None, options: dict[str, Any]) -> None:
        assert not self.done, "a second response to one interaction"
        self.done = True
        self.log.append(Sent(kind, content, options))

    async def send_message(self, content: str | None = None, **options: Any) -> None:
        self._answer("message", content, options)

    async def defer(self, **options: Any) -> None:
        self._answer("defer", None, options)

    async def edit_message(self, **options: Any) -> None:
        self._answer("edit", options.get("content"), options)


@dataclass
class FakeFollowup:
    log: list[Sent]
    response: FakeResponse

    async def send(self, content: str | None = None, **options: Any) -> None:
        assert self.response.done, "a followup before any response"
        self.log.append(Sent("followup", content, options))


@dataclass
class FakeInteraction:
    client: QuotebotBot
    guild_id: int | None = None
    user_id: int = 1
    command: Any = None
    sent: list[Sent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.id = next(_ids)
        self.user = SimpleNamespace(id=self.user_id)
        self.response = FakeResponse(self.sent)
        self.followup = FakeFollowup(self.sent, self.response)

    def as_interaction(self) -> discord.Interaction[QuotebotBot]:
        return cast("discord.Interaction[QuotebotBot]", self)

    async def delete_original_response(self) -> None:
        assert self.response.done, "nothing to delete yet"
        self.sent.append(Sent("delete", None, {}))

    @property
    def answer(self) -> Sent:
        """The message the user ends up seeing (after a defer, the followup)."""
        shown = [s for s in self.sent if s.kind not in ("defer", "delete")]
        assert len(shown) == 1, self.sent
        return shown[0]


def make_bot(library: Library, tmp_path: Path, **options: Any) -> QuotebotBot:
    """A bot that never connects; it defers only when a test asks (a busy machine is slow)."""
    options.setdefault("defer_after", 30.0)
    return create_bot(
        Settings(), library=library, sync_state_path=tmp_path / "sync.json", **options
    )
