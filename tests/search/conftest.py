from __future__ import annotations

import pytest

from bot.answers import Library

from .seed import labelled_seed_article


@pytest.fixture(scope="session")
def seed_library() -> Library:
    """The seed article with its hand-labelled quotes (read-only: do not mutate)."""
    return Library([labelled_seed_article()])
