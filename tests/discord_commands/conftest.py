"""Fixtures for the command-level tests: a sample library and a bot that never connects."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sample_library import sample_library

from bot.answers import Library
from bot.client import QuotebotBot

from .fakes import make_bot


@pytest.fixture
def library() -> Library:
    return sample_library()


@pytest.fixture
async def bot(library: Library, tmp_path: Path) -> AsyncIterator[QuotebotBot]:
    """The bot with every extension loaded, not logged in."""
    quotebot = make_bot(library, tmp_path)
    for extension in quotebot.initial_extensions:
        await quotebot.load_extension(extension)
    yield quotebot
    await quotebot.close()
