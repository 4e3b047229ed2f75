"""The SQLite article store: persistence, scopes, limits, schema versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import bot.store
from bot.errors import NotFoundError
from bot.models import Article, Quote, Speaker
from bot.settings import Settings
from bot.store import (
    SCHEMA_VERSION,
    ArticleLimitError,
    ArticleTooLargeError,
    Store,
    StoreError,
)


def _article(article_id: str, guild_id: int | None = None, *, words: str = "dragon") -> Article:
    quotes = (
        Quote(
            text=f"We are both {words} energy",
            speaker="Kanye West",
            kind="tweet",
            id=f"{article_id}:q1",
            paragraph=2,
            date="2018-04-25",
            handle="@kanyewest",
            rule="tweet-credit",
        ),
        Quote(
            text="wake from the illusion",
            speaker="Rosie O’Donnell",
            kind="inline",
            paragraph=3,
            partial=True,
            speaker_title="Former View co-host",
        ),
    )
    return Article(
        id=article_id,
        paragraphs=("Intro paragraph.", f"We are both {words} energy", "Rosie said “wake”."),
        title="A title",
        outlet="Outlet",
        author="A. Writer",
        date="2018-04-26",
        source="test.txt",
        quotes=quotes,
        speakers=(
            Speaker("Kanye West", aliases=("West", "@kanyewest"), handle="@kanyewest"),
            Speaker("Rosie O’Donnell", aliases=("Rosie",), title="Former View co-host"),
        ),
        guild_id=guild_id,
    )


def test_database_is_created_on_first_use_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "quotes.db"
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count_quotes() == 0
    assert path.is_file()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_path_comes_from_settings(tmp_path: Path) -> None:
    settings = Settings.from_env({"QUOTEBOT_DB": str(tmp_path / "from-env.db")}, env_file=None)
    with Store.from_settings(settings) as store:
        assert store.path == tmp_path / "from-env.db"
    assert (tmp_path / "from-env.db").is_file()


def test_article_round_trips_with_every_field_and_stable_ids(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        saved = store.save_article(_article("a1", guild_id=7))
    assert all(q.id for q in saved.quotes)
    assert saved.quotes[0].id == "a1:q1"  # an id the extractor gave is kept as is

    with Store.open(path) as reopened:  # a restart
        loaded = reopened.get_article("a1")
    assert loaded == saved


def test_generated_quote_ids_survive_resaving_the_same_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        first = store.save_article(_article("a1"))
        again = store.save_article(_article("a1"))  # re-indexing the same article
        assert [q.id for q in again.quotes] == [q.id for q in first.quotes]
        assert store.count_articles(guild_id=None) == 1
        assert store.count_quotes() == 2


def test_delete_removes_quotes_and_speakers(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.save_article(_article("a1", guild_id=1))
        store.save_article(_article("a2", guild_id=1))
        store.delete_article("a1", guild_id=1)
        assert store.get_article("a1") is None
        assert store.count_quotes() == 2
        assert [s.id for s in store.list_articles(guild_id=1)] == ["a2"]


def test_a_server_cannot_remove_another_servers_or_bundled_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.save_article(_article("mine", guild_id=1))
        store.save_article(_article("everyone"))
        with pytest.raises(NotFoundError, match="/article list"):
            store.delete_article("mine", guild_id=2)
        with pytest.raises(NotFoundError):
            store.delete_article("everyone", guild_id=2)
        with pytest.raises(NotFoundError):
            store.delete_article("nothing", guild_id=1)
        assert store.get_article("mine") is not None
        assert store.get_article("everyone") is not None


def test_list_is_scoped_to_the_server_plus_articles_for_everyone(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.save_article(_article("a", guild_id=1))
        store.save_article(_article("b", guild_id=2))
        store.save_article(_article("c"))
        assert {s.id for s in store.list_articles(guild_id=1)} == {"a", "c"}
        assert {s.id for s in store.list_articles(guild_id=2)} == {"b", "c"}
        assert {s.id for s in store.list_articles(guild_id=None)} == {"c"}
        summary = next(s for s in store.list_articles(guild_id=1) if s.id == "a")
        assert (summary.quote_count, summary.speaker_count) == (2, 2)


def test_an_id_owned_by_another_server_is_not_overwritten(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.save_article(_article("same", guild_id=1))
        with pytest.raises(Exception, match="already exists"):
            store.save_article(_article("same", guild_id=2))
        article = store.get_article("same")
        assert article is not None and article.guild_id == 1


def test_text_size_limit_has_a_clear_message(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db", max_article_bytes=1000) as store:
        big = Article(id="big", paragraphs=("x" * 2000,))
        with pytest.raises(ArticleTooLargeError, match="limit"):
            store.save_article(big)
        assert store.get_article("big") is None


def test_articles_per_server_limit(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db", max_articles_per_guild=2) as store:
        store.save_article(_article("a", guild_id=5))
        store.save_article(_article("b", guild_id=5))
        with pytest.raises(ArticleLimitError, match="/article remove"):
            store.save_article(_article("c", guild_id=5))
        store.save_article(_article("b", guild_id=5))  # refreshing one is not a new one
        store.save_article(_article("d", guild_id=6))  # another server has its own room
        assert store.count_articles(guild_id=5) == 2


def test_a_failed_write_leaves_nothing_half_saved(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        store.save_article(_article("first"))
        clash = Article(
            id="second",
            paragraphs=("p",),
            quotes=(Quote("taken", "X", id="first:q1"),),  # quote id already used
        )
        with pytest.raises(StoreError, match="nothing was saved"):
            store.save_article(clash)
        assert store.get_article("second") is None
        assert store.count_quotes() == 2


def test_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    Store.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer quotebot"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite " * 100)
    with pytest.raises(StoreError, match="QUOTEBOT_DB"):
        Store.open(path)


def test_migration_from_an_empty_file_of_version_zero(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # an empty database: schema version 0
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.save_article(_article("a"))
        assert store.check_integrity() == "ok"


def test_a_later_migration_upgrades_an_existing_database_and_keeps_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        saved = store.save_article(_article("kept", guild_id=3))
    upgrade = (
        "ALTER TABLE articles ADD COLUMN language TEXT; CREATE INDEX by_lang ON articles(language)"
    )
    monkeypatch.setattr("bot.store.MIGRATIONS", (*bot.store.MIGRATIONS, upgrade))
    monkeypatch.setattr("bot.store.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(path) as upgraded:
        assert upgraded.schema_version == SCHEMA_VERSION + 1
        assert upgraded.get_article("kept") == saved
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(articles)")]
    assert "language" in columns


def test_a_failed_migration_leaves_the_old_schema_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        saved = store.save_article(_article("kept"))
    broken = "ALTER TABLE articles ADD COLUMN fine TEXT; THIS IS NOT SQL"
    monkeypatch.setattr("bot.store.MIGRATIONS", (*bot.store.MIGRATIONS, broken))
    monkeypatch.setattr("bot.store.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="is unchanged"):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_article("kept") == saved
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(articles)")]
    assert "fine" not in columns
