"""Logging for the entry points: stderr, an optional rotating file, and no secrets."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from collections.abc import Iterator

from bot.settings import Settings

LOG_FORMAT = "{asctime} {levelname:<8} {name}: {message}"
LOG_FILE_BYTES = 5 * 1024 * 1024
LOG_FILE_BACKUPS = 3


class RedactFilter(logging.Filter):
    """Replaces a secret in every log record, whatever logged it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret and self.secret in message:
            record.msg = message.replace(self.secret, "<token>")
            record.args = None
        return True


@contextlib.contextmanager
def logging_configured(
    settings: Settings, *, level: str | None = None, secret: str | None = None
) -> Iterator[None]:
    """Log to stderr (and a rotating file when configured) for the duration of the block."""
    formatter = logging.Formatter(LOG_FORMAT, style="{")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if settings.log_file is not None:
        try:
            settings.log_file.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(
                logging.handlers.RotatingFileHandler(
                    settings.log_file,
                    maxBytes=LOG_FILE_BYTES,
                    backupCount=LOG_FILE_BACKUPS,
                    encoding="utf-8",
                )
            )
        except OSError as error:
            print(f"quotebot: cannot write the log file: {error}", file=sys.stderr)
    root = logging.getLogger()
    previous_level = root.level
    root.setLevel(getattr(logging, (level or settings.log_level).upper(), logging.INFO))
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    for handler in handlers:
        handler.setFormatter(formatter)
        if secret:
            handler.addFilter(RedactFilter(secret))
        root.addHandler(handler)
    try:
        yield
    finally:
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(previous_level)
