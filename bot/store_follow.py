"""Keeping a running library in step with the store, whoever writes to it.

Articles added by ``quotebot ingest`` or ``quotebot import`` while a bot runs land in the
database from another process; the bot polls the store and indexes only what changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.answers import Library
    from bot.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FollowResult:
    """Article ids a poll indexed (new or saved again) and removed."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class StoreFollower:
    """Brings the store's articles into a library, then keeps them in step on each poll."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self._stamps: dict[str, str] = {}
        self._version: int | None = None

    def poll(self) -> FollowResult:
        """Index articles stored or saved again since the last poll; drop deleted ones.

        Cheap when nothing changed: one ``PRAGMA data_version`` query. The stamps are read
        before the articles, so an article saved during a poll is picked up by the next one.
        """
        version = self.store.data_version()
        if version == self._version:
            return FollowResult()
        self._version = version
        stamps = self.store.article_stamps()
        changed = [aid for aid, stamp in stamps.items() if self._stamps.get(aid) != stamp]
        gone = [aid for aid in self._stamps if aid not in stamps]
        articles = [a for aid in changed if (a := self.store.get_article(aid)) is not None]
        self.library.add_articles(articles)
        for article_id in gone:
            if self.library.get_article(article_id) is not None:
                self.library.remove_article(article_id)
        self._stamps = stamps
        if articles or gone:
            log.info("Store changed: %d articles indexed, %d removed", len(articles), len(gone))
        return FollowResult([a.id for a in articles], gone)
