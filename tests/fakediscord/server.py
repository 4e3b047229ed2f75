"""A small fake Discord on 127.0.0.1: the REST routes and the gateway a bot needs.

The real, unmodified discord.py client logs into it. Every request the bot sends is recorded
as JSON; what Discord would reject (a reply over a limit, a second initial response, a late
callback) is answered with Discord's own 4xx error, so a test fails where Discord would.
The fake never answers 5xx: discord.py retries those with sleeps, which would stall a test.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yarl
from aiohttp import WSMsgType, web

from . import limits

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
BOT_TOKEN = "fake-bot-token"
APPLICATION_ID = 1_000_000_000_000_000_001
BOT_USER_ID = 1_000_000_000_000_000_001
GUILD_ID = 1_000_000_000_000_000_100
CHANNEL_ID = 1_000_000_000_000_000_200
USER_ID = 1_000_000_000_000_000_300
DM_CHANNEL_ID = 1_000_000_000_000_000_400
GATEWAY_HEARTBEAT_MS = 41_250
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content

# Interaction callback types.
PONG, MESSAGE, DEFER, DEFER_UPDATE, UPDATE, AUTOCOMPLETE, MODAL = 1, 4, 5, 6, 7, 8, 9
# Interaction types.
COMMAND, COMPONENT, AUTOCOMPLETE_INTERACTION, MODAL_SUBMIT = 2, 3, 4, 5


def json_response(body: Any, status: int = 200) -> web.Response:
    """Content-Type exactly ``application/json``: anything else makes discord.py read text."""
    return web.Response(
        body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class Rejected(Exception):
    """Raised by a route handler: answer ``status`` with Discord's error JSON ``body``."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", ""))
        self.status = status
        self.body = body


def _check_callback(kind: int, data: Any) -> list[limits.Violation]:
    """What Discord checks in an initial response, with paths rooted at the request body."""
    if kind == AUTOCOMPLETE:
        return limits.check_autocomplete(data)
    if kind == MODAL:
        return limits.check_modal(data)
    if kind in (MESSAGE, UPDATE, DEFER):
        found = limits.check_message(data, allow_empty=kind != MESSAGE)
        return [limits.Violation(("data", *v.path), v.code, v.message) for v in found]
    return []


def _invalid(violations: list[limits.Violation]) -> Rejected:
    return Rejected(400, limits.form_error(violations))


@dataclass
class RecordedRequest:
    """One request the bot sent, with the fake's answer."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 0
    response: Any = None
    interaction_id: int | None = None
    expected: bool = False  # a refusal the test asked the fake to make
    at: float = field(default_factory=time.monotonic)

    @property
    def rejected(self) -> bool:
        return self.status >= 400

    def describe(self) -> str:
        return f"{self.method} {self.path} -> {self.status} {json.dumps(self.response)[:2000]}"


RECORDED = web.RequestKey("recorded", RecordedRequest)


@dataclass
class InteractionRecord:
    """An interaction the fake sent to the bot, and everything the bot did with it."""

    payload: dict[str, Any]
    created: float
    requests: list[RecordedRequest] = field(default_factory=list)
    initial: dict[str, Any] | None = None  # the accepted callback body
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def token(self) -> str:
        return str(self.payload["token"])

    @property
    def accepted(self) -> list[RecordedRequest]:
        return [request for request in self.requests if not request.rejected]

    @property
    def answered(self) -> bool:
        """The user sees something: a message, choices, a modal, or a deferred message filled in."""
        if self.initial is None:
            return False
        if self.initial["type"] in (DEFER, DEFER_UPDATE):
            return any(
                r.method in ("POST", "PATCH") and "/webhooks/" in r.path for r in self.accepted
            )
        return True


class FakeDiscord:
    """REST + gateway on 127.0.0.1 (port 0). Start with ``await start()``, stop with ``stop()``."""

    def __init__(self, *, response_window: float = 3.0, allow_privileged_intents: bool = False):
        self.response_window = response_window
        self.allow_privileged_intents = allow_privileged_intents
        self.requests: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None = global)
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.gateway_connections = 0
        self.guilds: list[dict[str, Any]] = [default_guild()]
        self.bot_user = bot_user()
        self.attachments: dict[int, bytes] = {}
        # set to (status, error JSON) to refuse command syncs, e.g. a bot invited without
        # the applications.commands scope: (403, {"code": 50001, "message": "Missing Access"})
        self.refuse_command_sync: tuple[int, dict[str, Any]] | None = None
        self.heartbeat_interval_ms = GATEWAY_HEARTBEAT_MS
        self.ack_heartbeats = True  # False: a "zombie" connection that stops answering
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.downloads: list[str] = []
        self._ids = itertools.count(1_100_000_000_000_000_000)
        self._changed = asyncio.Condition()
        self._ws: web.WebSocketResponse | None = None
        self._sequence = 0
        self._session_id = "fake-session"
        self._pending: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{id}/{filename}", self._serve_attachment)
        app.router.add_get("/pages/{name}", self._serve_page)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> yarl.URL:
        return yarl.URL(f"ws://127.0.0.1:{self.port}/gateway")

    # ----------------------------------------------------------------- waiting
    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    @property
    def rejections(self) -> list[RecordedRequest]:
        return [request for request in self.requests if request.rejected]

    def assert_nothing_rejected(self, expected: set[int], since: int = 0) -> None:
        """Every request Discord would have rejected belongs to an interaction meant to fail
        (``expected`` interaction ids) or is a refusal the test asked for."""
        unexpected = [
            request.describe()
            for request in self.requests[since:]
            if request.rejected
            and not request.expected
            and (request.interaction_id is None or request.interaction_id not in expected)
        ]
        assert unexpected == [], "Discord would have rejected:\n" + "\n".join(unexpected)

    def transcript(self) -> list[dict[str, Any]]:
        """Every request the bot sent and the fake's answer, as plain JSON-able dicts."""
        return [
            {
                "method": r.method,
                "path": r.path,
                "query": r.query,
                "body": r.body,
                "status": r.status,
                "response": r.response,
            }
            for r in self.requests
        ]

    def requests_to(self, method: str, path_part: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and path_part in r.path]

    # ----------------------------------------------------------------- REST
    async def _handle_rest(self, request: web.Request) -> web.StreamResponse:
        """Record the request, route it, and answer like Discord (never with a 5xx)."""
        recorded = RecordedRequest(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            query=dict(request.query),
            body=None,
        )
        self.requests.append(recorded)
        request[RECORDED] = recorded
        try:
            recorded.body = await _read_body(request)
            status, body = await self._dispatch_rest(request)
        except Rejected as rejected:
            status, body = rejected.status, rejected.body
        except Exception as error:  # never 5xx: discord.py would retry with sleeps
            log.exception("fake Discord failed on %s %s", request.method, request.path)
            self.internal_errors.append(f"{request.method} {request.path}: {error!r}")
            status, body = 400, {"code": 0, "message": f"fake Discord error: {error!r}"}
        recorded.status, recorded.response = status, body
        if recorded.interaction_id is not None and recorded.interaction_id in self.interactions:
            self.interactions[recorded.interaction_id].requests.append(recorded)
        await self._notify()
        if status == 204:
            return web.Response(status=204)
        return json_response(body, status)

    async def _dispatch_rest(self, request: web.Request) -> tuple[int, Any]:
        parts = request.match_info["tail"].strip("/").split("/")
        method = request.method
        recorded: RecordedRequest = request[RECORDED]
        body = recorded.body
        match (method, parts):
            case ("GET", ["users", "@me"]):
                if request.headers.get("Authorization") != f"Bot {BOT_TOKEN}":
                    raise Rejected(401, {"code": 0, "message": "401: Unauthorized"})
                return 200, self.bot_user
            case ("GET", ["oauth2", "applications", "@me"]):
                return 200, application()
            case ("GET", ["gateway"]):
                return 200, {"url": str(self.gateway_url)}
            case ("GET", ["gateway", "bot"]):
                return 200, {
                    "url": str(self.gateway_url),
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            case ("PUT", ["applications", app, "commands"]):
                return 200, self._overwrite_commands(recorded, app, None, body)
            case ("PUT", ["applications", app, "guilds", guild, "commands"]):
                return 200, self._overwrite_commands(recorded, app, int(guild), body)
            case ("GET", ["applications", app, "commands"]):
                return 200, self.commands.get(None, [])
            case ("GET", ["applications", app, "guilds", guild, "commands"]):
                return 200, self.commands.get(int(guild), [])
            case ("POST", ["interactions", interaction_id, token, "callback"]):
                return self._callback(recorded, int(interaction_id), token, body)
            case ("POST", ["webhooks", app, token]):
                return self._followup(recorded, app, token, body)
            case ("GET" | "PATCH" | "DELETE", ["webhooks", app, token, "messages", message]):
                return self._webhook_message(recorded, method, app, token, message, body)
        raise Rejected(
            404, {"code": 0, "message": "404: Not Found (route not modelled by the fake)"}
        )

    def _overwrite_commands(
        self, recorded: RecordedRequest, app: str, guild: int | None, body: Any
    ) -> list[dict[str, Any]]:
        if int(app) != APPLICATION_ID:
            raise Rejected(403, {"code": 50001, "message": "Missing Access"})
        if self.refuse_command_sync is not None:
            recorded.expected = True
            raise Rejected(*self.refuse_command_sync)
        violations = limits.check_commands(body)
        if violations:
            raise _invalid(violations)
        previous = {(c["type"], c["name"]): c for c in self.commands.get(guild, [])}
        stored = []
        for command in body:
            kind = command.get("type", 1)
            old = previous.get((kind, command["name"]))
            stored.append(
                {
                    "description": "",
                    "options": [],
                    **command,
                    "type": kind,
                    "id": old["id"] if old else str(next(self._ids)),
                    "application_id": str(APPLICATION_ID),
                    "version": str(next(self._ids)),
                    **({"guild_id": str(guild)} if guild is not None else {}),
                }
            )
        self.commands[guild] = stored
        return stored

    def _interaction_for(
        self, recorded: RecordedRequest, interaction_id: int, token: str
    ) -> InteractionRecord:
        record = self.interactions.get(interaction_id)
        if record is None or record.token != token:
            raise Rejected(404, {"code": 10062, "message": "Unknown interaction"})
        recorded.interaction_id = interaction_id
        return record

    def _callback(
        self, recorded: RecordedRequest, interaction_id: int, token: str, body: Any
    ) -> tuple[int, Any]:
        record = self._interaction_for(recorded, interaction_id, token)
        if record.initial is not None:
            raise Rejected(
                400, {"code": 40060, "message": "Interaction has already been acknowledged."}
            )
        if time.monotonic() - record.created > self.response_window:
            raise Rejected(404, {"code": 10062, "message": "Unknown interaction"})
        if not isinstance(body, Mapping) or "type" not in body:
            raise _invalid([limits.Violation(("type",), "BASE_TYPE_REQUIRED", "required")])
        kind = body["type"]
        data = body.get("data") or {}
        interaction_type = record.payload["type"]
        allowed = {
            COMMAND: {MESSAGE, DEFER, MODAL},
            COMPONENT: {MESSAGE, DEFER, DEFER_UPDATE, UPDATE, MODAL},
            AUTOCOMPLETE_INTERACTION: {AUTOCOMPLETE},
            MODAL_SUBMIT: {MESSAGE, DEFER, DEFER_UPDATE, UPDATE},
        }[interaction_type]
        if kind not in allowed:
            raise Rejected(
                400, {"code": 40043, "message": "Interaction response type not allowed here."}
            )
        violations = _check_callback(kind, data)
        if violations:
            raise _invalid(violations)
        record.initial = dict(body)
        interaction: dict[str, Any] = {"id": str(record.id), "type": interaction_type}
        resource: dict[str, Any] = {"type": kind}
        if kind in (MESSAGE, DEFER):
            message = self._new_message(record, data, loading=kind == DEFER)
            record.original_message_id = int(message["id"])
            interaction.update(
                response_message_id=message["id"],
                response_message_loading=kind == DEFER,
                response_message_ephemeral=bool(message["flags"] & limits.EPHEMERAL),
            )
            resource["message"] = message
        elif kind in (UPDATE, DEFER_UPDATE):
            target = record.payload.get("message") or {}
            message_id = int(target.get("id", 0))
            if message_id not in self.messages:
                self.messages[message_id] = dict(target)
            record.original_message_id = message_id
            if kind == UPDATE:
                self._edit(message_id, data)
            interaction["response_message_id"] = str(message_id)
            resource["message"] = self.messages[message_id]
        return 200, {"interaction": interaction, "resource": resource}

    def _followup(
        self, recorded: RecordedRequest, app: str, token: str, body: Any
    ) -> tuple[int, Any]:
        record = self._by_token(recorded, app, token)
        if record.initial is None:
            raise Rejected(404, {"code": 10015, "message": "Unknown Webhook"})
        violations = limits.check_message(body)
        if violations:
            raise _invalid(violations)
        loading = record.original_message_id is not None and self.messages.get(
            record.original_message_id, {}
        ).get("_loading")
        if record.initial["type"] == DEFER and loading:
            # Discord: the first followup after a defer fills in the "thinking…" message.
            assert record.original_message_id is not None
            return 200, self._edit(record.original_message_id, body)
        message = self._new_message(record, body)
        record.followup_ids.append(int(message["id"]))
        return 200, message

    def _webhook_message(
        self,
        recorded: RecordedRequest,
        method: str,
        app: str,
        token: str,
        message: str,
        body: Any,
    ) -> tuple[int, Any]:
        record = self._by_token(recorded, app, token)
        if message == "@original":
            if record.original_message_id is None:
                raise Rejected(404, {"code": 10008, "message": "Unknown Message"})
            message_id = record.original_message_id
        else:
            message_id = int(message)
            if message_id not in record.followup_ids and message_id != record.original_message_id:
                raise Rejected(404, {"code": 10008, "message": "Unknown Message"})
        if method == "GET":
            return 200, self.messages[message_id]
        if method == "DELETE":
            self.messages.pop(message_id, None)
            return 204, None
        violations = limits.check_message(body, allow_empty=True)
        if violations:
            raise _invalid(violations)
        return 200, self._edit(message_id, body)

    def _by_token(self, recorded: RecordedRequest, app: str, token: str) -> InteractionRecord:
        if int(app) != APPLICATION_ID:
            raise Rejected(404, {"code": 10015, "message": "Unknown Webhook"})
        for record in self.interactions.values():
            if record.token == token:
                recorded.interaction_id = record.id
                return record
        raise Rejected(404, {"code": 10015, "message": "Unknown Webhook"})

    def _new_message(
        self, record: InteractionRecord, data: Mapping[str, Any], *, loading: bool = False
    ) -> dict[str, Any]:
        payload = record.payload
        channel_id = (payload.get("channel") or {}).get("id", str(CHANNEL_ID))
        message = {
            "id": str(next(self._ids)),
            "type": 20 if payload["type"] == COMMAND else 19,
            "channel_id": channel_id,
            "author": self.bot_user,
            "content": data.get("content") or "",
            "embeds": list(data.get("embeds") or []),
            "components": list(data.get("components") or []),
            "attachments": [],
            **pings(data.get("content") or "", data.get("allowed_mentions")),
            "pinned": False,
            "tts": False,
            "timestamp": "2026-01-01T00:00:00.000000+00:00",
            "edited_timestamp": None,
            "flags": int(data.get("flags") or 0) | (1 << 7 if loading else 0),
            "webhook_id": str(APPLICATION_ID),
            "application_id": str(APPLICATION_ID),
            "interaction_metadata": {
                "id": str(record.id),
                "type": payload["type"],
                "user": interaction_user(payload),
                "authorizing_integration_owners": {},
            },
            "_loading": loading,
        }
        if payload.get("guild_id"):
            message["guild_id"] = payload["guild_id"]
        self.messages[int(message["id"])] = message
        return public_message(message)

    def _edit(self, message_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components"):
            if key in data and data[key] is not None:
                message[key] = data[key]
        if data.get("content") is not None:
            message.update(pings(data["content"], data.get("allowed_mentions")))
        if message.get("_loading"):
            message["_loading"] = False
            message["flags"] = int(message.get("flags", 0)) & ~(1 << 7)
        message["edited_timestamp"] = "2026-01-01T00:00:01.000000+00:00"
        return public_message(message)

    def public_message(self, message_id: int) -> dict[str, Any]:
        """A message as Discord would send it inside an interaction (no fake bookkeeping)."""
        return public_message(self.messages[message_id])

    # ----------------------------------------------------------------- files and pages
    def add_attachment(
        self, filename: str, data: bytes, content_type: str = "text/plain; charset=utf-8"
    ) -> dict[str, Any]:
        """A file a user attached to a command; served from the fake's "CDN"."""
        attachment_id = next(self._ids)
        self.attachments[attachment_id] = data
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        return {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
        }

    def add_page(self, name: str, data: bytes, content_type: str = "text/html") -> str:
        """A web page the bot may be asked to fetch; returns its URL (a loopback address)."""
        self.pages[name] = (data, content_type)
        return f"http://127.0.0.1:{self.port}/pages/{name}"

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        self.downloads.append(request.path)
        data = self.attachments.get(int(request.match_info["id"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})

    async def _serve_page(self, request: web.Request) -> web.Response:
        self.downloads.append(request.path)
        page = self.pages.get(request.match_info["name"])
        if page is None:
            return web.Response(status=404)
        return web.Response(body=page[0], headers={"Content-Type": page[1]})

    # ----------------------------------------------------------------- gateway
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.gateway_connections += 1
        self._ws = ws
        await ws.send_str(
            json.dumps(
                {
                    "op": 10,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                    "s": None,
                    "t": None,
                }
            )
        )
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                await self._on_gateway_frame(ws, frame)
        except Exception:  # a broken fake must not hang the test: record and close
            log.exception("fake gateway failed")
            self.internal_errors.append("gateway handler raised")
        finally:
            if self._ws is ws:
                self._ws = None
            await self._notify()
        return ws

    async def _on_gateway_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data: dict[str, Any] = frame.get("d") or {}
        if op == 1:
            if self.ack_heartbeats:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
        elif op == 2:
            self.identifies.append(data)
            if data.get("token") != BOT_TOKEN and data.get("token") != f"Bot {BOT_TOKEN}":
                await ws.close(code=4004, message=b"Authentication failed.")
                return
            if (
                int(data.get("intents", 0)) & PRIVILEGED_INTENTS
                and not self.allow_privileged_intents
            ):
                await ws.close(code=4014, message=b"Disallowed intent(s).")
                return
            self._session_id = f"fake-session-{len(self.identifies)}"
            self._sequence = 0
            await self._send_dispatch(ws, "READY", self._ready_payload())
            for guild in self.guilds:
                await self._send_dispatch(ws, "GUILD_CREATE", guild)
        elif op == 6:
            self.resumes.append(data)
            if data.get("session_id") != self._session_id:
                await ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))
                return
            pending, self._pending = self._pending, []
            for event in pending:
                await ws.send_str(json.dumps(event))
            await self._send_dispatch(ws, "RESUMED", {})
        await self._notify()

    def _ready_payload(self) -> dict[str, Any]:
        return {
            "v": 10,
            "session_id": self._session_id,
            "resume_gateway_url": str(self.gateway_url),
            "user": self.bot_user,
            "guilds": [{"id": g["id"], "unavailable": True} for g in self.guilds],
            "application": {"id": str(APPLICATION_ID), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    async def _send_dispatch(self, ws: web.WebSocketResponse | None, event: str, data: Any) -> None:
        self._sequence += 1
        frame = {"op": 0, "t": event, "s": self._sequence, "d": data}
        if ws is None or ws.closed:
            self._pending.append(frame)  # replayed on RESUME, as Discord does
            return
        await ws.send_str(json.dumps(frame))

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a gateway event to the bot (queued while the bot is reconnecting)."""
        await self._send_dispatch(self._ws, event, data)

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the bot's websocket as Discord does on a server-side hiccup."""
        if self._ws is not None:
            await self._ws.close(code=code, message=b"fake Discord closed the connection")

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client must reconnect and resume."""
        if self._ws is not None:
            await self._ws.send_str(json.dumps({"op": 7, "d": None, "s": None, "t": None}))

    async def invalidate_session(self) -> None:
        """Send op 9 INVALID_SESSION (not resumable): the client must identify afresh."""
        self._session_id = "invalidated"
        if self._ws is not None:
            await self._ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def send_interaction(self, payload: dict[str, Any]) -> InteractionRecord:
        """Deliver an INTERACTION_CREATE; the 3-second window starts now."""
        record = InteractionRecord(payload=payload, created=time.monotonic())
        self.interactions[record.id] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    def new_id(self) -> int:
        return next(self._ids)


async def _read_body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    content_type = request.content_type
    if content_type == "application/json":
        return await request.json()
    if content_type.startswith("multipart/"):
        form = await request.post()
        payload = form.get("payload_json")
        body: dict[str, Any] = json.loads(str(payload)) if payload is not None else {}
        body["_files"] = [key for key in form if key != "payload_json"]
        return body
    return (await request.read()).decode(errors="replace")


_USER_MENTION = re.compile(r"<@!?([0-9]{15,20})>")
_ROLE_MENTION = re.compile(r"<@&([0-9]{15,20})>")


def pings(content: str, allowed_mentions: Any) -> dict[str, Any]:
    """Who a message's content notifies, by Discord's rules (no allowed_mentions: everything).

    Only content pings; embeds never do. Used to fill the stored message's ``mentions``,
    ``mention_roles`` and ``mention_everyone``, so a test can check that nobody was pinged.
    """
    allowed = allowed_mentions if isinstance(allowed_mentions, Mapping) else None
    parse = set(allowed.get("parse", [])) if allowed else {"users", "roles", "everyone"}
    users = set(allowed.get("users", [])) if allowed else set()
    roles = set(allowed.get("roles", [])) if allowed else set()
    mentioned_users = [u for u in _USER_MENTION.findall(content) if "users" in parse or u in users]
    mentioned_roles = [r for r in _ROLE_MENTION.findall(content) if "roles" in parse or r in roles]
    everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
    return {
        "mentions": [user_payload(int(u), "mentioned") for u in dict.fromkeys(mentioned_users)],
        "mention_roles": list(dict.fromkeys(mentioned_roles)),
        "mention_everyone": everyone,
    }


def public_message(message: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in message.items() if not key.startswith("_")}


def bot_user() -> dict[str, Any]:
    return {
        "id": str(BOT_USER_ID),
        "username": "quotebot",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": True,
        "flags": 0,
        "verified": True,
        "mfa_enabled": False,
    }


def application() -> dict[str, Any]:
    return {
        "id": str(APPLICATION_ID),
        "name": "quotebot",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": 0,
        "owner": {"id": str(USER_ID), "username": "owner", "discriminator": "0", "avatar": None},
        "team": None,
    }


def default_guild() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID),
        "name": "Fake Guild",
        "unavailable": False,
        "owner_id": str(USER_ID),
        "member_count": 2,
        "roles": [
            {
                "id": str(GUILD_ID),
                "name": "@everyone",
                "permissions": str((1 << 11) | (1 << 10) | (1 << 31)),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            }
        ],
        "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0}],
        "members": [],
        "emojis": [],
        "stickers": [],
        "features": [],
        "threads": [],
    }


def user_payload(user_id: int = USER_ID, name: str = "reader") -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
    }


def interaction_user(payload: Mapping[str, Any]) -> dict[str, Any]:
    if "member" in payload:
        user: dict[str, Any] = payload["member"]["user"]
        return user
    user = payload["user"]
    return user
