"""A small fake Discord (REST + gateway on 127.0.0.1) that the real discord.py client logs into."""

from .harness import BotFailed, BotHarness, InvalidInvocation, Reply
from .server import (
    APPLICATION_ID,
    BOT_TOKEN,
    CHANNEL_ID,
    GUILD_ID,
    USER_ID,
    FakeDiscord,
    InteractionRecord,
    RecordedRequest,
    user_payload,
)

__all__ = [
    "APPLICATION_ID",
    "BOT_TOKEN",
    "CHANNEL_ID",
    "GUILD_ID",
    "USER_ID",
    "BotFailed",
    "BotHarness",
    "FakeDiscord",
    "InteractionRecord",
    "InvalidInvocation",
    "RecordedRequest",
    "Reply",
    "user_payload",
]
