"""Building the quote library from the settings, shared by the bot, the console and the CLI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.answers import Library

log = logging.getLogger(__name__)


def load_library(settings: Settings) -> Library:
    """The library every front end answers from: ``QUOTEBOT_DATA`` or the bundled articles."""
    from bot.answers import Library

    library = Library.from_path(settings.data_path)
    log.info("Loaded %d articles", len(library.articles))
    return library
