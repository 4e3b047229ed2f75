"""A running library follows articles other processes add to or remove from the store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.answers import Library
from bot.models import Article, Quote
from bot.settings import Settings
from bot.startup import load_library, open_library
from bot.store import Store
from bot.store_follow import StoreFollower


def _article(article_id: str, words: str, speaker: str, guild_id: int | None = None) -> Article:
    return Article(
        id=article_id,
        paragraphs=(f"{speaker} spoke to the press.", f"“{words},” {speaker} said."),
        quotes=(Quote(text=words, speaker=speaker, paragraph=2),),
        guild_id=guild_id,
    )


LANTERN = _article(
    "lantern", "the lantern keepers of the northern harbour never sleep", "Ada Marsh"
)
ORCHARD = _article("orchard", "every orchard remembers the winter that broke it", "Ben Okafor")


def _speaker_of(library: Library, query: str) -> str | None:
    answer = library.who_said(query)
    return answer.best.quote.speaker if answer.best else None


def test_articles_another_process_stores_become_searchable_and_removals_vanish(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quotebot.db"
    with Store.open(db) as writer:
        writer.save_article(LANTERN)
    library = Library()
    with Store.open(db) as reader:
        follower = StoreFollower(reader, library)
        assert follower.poll().added == ["lantern"]
        assert _speaker_of(library, "lantern keepers never sleep") == "Ada Marsh"
        assert follower.poll().added == []  # nothing changed: nothing re-indexed

        with Store.open(db) as writer:  # e.g. `quotebot ingest` in another process
            writer.save_article(ORCHARD)
        assert _speaker_of(library, "orchard remembers the winter") is None
        assert follower.poll().added == ["orchard"]
        assert _speaker_of(library, "orchard remembers the winter") == "Ben Okafor"

        with Store.open(db) as writer:
            writer.delete_article("lantern", guild_id=None)
        result = follower.poll()
        assert result.removed == ["lantern"]
        assert library.get_article("lantern") is None
        assert _speaker_of(library, "lantern keepers never sleep") is None


def test_an_article_saved_again_is_indexed_in_its_new_form(tmp_path: Path) -> None:
    db = tmp_path / "quotebot.db"
    library = Library()
    with Store.open(db) as reader, Store.open(db) as writer:
        writer.save_article(LANTERN)
        follower = StoreFollower(reader, library)
        follower.poll()
        corrected = _article("lantern", "the lantern keepers of the northern harbour", "Cy Dunn")
        writer.save_article(corrected)
        assert follower.poll().added == ["lantern"]
        assert _speaker_of(library, "lantern keepers of the northern harbour") == "Cy Dunn"
        assert len(library.articles) == 1


def test_articles_not_from_the_store_are_never_removed_by_it(tmp_path: Path) -> None:
    bundled = _article("bundled", "a bundled article stays whatever the store holds", "Di Ross")
    library = Library([bundled])
    with Store.open(tmp_path / "quotebot.db") as store:
        follower = StoreFollower(store, library)
        follower.poll()
        store.save_article(ORCHARD)
        store.delete_article("orchard", guild_id=None)
        follower.poll()
    assert library.get_article("bundled") is not None


def test_the_library_at_start_holds_bundled_and_stored_articles(tmp_path: Path) -> None:
    db = tmp_path / "quotebot.db"
    with Store.open(db) as store:
        store.save_article(_article("scoped", "only one server hears the scoped words", "Ed Yu", 7))
    settings = Settings(db_path=db)
    library = load_library(settings)
    assert library.get_article("scoped") is not None
    assert len(library.articles) > 1  # the bundled article too
    library, follower = open_library(settings)
    assert follower is not None
    try:
        with Store.open(db) as writer:
            writer.save_article(ORCHARD)
        assert follower.poll().added == ["orchard"]
    finally:
        follower.store.close()


async def test_a_running_bot_picks_up_articles_stored_by_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.client import create_bot

    db = tmp_path / "quotebot.db"
    Store.open(db).close()
    bot = create_bot(Settings(db_path=db), extensions=(), store_poll_seconds=0.02)

    async def no_sync() -> bool:
        return False

    monkeypatch.setattr(bot, "sync_commands_if_changed", no_sync)
    await bot.setup_hook()
    try:
        assert bot.library.get_article("orchard") is None
        with Store.open(db) as writer:
            writer.save_article(ORCHARD)
        for _ in range(200):
            if bot.library.get_article("orchard") is not None:
                break
            await asyncio.sleep(0.02)
        assert _speaker_of(bot.library, "orchard remembers the winter") == "Ben Okafor"
    finally:
        await bot.close()
