"""JSONL export and import: our own format round-trips; Quotebank lines load in batches."""

from __future__ import annotations

import bz2
import io
import json
from pathlib import Path

import pytest

from bot.errors import QuotebotError
from bot.jsonl import export_jsonl, import_file, import_lines
from bot.models import Article, Quote, Speaker
from bot.store import Store

from .quotebank_sample import quotebank_lines


def _article(article_id: str, guild_id: int | None) -> Article:
    return Article(
        id=article_id,
        paragraphs=("First “quoted” paragraph.", "Second paragraph — with a dash."),
        title="Ünïcode title",
        outlet="Outlet",
        author="Writer",
        date="2021-01-02",
        source="https://example.com/a",
        quotes=(
            Quote("quoted", "Ann Lee", id=f"{article_id}:1", paragraph=1, partial=True),
            Quote(
                "tweet text @everyone",
                "Bo Day",
                kind="tweet",
                id=f"{article_id}:2",
                paragraph=2,
                handle="@boday",
                date="2021-01-01",
                rule="tweet-credit",
            ),
        ),
        speakers=(Speaker("Ann Lee", ("Lee",)), Speaker("Bo Day", ("@boday",), "@boday")),
        guild_id=guild_id,
    )


def test_export_then_import_gives_the_same_articles_and_quote_ids(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as source:
        originals = [
            source.save_article(_article("x", None)),
            source.save_article(_article("y", 9)),
        ]
        buffer = io.StringIO()
        assert export_jsonl(source, buffer) == 2
    with Store.open(tmp_path / "b.db") as target:
        report = import_lines(target, buffer.getvalue().splitlines())
        assert (report.articles, report.quotes, report.bad_lines) == (2, 4, 0)
        assert [target.get_article(a.id) for a in originals] == originals


def test_export_for_one_server_holds_only_its_articles(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        store.save_article(_article("mine", 1))
        store.save_article(_article("theirs", 2))
        store.save_article(_article("everyone", None))
        buffer = io.StringIO()
        export_jsonl(store, buffer, guild_id=1, all_guilds=False)
    ids = [json.loads(line)["id"] for line in buffer.getvalue().splitlines()]
    assert ids == ["mine"]


def test_quotebank_lines_become_batched_articles_with_every_field(tmp_path: Path) -> None:
    lines = list(quotebank_lines(250))
    with Store.open(tmp_path / "q.db") as store:
        report = import_lines(store, lines, name="quotes-2020-02", batch_size=100)
        assert (report.articles, report.quotes) == (3, 250)
        summaries = store.list_articles()
        assert sorted(s.quote_count for s in summaries) == [50, 100, 100]
        speakers = {json.loads(line)["speaker"] for line in lines[:100]} - {"None"}
        first_part = next(s for s in summaries if s.id.endswith("-00001"))
        assert first_part.speaker_count == len(speakers)
        part = store.get_article("quotebank-quotes-2020-02-00001")
        assert part is not None and part.outlet == "Quotebank"
        first = json.loads(lines[0])
        quote = part.quotes[0]
        assert quote.id == f"qb:{first['quoteID']}"
        assert quote.text == first["quotation"]
        assert quote.speaker == (None if first["speaker"] == "None" else first["speaker"])
        assert quote.date == first["date"][:10]
        extras = store.quote_extras(part.id)[quote.id]
        assert extras["urls"] == first["urls"] and extras["probas"] == first["probas"]
        unattributed = [q for q in part.quotes if q.speaker is None]
        assert unattributed, "Quotebank's 'None' speaker means no speaker"


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    lines = list(quotebank_lines(120))
    with Store.open(tmp_path / "q.db") as store:
        import_lines(store, lines, name="f", batch_size=50)
        ids_before = sorted(q.id for a in store.load_articles() for q in a.quotes)
        import_lines(store, lines, name="f", batch_size=50)
        assert sorted(q.id for a in store.load_articles() for q in a.quotes) == ids_before


def test_the_same_quotation_in_two_files_is_stored_once(tmp_path: Path) -> None:
    lines = list(quotebank_lines(30))
    with Store.open(tmp_path / "q.db") as store:
        import_lines(store, lines, name="first")
        report = import_lines(store, lines[:10], name="second")
        assert (report.quotes, report.duplicates) == (0, 10)
        assert store.count_quotes() == 30


def test_bad_lines_are_skipped_and_reported_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        next(quotebank_lines(1)),
        "{not json",
        "[1, 2]",
        '{"quotation": "   "}',
        '{"something": "else"}',
        "",
        '{"id": "bad", "paragraphs": "not a list"}',
    ]
    with Store.open(tmp_path / "q.db") as store:
        report = import_lines(store, lines)
    assert (report.quotes, report.bad_lines) == (1, 5)
    assert report.problems[0].startswith("line 2: not JSON")
    assert "skipped 5 unreadable lines" in report.summary()


def test_import_for_a_server_scopes_every_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        import_lines(store, quotebank_lines(10), name="f", guild_id=77)
        assert [s.guild_id for s in store.list_articles(guild_id=77)] == [77]
        assert store.list_articles(guild_id=78) == []


def test_compressed_files_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "quotes.json.bz2"
    path.write_bytes(bz2.compress("\n".join(quotebank_lines(20)).encode()))
    with Store.open(tmp_path / "q.db") as store:
        assert import_file(store, str(path)).quotes == 20
        with pytest.raises(QuotebotError, match="no file"):
            import_file(store, str(tmp_path / "missing.jsonl"))
        with pytest.raises(QuotebotError, match="at least 1"):
            import_file(store, str(path), batch_size=0)


def test_progress_is_reported_after_each_stored_batch(tmp_path: Path) -> None:
    seen: list[int] = []
    with Store.open(tmp_path / "q.db") as store:
        import_lines(
            store, quotebank_lines(25), batch_size=10, progress=lambda r: seen.append(r.quotes)
        )
    assert seen == [10, 20, 25]
