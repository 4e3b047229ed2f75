"""Every setting in one typed object, read from the environment and an optional ``.env``.

Built once in the entry point and passed down; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

from bot.errors import ConfigError


def _int_or_none(name: str, raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}.") from None


def _flag(raw: str | None) -> bool:
    return (raw or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True, slots=True)
class Settings:
    """quotebot's configuration. See ``.env.example`` for what each setting does."""

    discord_token: str | None = None
    guild_id: int | None = None
    db_path: Path | None = None
    data_path: Path | None = None
    log_level: str = "INFO"
    log_file: Path | None = None
    allow_private_urls: bool = False

    def __repr__(self) -> str:  # never leak the token into logs or tracebacks
        token = "set" if self.discord_token else "unset"
        return (
            f"Settings(discord_token=<{token}>, guild_id={self.guild_id}, db_path={self.db_path})"
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        """Read settings; real environment variables win over the ``.env`` file."""
        values: dict[str, str | None] = {}
        if env_file is not None and env_file.is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            raw = values.get(name)
            return raw.strip() if raw and raw.strip() else None

        db = get("QUOTEBOT_DB")
        data = get("QUOTEBOT_DATA")
        log_file = get("QUOTEBOT_LOG_FILE")
        return cls(
            discord_token=get("DISCORD_TOKEN"),
            guild_id=_int_or_none("DISCORD_GUILD_ID", get("DISCORD_GUILD_ID")),
            db_path=Path(db) if db else None,
            data_path=Path(data) if data else None,
            log_level=(get("QUOTEBOT_LOG_LEVEL") or "INFO").upper(),
            log_file=Path(log_file) if log_file else None,
            allow_private_urls=_flag(get("QUOTEBOT_ALLOW_PRIVATE_URLS")),
        )
