"""Drive a running discord.py bot through the fake: send interactions, await what it answers.

The helpers build interactions the way Discord's client would, from the commands the bot
actually synced (option types, choices, max_length, contexts). Asking for something Discord's
client would never send (an unsynced command, a missing required option, a string over
max_length) raises ``InvalidInvocation`` instead of testing an impossible situation.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import discord
from discord.ext import commands

from . import server
from .server import (
    APPLICATION_ID,
    BOT_TOKEN,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    FakeDiscord,
    InteractionRecord,
    RecordedRequest,
)

T = TypeVar("T")

STRING, INTEGER, BOOLEAN, NUMBER, ATTACHMENT = 3, 4, 5, 10, 11
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send, use app commands
ADMINISTRATOR = 1 << 3


_SNOWFLAKE = re.compile(r"\b([0-9]{17,20})\b")


class InvalidInvocation(Exception):
    """Discord's client would not let a user send this interaction."""


class BotFailed(AssertionError):
    """The bot raised, logged an error, or sent something Discord rejected."""


@dataclass
class CapturedError:
    source: str
    message: str
    exception: BaseException | None = None
    interaction_id: int | None = None
    at: float = field(default_factory=time.monotonic)

    def __str__(self) -> str:
        detail = f": {self.exception!r}" if self.exception is not None else ""
        return f"[{self.source}] {self.message}{detail}"


class _ErrorLogHandler(logging.Handler):
    def __init__(self, sink: list[CapturedError]) -> None:
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        exception = record.exc_info[1] if record.exc_info else None
        self.sink.append(CapturedError(f"log {record.name}", record.getMessage(), exception))


@dataclass
class Reply:
    """What the bot did with one interaction, as the JSON it sent."""

    record: InteractionRecord
    fake: FakeDiscord

    @property
    def initial(self) -> dict[str, Any]:
        """The accepted initial callback body (``{"type": ..., "data": ...}``)."""
        assert self.record.initial is not None, "the bot never acknowledged the interaction"
        return self.record.initial

    @property
    def type(self) -> int:
        return int(self.initial["type"])

    @property
    def sent(self) -> list[dict[str, Any]]:
        """Every message body sent for this interaction: callback data, followups, edits."""
        bodies: list[dict[str, Any]] = []
        for request in self.record.accepted:
            body = request.body if isinstance(request.body, dict) else {}
            if request.path.endswith("/callback"):
                data = body.get("data")
                if isinstance(data, dict) and body.get("type") in (server.MESSAGE, server.UPDATE):
                    bodies.append(data)
            elif request.method in ("POST", "PATCH"):
                bodies.append(body)
        return bodies

    @property
    def message(self) -> dict[str, Any]:
        """The message the user sees now (after any defer and edits)."""
        message_id = self.record.original_message_id
        if message_id is None or message_id not in self.fake.messages:
            # no original, or the bot deleted it (e.g. a public "thinking…" placeholder
            # replaced by a private followup): the user sees the latest followup
            followups = [i for i in self.record.followup_ids if i in self.fake.messages]
            assert followups, f"no message for this interaction: {self.initial}"
            message_id = followups[-1]
        return self.fake.public_message(message_id)

    @property
    def original_deleted(self) -> bool:
        original = self.record.original_message_id
        return original is not None and original not in self.fake.messages

    @property
    def followups(self) -> list[dict[str, Any]]:
        return [
            self.fake.public_message(i) for i in self.record.followup_ids if i in self.fake.messages
        ]

    @property
    def content(self) -> str:
        return str(self.message.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.message.get("embeds") or [])

    @property
    def text(self) -> str:
        """Everything a user reads in the message: content and every embed text."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for field_ in embed.get("fields") or []:
                parts += [field_.get("name", ""), field_.get("value", "")]
            parts.append((embed.get("footer") or {}).get("text", ""))
            parts.append((embed.get("author") or {}).get("name", ""))
        return "\n".join(part for part in parts if part)

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.message.get("flags") or 0) & server.limits.EPHEMERAL)

    @property
    def choices(self) -> list[dict[str, Any]]:
        assert self.type == server.AUTOCOMPLETE, f"not an autocomplete result: {self.initial}"
        return list(self.initial["data"]["choices"])

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [
            child
            for row in self.message.get("components") or []
            for child in row.get("components") or []
            if child.get("type") == 2
        ]

    @property
    def rejections(self) -> list[RecordedRequest]:
        return [request for request in self.record.requests if request.rejected]


@dataclass
class BotHarness:
    """A bot logged into the fake, and helpers that play the part of Discord's client."""

    fake: FakeDiscord
    bot: commands.Bot
    task: asyncio.Task[None]
    errors: list[CapturedError] = field(default_factory=list)
    expected_failures: set[int] = field(default_factory=set)
    default_user: dict[str, Any] = field(default_factory=server.user_payload)
    # commands a server admin opened to everyone (Server Settings → Integrations), which
    # Discord then offers regardless of their default_member_permissions
    opened_to_everyone: set[str] = field(default_factory=set)
    _log_handler: logging.Handler | None = None

    # ------------------------------------------------------------ lifecycle
    @classmethod
    async def start(cls, fake: FakeDiscord, bot: commands.Bot, timeout: float = 5.0) -> BotHarness:
        task = asyncio.create_task(bot.start(BOT_TOKEN), name="bot.start")
        harness = cls(fake=fake, bot=bot, task=task)
        harness._log_handler = _ErrorLogHandler(harness.errors)
        logging.getLogger().addHandler(harness._log_handler)
        await harness.until(bot.is_ready, timeout, "the bot to become ready")
        harness._record_tree_errors()
        return harness

    def _record_tree_errors(self) -> None:
        """Record every app-command error while keeping the bot's own handler."""
        tree = self.bot.tree
        handler = tree.on_error

        async def recording(
            interaction: discord.Interaction[Any], error: discord.app_commands.AppCommandError
        ) -> None:
            try:
                await handler(interaction, error)
            finally:
                self.errors.append(
                    CapturedError("tree.on_error", str(error), error, interaction.id)
                )

        tree.on_error = recording  # type: ignore[method-assign]

    async def close(self) -> None:
        try:
            if not self.bot.is_closed():
                await self.bot.close()
            await asyncio.wait_for(asyncio.shield(self.task), 5.0)
        finally:
            if self._log_handler is not None:
                logging.getLogger().removeHandler(self._log_handler)

    # ------------------------------------------------------------ waiting
    async def wait(self, awaitable: Awaitable[T], timeout: float = 5.0) -> T:
        """Await ``awaitable`` but fail at once if the bot's ``start()`` task ends first."""
        inner: asyncio.Future[T] = asyncio.ensure_future(awaitable)
        racers: set[asyncio.Future[Any]] = {inner, self.task}
        done, _ = await asyncio.wait(racers, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if inner in done:
            return inner.result()
        inner.cancel()
        if self.task in done:
            error = self.task.exception() if not self.task.cancelled() else None
            raise BotFailed(f"the bot stopped: {error!r}") from error
        raise BotFailed(f"timed out after {timeout} s")

    async def until(
        self, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "a condition"
    ) -> None:
        """Poll ``predicate`` (cheap), failing fast if the bot dies."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if self.task.done():
                error = self.task.exception() if not self.task.cancelled() else None
                raise BotFailed(f"the bot stopped while waiting for {what}: {error!r}") from error
            if loop.time() > deadline:
                raise BotFailed(f"timed out after {timeout} s waiting for {what}\n{self.report()}")
            await asyncio.sleep(0.002)

    def report(self) -> str:
        lines = ["errors:", *(f"  {e}" for e in self.errors), "requests:"]
        lines += [f"  {request.describe()[:500]}" for request in self.fake.requests[-10:]]
        return "\n".join(lines)

    async def answer_of(
        self, record: InteractionRecord, *, expect_error: bool = False, timeout: float = 5.0
    ) -> Reply:
        """Wait until the user sees an answer; fail fast on an error unless one is expected.

        Only errors that belong to this interaction count: raised after it was sent, and not
        recorded for (or logged naming) another interaction. Errors of an earlier interaction
        that arrive late (after its answer) therefore never fail this one.
        """
        if expect_error:
            self.expected_failures.add(record.id)

        def mine(error: CapturedError) -> bool:
            if error.at < record.created:
                return False
            if error.interaction_id is not None:
                return error.interaction_id == record.id
            named = {int(n) for n in _SNOWFLAKE.findall(error.message)}
            named &= set(self.fake.interactions)
            return not named or record.id in named

        def failed() -> list[str]:
            problems = [str(e) for e in self.errors if mine(e)]
            problems += [r.describe() for r in record.requests if r.rejected]
            return problems

        def handled() -> bool:
            # the tree's error handler has run for this interaction (it answers, if it does)
            return any(e.interaction_id == record.id for e in self.errors)

        await self.until(
            lambda: record.answered or handled() or bool(failed()),
            timeout,
            f"an answer to interaction {record.id}",
        )
        if expect_error:
            # let the error handler finish (its answer, its records) before the test goes on
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 0.25
            while loop.time() < deadline and not (
                handled() if record.payload["type"] == server.COMMAND else record.answered
            ):
                await self.wait(asyncio.sleep(0.005))
        problems = failed()
        if problems and not expect_error:
            cause = next((e.exception for e in self.errors if mine(e) and e.exception), None)
            raise BotFailed("the bot failed:\n" + "\n".join(problems)) from cause
        return Reply(record, self.fake)

    async def settle(self, seconds: float = 0.05) -> None:
        """Let the bot finish work it does after answering (edits, followups)."""
        await self.wait(asyncio.sleep(seconds), timeout=seconds + 5)

    # ------------------------------------------------------------ commands
    def command(self, name: str, kind: int = 1, *, dm: bool = False) -> dict[str, Any]:
        """The command as Discord has it registered (guild commands first, then global)."""
        scopes: list[int | None] = [None] if dm else [GUILD_ID, None]
        for scope in scopes:
            for command in self.fake.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == kind:
                    return command
        if dm and any(c["name"] == name for c in self.fake.commands.get(GUILD_ID, [])):
            raise InvalidInvocation(
                f"{name!r} is a guild command: Discord does not offer it in DMs"
            )
        raise InvalidInvocation(f"Discord has no command {name!r} (type {kind}): not synced?")

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        dm: bool = False,
        user: dict[str, Any] | None = None,
        permissions: int = MEMBER_PERMISSIONS,
        expect_error: bool = False,
        timeout: float = 5.0,
    ) -> Reply:
        """``/name sub [options]`` as typed by a user; returns once the bot answered."""
        payload = self.command_payload(
            name, options or {}, dm=dm, user=user, permissions=permissions
        )
        record = await self.fake.send_interaction(payload)
        return await self.answer_of(record, expect_error=expect_error, timeout=timeout)

    async def autocomplete(
        self,
        name: str,
        focused: str,
        options: Mapping[str, Any],
        *,
        dm: bool = False,
        permissions: int = MEMBER_PERMISSIONS,
        expect_error: bool = False,
        timeout: float = 5.0,
    ) -> Reply:
        """The user is typing ``options[focused]`` in ``/name``; returns the choices sent."""
        payload = self.command_payload(
            name, options, dm=dm, focused=focused, permissions=permissions
        )
        payload["type"] = server.AUTOCOMPLETE_INTERACTION
        record = await self.fake.send_interaction(payload)
        return await self.answer_of(record, expect_error=expect_error, timeout=timeout)

    def command_payload(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        dm: bool = False,
        user: dict[str, Any] | None = None,
        permissions: int = MEMBER_PERMISSIONS,
        focused: str | None = None,
    ) -> dict[str, Any]:
        words = name.split()
        command = self.command(words[0], dm=dm)
        opened = command["name"] in self.opened_to_everyone
        _check_reachable(command, dm=dm, permissions=ADMINISTRATOR if opened else permissions)
        schema: list[dict[str, Any]] = command.get("options") or []
        top: list[dict[str, Any]] = []
        sink = top
        for word in words[1:]:
            option = next((o for o in schema if o["name"] == word), None)
            if option is None or option["type"] not in (SUB_COMMAND, SUB_COMMAND_GROUP):
                raise InvalidInvocation(f"/{words[0]} has no subcommand {word!r}")
            nested: dict[str, Any] = {"name": word, "type": option["type"], "options": []}
            sink.append(nested)
            sink = nested["options"]
            schema = option.get("options") or []
        if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
            raise InvalidInvocation(f"/{name} needs a subcommand")
        sink.extend(_build_options(name, schema, options, focused))
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": 1,
            "options": top,
        }
        attachments = {
            str(value["id"]): value
            for value in options.values()
            if isinstance(value, Mapping) and "filename" in value
        }
        if attachments:
            data["resolved"] = {"attachments": attachments}
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        return self._interaction(server.COMMAND, data, dm=dm, user=user, permissions=permissions)

    async def context_menu(
        self,
        name: str,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        embeds: list[dict[str, Any]] | None = None,
        dm: bool = False,
        expect_error: bool = False,
    ) -> Reply:
        """Right-click a message with ``content`` and pick the message command ``name``."""
        command = self.command(name, kind=3, dm=dm)
        _check_reachable(command, dm=dm, permissions=MEMBER_PERMISSIONS)
        message_id = str(self.fake.new_id())
        target: dict[str, Any] = {
            "id": message_id,
            "type": 0,
            "channel_id": str(DM_CHANNEL_ID if dm else CHANNEL_ID),
            "author": author or server.user_payload(self.fake.new_id(), "someone"),
            "content": content,
            "embeds": embeds or [],
            "attachments": [],
            "components": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": "2026-01-01T00:00:00.000000+00:00",
            "edited_timestamp": None,
            "flags": 0,
        }
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": 3,
            "target_id": message_id,
            "resolved": {"messages": {message_id: target}},
        }
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        payload = self._interaction(server.COMMAND, data, dm=dm)
        record = await self.fake.send_interaction(payload)
        return await self.answer_of(record, expect_error=expect_error)

    async def click(
        self,
        message: Mapping[str, Any],
        custom_id: str,
        *,
        user: dict[str, Any] | None = None,
        expect_error: bool = False,
    ) -> Reply:
        """Press the button ``custom_id`` on a message the bot sent earlier."""
        message_id = int(message["id"])
        if message_id not in self.fake.messages:
            raise InvalidInvocation("that message does not exist on Discord")
        current = self.fake.public_message(message_id)
        button = next(
            (
                child
                for row in current.get("components") or []
                for child in row.get("components") or []
                if child.get("custom_id") == custom_id
            ),
            None,
        )
        if button is None:
            raise InvalidInvocation(f"no component {custom_id!r} on that message")
        if button.get("disabled"):
            raise InvalidInvocation(f"button {custom_id!r} is disabled")
        data = {"custom_id": custom_id, "component_type": button["type"]}
        dm = "guild_id" not in current
        payload = self._interaction(server.COMPONENT, data, dm=dm, user=user)
        payload["message"] = current
        record = await self.fake.send_interaction(payload)
        return await self.answer_of(record, expect_error=expect_error)

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        dm: bool = False,
        user: dict[str, Any] | None = None,
        permissions: int = MEMBER_PERMISSIONS,
    ) -> dict[str, Any]:
        interaction_id = self.fake.new_id()
        who = user or self.default_user
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": f"token-{interaction_id}",
            "version": 1,
            "attachment_size_limit": 10 * 1024 * 1024,
            "data": data,
            "locale": "en-US",
            "entitlements": [],
            "app_permissions": str(MEMBER_PERMISSIONS),
        }
        if dm:
            # A user-installed app used in a DM between two users.
            payload.update(
                context=2,
                authorizing_integration_owners={"1": who["id"]},
                channel={"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [who]},
                channel_id=str(DM_CHANNEL_ID),
                user=who,
            )
        else:
            payload.update(
                context=0,
                authorizing_integration_owners={"0": str(GUILD_ID)},
                guild_id=str(GUILD_ID),
                guild_locale="en-US",
                channel={
                    "id": str(CHANNEL_ID),
                    "type": 0,
                    "name": "general",
                    "guild_id": str(GUILD_ID),
                },
                channel_id=str(CHANNEL_ID),
                member={
                    "user": who,
                    "roles": [],
                    "flags": 0,
                    "permissions": str(permissions),
                    "joined_at": "2025-01-01T00:00:00.000000+00:00",
                    "deaf": False,
                    "mute": False,
                    "nick": None,
                    "avatar": None,
                },
            )
        return payload


def _check_reachable(command: Mapping[str, Any], *, dm: bool, permissions: int) -> None:
    """Discord only offers a command where its contexts, install types and permissions allow."""
    contexts = command.get("contexts")
    integration_types = command.get("integration_types")
    if dm:
        if contexts is not None and 2 not in contexts:
            raise InvalidInvocation(f"/{command['name']} is not offered in DMs (contexts)")
        if integration_types is not None and 1 not in integration_types:
            raise InvalidInvocation(f"/{command['name']} cannot be user-installed")
        if command.get("dm_permission") is False and contexts is None:
            raise InvalidInvocation(f"/{command['name']} is not offered in DMs")
    else:
        if contexts is not None and 0 not in contexts:
            raise InvalidInvocation(f"/{command['name']} is not offered in servers")
        required = command.get("default_member_permissions")
        if required is not None and not permissions & ADMINISTRATOR:
            needed = int(required)
            if permissions & needed != needed:
                raise InvalidInvocation(f"/{command['name']} needs permissions {needed}")


def _build_options(
    name: str,
    schema: list[dict[str, Any]],
    given: Mapping[str, Any],
    focused: str | None,
) -> list[dict[str, Any]]:
    known = {option["name"]: option for option in schema}
    for key in given:
        if key not in known:
            raise InvalidInvocation(f"/{name} has no option {key!r} (has {sorted(known)})")
    built = []
    for option in schema:
        key = option["name"]
        if key not in given:
            if option.get("required") and focused is None:
                raise InvalidInvocation(f"/{name} requires option {key!r}")
            continue
        value = given[key]
        entry: dict[str, Any] = {"name": key, "type": option["type"], "value": value}
        if option["type"] == ATTACHMENT:
            if not isinstance(value, Mapping) or "filename" not in value:
                raise InvalidInvocation(f"/{name} {key}: attach a file (fake.add_attachment)")
            entry["value"] = str(value["id"])
        elif key == focused:
            entry["focused"] = True
            entry["value"] = str(value)
        else:
            _check_value(name, option, value)
        built.append(entry)
    if focused is not None and focused not in given:
        raise InvalidInvocation(f"the focused option {focused!r} needs a typed value")
    return built


def _check_value(name: str, option: Mapping[str, Any], value: Any) -> None:
    kind = option["type"]
    label = f"/{name} {option['name']}"
    expected: dict[int, type | tuple[type, ...]] = {
        STRING: str,
        INTEGER: int,
        BOOLEAN: bool,
        NUMBER: (int, float),
    }
    if kind == ATTACHMENT:
        return
    if kind in expected and not isinstance(value, expected[kind]):
        raise InvalidInvocation(f"{label}: {value!r} is not of option type {kind}")
    choices = option.get("choices")
    if choices and value not in [choice["value"] for choice in choices]:
        raise InvalidInvocation(f"{label}: {value!r} is not one of the offered choices")
    if kind == STRING:
        longest = min(option.get("max_length") or 6000, 6000)
        if len(value) > longest:
            raise InvalidInvocation(f"{label}: Discord's client stops typing at {longest} chars")
        if len(value) < (option.get("min_length") or 0):
            raise InvalidInvocation(f"{label}: shorter than min_length")
        if not value.strip() and option.get("required"):
            raise InvalidInvocation(
                f"{label}: Discord's client does not send a blank required option"
            )
    if kind in (INTEGER, NUMBER):
        low, high = option.get("min_value"), option.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInvocation(f"{label}: {value!r} is outside [{low}, {high}]")
