"""From a file or URL to a stored, searchable article, and back out again."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import Library
from bot.cli import main
from bot.errors import ArticleError, NotFoundError
from bot.fetch import BlockedURLError, FetchError
from bot.html_text import NoArticleTextError
from bot.ingest import ArticleManager, IngestResult, article_from_bytes
from bot.paths import bundled_article_files
from bot.store import ArticleLimitError, Store

PAGE = Path(__file__).parent / "pages" / "news_with_tweets.html"
GUILD_A = 111
GUILD_B = 222


def _seed_bytes() -> bytes:
    return bundled_article_files()[0].read_bytes()


def _manager(db: Path, library: Library | None = None, **options: Any) -> ArticleManager:
    return ArticleManager(Store.open(db), library if library is not None else Library(), **options)


def _speaker_of(library: Library, query: str, guild_id: int | None) -> str | None:
    answer = library.who_said(query, guild_id=guild_id)
    return answer.best.quote.speaker if answer.status == "match" and answer.best else None


_RESTART_SCRIPT = """
import json, sys
from bot.answers import Library
from bot.store import Store
with Store.open(sys.argv[1]) as store:
    library = Library(store.load_articles())
answer = library.who_said(sys.argv[2], guild_id=int(sys.argv[3]))
print(json.dumps({
    "status": answer.status,
    "speaker": answer.best.quote.speaker if answer.best else None,
    "quote_id": answer.best.quote.id if answer.best else None,
    "ids": sorted(q.id for a in library.articles for q in a.quotes),
}))
"""


def _in_new_process(db: Path, query: str, guild_id: int) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _RESTART_SCRIPT, str(db), query, str(guild_id)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_add_search_restart_same_quote_ids_then_remove(tmp_path: Path) -> None:
    db = tmp_path / "quotebot.db"
    manager = _manager(db)
    assert manager.library is not None
    result = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A))
    assert result.quote_count > 5 and "Kanye West" in result.speakers
    assert _speaker_of(manager.library, "dragon energy", GUILD_A) == "Kanye West"
    ids = sorted(q.id for q in result.article.quotes)
    manager.store.close()

    after_restart = _in_new_process(db, "dragon energy", GUILD_A)
    assert after_restart["status"] == "match"
    assert after_restart["speaker"] == "Kanye West"
    assert after_restart["ids"] == ids
    assert after_restart["quote_id"] in ids

    again = _manager(db)
    again.remove(result.article.id, guild_id=GUILD_A)
    again.store.close()
    gone = _in_new_process(db, "dragon energy", GUILD_A)
    assert gone["ids"] == []
    assert gone["status"] != "match"


def test_remove_takes_it_out_of_search_at_once(tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db")
    assert manager.library is not None
    result = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A))
    manager.remove(result.article.id, guild_id=GUILD_A)
    assert _speaker_of(manager.library, "dragon energy", GUILD_A) is None
    assert manager.store.get_article(result.article.id) is None
    with pytest.raises(NotFoundError):
        manager.remove(result.article.id, guild_id=GUILD_A)


def test_server_a_never_sees_server_b_articles(tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db")
    assert manager.library is not None
    added = manager.add(article_from_bytes(PAGE.read_bytes(), filename="p.html", guild_id=GUILD_B))
    query = "council chose the past over the future"
    assert _speaker_of(manager.library, query, GUILD_B) == "Victor Salazar"
    assert _speaker_of(manager.library, query, GUILD_A) is None
    assert _speaker_of(manager.library, query, None) is None
    assert [s.id for s in manager.store.list_articles(guild_id=GUILD_A)] == []
    with pytest.raises(NotFoundError):  # nor can A remove it
        manager.remove(added.article.id, guild_id=GUILD_A)
    assert _speaker_of(manager.library, query, GUILD_B) == "Victor Salazar"


def test_the_same_article_in_two_servers_is_two_articles(tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db")
    a = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A))
    b = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_B))
    assert a.article.id != b.article.id
    manager.remove(a.article.id, guild_id=GUILD_A)
    assert manager.library is not None
    assert _speaker_of(manager.library, "dragon energy", GUILD_B) == "Kanye West"


def test_adding_the_same_article_again_refreshes_it(tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db")
    first = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A))
    second = manager.add(article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A))
    assert second.replaced and not first.replaced
    assert [q.id for q in second.article.quotes] == [q.id for q in first.article.quotes]
    assert manager.store.count_articles(guild_id=GUILD_A) == 1


# --- URL ingest against a local web server ---------------------------------------------------


@pytest.fixture
async def news_site() -> AsyncIterator[str]:
    app = web.Application()

    async def article(request: web.Request) -> web.Response:
        return web.Response(body=PAGE.read_bytes(), content_type="text/html", charset="utf-8")

    async def empty_page(request: web.Request) -> web.Response:
        html = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
        return web.Response(text=html, content_type="text/html")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="late", content_type="text/html")

    app.router.add_get("/news/2022/06/08/council-rejects-stadium-deal", article)
    app.router.add_get("/empty", empty_page)
    app.router.add_get("/slow", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_url_ingest_keeps_the_embedded_tweet_as_a_quote_with_its_speaker(
    news_site: str, tmp_path: Path
) -> None:
    manager = _manager(tmp_path / "q.db", allow_private_urls=True)
    url = f"{news_site}/news/2022/06/08/council-rejects-stadium-deal"
    result = await manager.add_url_async(url, guild_id=GUILD_A)

    tweets = [q for q in result.article.quotes if q.kind == "tweet"]
    salazar = next(q for q in tweets if q.speaker == "Victor Salazar")
    assert salazar.text.startswith("Tonight the council chose the past over the future.")
    assert salazar.handle == "@vsalazar"
    assert salazar.date == "2022-06-08"
    assert "Victor Salazar" in result.speakers and "Darnell Hughes" in result.speakers
    article = result.article
    assert article.title == "Council Rejects Stadium Deal as Mayor’s Allies Break Ranks"
    assert (article.outlet, article.author, article.date) == (
        "Riverside Courier",
        "Priya Natarajan",
        "2022-06-08",
    )
    assert article.source == url
    assert manager.library is not None
    assert _speaker_of(manager.library, "options are fine not on the publics dime", GUILD_A) == (
        "Darnell Hughes"
    )
    stored = manager.store.get_article(article.id)
    assert stored is not None and stored.quotes == article.quotes


async def test_loopback_url_is_refused_unless_allowed(news_site: str, tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db")  # allow_private_urls defaults to False
    url = f"{news_site}/news/2022/06/08/council-rejects-stadium-deal"
    with pytest.raises(BlockedURLError, match="private, loopback or link-local"):
        await manager.add_url_async(url, guild_id=GUILD_A)
    assert manager.store.list_articles(guild_id=GUILD_A) == []


async def test_a_page_with_no_article_text_or_too_slow(news_site: str, tmp_path: Path) -> None:
    manager = _manager(tmp_path / "q.db", allow_private_urls=True, fetch_timeout=0.5)
    with pytest.raises(NoArticleTextError, match="No article text"):
        await manager.add_url_async(f"{news_site}/empty", guild_id=GUILD_A)
    with pytest.raises(FetchError, match="did not answer"):
        await manager.add_url_async(f"{news_site}/slow", guild_id=GUILD_A)


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.txt", "empty"),
        (b"   \n\n  ", "a.md", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.txt", "PNG image"),
        (b"%PDF-1.7 ...", "a.txt", "PDF"),
        (b"abc\x00def" * 10, "a.txt", "binary"),
        (b"plain text", "a.docx", ".txt, .md and .html"),
        (b"plain text", "README", "without an extension"),
        (b"x" * (2 * 1024 * 1024 + 10), "big.txt", "MB"),
        (b"<html><body><nav>Menu</nav></body></html>", "a.html", "No article text"),
    ],
)
def test_bad_files_get_a_clear_message(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        article_from_bytes(data, filename=filename, guild_id=GUILD_A)


def test_a_web_page_saved_as_txt_is_read_as_html() -> None:
    article = article_from_bytes(PAGE.read_bytes(), filename="saved page.txt", guild_id=GUILD_A)
    assert article.outlet == "Riverside Courier"
    assert not any("<p>" in p or "Subscribe" in p for p in article.paragraphs)
    assert any(q.speaker == "Victor Salazar" and q.kind == "tweet" for q in article.quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_any_upload_gives_an_article_or_a_clear_error(data: bytes, suffix: str) -> None:
    try:
        article = article_from_bytes(data, filename="upload" + suffix, guild_id=GUILD_A)
    except ArticleError as error:
        assert str(error).strip()
    else:
        assert article.paragraphs and article.guild_id == GUILD_A
        assert len({q.id for q in article.quotes}) == len(article.quotes)


async def test_articles_per_server_limit(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "q.db", max_articles_per_guild=1)
    manager = ArticleManager(store, Library())
    first = await manager.add_bytes_async(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A)
    with pytest.raises(ArticleLimitError, match="/article remove"):
        await manager.add_bytes_async(PAGE.read_bytes(), filename="p.html", guild_id=GUILD_A)
    assert manager.library is not None
    assert _speaker_of(manager.library, "council chose the past", GUILD_A) is None
    again = await manager.add_bytes_async(_seed_bytes(), filename="seed.txt", guild_id=GUILD_A)
    assert again.replaced and again.article.id == first.article.id  # a refresh still fits
    await manager.add_bytes_async(PAGE.read_bytes(), filename="p.html", guild_id=GUILD_B)


# --- concurrency ----------------------------------------------------------------------------


async def test_many_searches_while_an_article_is_added_all_answer(tmp_path: Path) -> None:
    """The bot's arrangement: library work on one thread, the add's extraction on another."""
    library = Library([article_from_bytes(_seed_bytes(), filename="seed.txt", guild_id=None)])
    library_thread = ThreadPoolExecutor(max_workers=1)
    loop = asyncio.get_running_loop()

    async def run_library(func: Any, /, *args: Any, **kwargs: Any) -> Any:
        return await loop.run_in_executor(library_thread, lambda: func(*args, **kwargs))

    manager = ArticleManager(Store.open(tmp_path / "q.db"), library, run_library=run_library)
    queries = ["dragon energy", "wake from the illusion", "complete freaking lunatics"] * 30

    async def ask(query: str) -> str:
        answer = await run_library(library.who_said, query, guild_id=GUILD_A)
        return str(answer.status)

    adding = asyncio.create_task(
        manager.add_bytes_async(PAGE.read_bytes(), filename="p.html", guild_id=GUILD_A)
    )
    answers = await asyncio.gather(*(ask(q) for q in queries))
    added: IngestResult = await adding
    library_thread.shutdown()

    assert answers == ["match"] * len(queries)
    assert _speaker_of(library, "council chose the past", GUILD_A) == "Victor Salazar"
    assert added.quote_count >= 2


# --- the CLI ---------------------------------------------------------------------------------


def test_cli_ingest_and_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUOTEBOT_DB", str(tmp_path / "cli.db"))
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", str(PAGE), "--guild", str(GUILD_A)]) == 0
    out = capsys.readouterr().out
    assert "Added council-rejects-stadium-deal" in out and "Victor Salazar" in out

    assert main(["export", "--guild", str(GUILD_A)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["guild_id"] == GUILD_A

    assert main(["ingest", str(tmp_path / "missing.txt")]) == 1
    assert "no file" in capsys.readouterr().err
    assert main(["ingest", "http://127.0.0.1:9/x"]) == 1
    assert "QUOTEBOT_ALLOW_PRIVATE_URLS" in capsys.readouterr().err
