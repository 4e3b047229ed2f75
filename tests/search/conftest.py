from __future__ import annotations

import pytest

from bot.answers import Library

from .seed import extracted_seed_article


@pytest.fixture(scope="session")
def seed_library() -> Library:
    """The bundled seed article as the extractor reads it (shared: do not mutate)."""
    return Library([extracted_seed_article()])
