"""Fixtures for the command-level tests."""

from __future__ import annotations

import pytest
from sample_library import sample_library

from bot.answers import Library


@pytest.fixture
def library() -> Library:
    return sample_library()
