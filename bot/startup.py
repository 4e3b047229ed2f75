"""Building the quote library from the settings, shared by the bot, the console and the CLI."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.answers import Library

log = logging.getLogger(__name__)


def load_library(settings: Settings) -> Library:
    """The library every front end answers from.

    ``QUOTEBOT_DATA`` or the bundled articles, plus every article in the store (``QUOTEBOT_DB``)
    — articles servers added and corpora imported — each keeping its server scope. The store
    is read only when ``QUOTEBOT_DB`` is set or the default database file already exists, so
    merely starting the console never creates a database.
    """
    from bot.answers import Library
    from bot.store import DEFAULT_DB_PATH, Store

    library = Library.from_path(settings.data_path)
    bundled = len(library.articles)
    db_path = settings.db_path or DEFAULT_DB_PATH
    if settings.db_path is not None or DEFAULT_DB_PATH.is_file():
        with Store.open(db_path) as store:
            library.add_articles(store.iter_articles())
    log.info(
        "Loaded %d articles (%d stored in %s)",
        len(library.articles),
        len(library.articles) - bundled,
        db_path,
    )
    return library
