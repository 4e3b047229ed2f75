"""Building the quote library from the settings, shared by the bot, the console and the CLI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.store_follow import StoreFollower

log = logging.getLogger(__name__)


def open_library(settings: Settings) -> tuple[Library, StoreFollower | None]:
    """The library every front end answers from, and the follower that keeps it in step.

    ``QUOTEBOT_DATA`` or the bundled articles, plus every article in the store (``QUOTEBOT_DB``)
    — articles servers added and corpora imported — each keeping its server scope. The store
    is read only when ``QUOTEBOT_DB`` is set or the default database file already exists, so
    merely starting the console never creates a database. The follower holds the store open:
    close ``follower.store`` when done.
    """
    from bot.answers import Library
    from bot.store import DEFAULT_DB_PATH, Store
    from bot.store_follow import StoreFollower

    library = Library.from_path(settings.data_path)
    bundled = len(library.articles)
    db_path = settings.db_path or DEFAULT_DB_PATH
    follower = None
    if settings.db_path is not None or DEFAULT_DB_PATH.is_file():
        follower = StoreFollower(Store.open(db_path), library)
        follower.poll()
    log.info(
        "Loaded %d articles (%d stored in %s)",
        len(library.articles),
        len(library.articles) - bundled,
        db_path,
    )
    return library, follower


def load_library(settings: Settings) -> Library:
    """The library as it is now, for front ends that do not follow later changes."""
    library, follower = open_library(settings)
    if follower is not None:
        follower.store.close()
    return library
