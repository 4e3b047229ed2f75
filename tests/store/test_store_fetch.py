"""URL fetching: only public http(s) pages, bounded in time, size and redirects."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.abc import ResolveResult

import bot.fetch
from bot.fetch import (
    BlockedURLError,
    FetchError,
    address_is_public,
    check_url,
    fetch_url,
    page_text,
)


@pytest.fixture
async def server() -> AsyncIterator[str]:
    """A small web server on 127.0.0.1; yields its base URL."""
    app = web.Application()

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html><body><p>Hello</p></body></html>", content_type="text/html")

    async def hop(request: web.Request) -> web.Response:
        left = int(request.match_info["n"])
        raise web.HTTPFound("/page" if left == 0 else f"/hop/{left - 1}")

    async def redirect_to(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://{request.match_info['host']}:{request.url.port}/page")

    async def big(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/plain"})
        await response.prepare(request)
        for _ in range(64):  # 4 MB, without a Content-Length
            await response.write(b"x" * 65536)
        return response

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="late")

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4", content_type="application/pdf")

    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404, text="gone")

    app.router.add_get("/page", page)
    app.router.add_get("/hop/{n}", hop)
    app.router.add_get("/to/{host}/page", redirect_to)
    app.router.add_get("/big", big)
    app.router.add_get("/slow", slow)
    app.router.add_get("/doc.pdf", pdf)
    app.router.add_get("/missing", missing)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_fetches_a_page_when_private_addresses_are_allowed(server: str) -> None:
    page = await fetch_url(f"{server}/page", allow_private=True)
    assert page.is_html
    assert "Hello" in page_text(page)


async def test_loopback_url_is_refused_by_default(server: str) -> None:
    with pytest.raises(BlockedURLError, match="QUOTEBOT_ALLOW_PRIVATE_URLS"):
        await fetch_url(f"{server}/page")


async def test_resolved_addresses_are_checked_on_every_hop(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public-looking name that resolves to a private address is refused, also mid-redirect.

    Stand-ins: "public.example" resolves to the test server, which counts as public here;
    "intranet.example" resolves to 10.0.0.5.
    """
    real_resolve = aiohttp.ThreadedResolver.resolve
    names = {"public.example": "127.0.0.1", "intranet.example": "10.0.0.5"}

    async def fake_dns(
        self: aiohttp.ThreadedResolver, host: str, port: int = 0, family: int = 0
    ) -> list[ResolveResult]:
        return await real_resolve(self, names.get(host, host), port, socket.AF_INET)

    real_check = bot.fetch.address_is_public
    monkeypatch.setattr(aiohttp.ThreadedResolver, "resolve", fake_dns)
    monkeypatch.setattr(bot.fetch, "address_is_public", lambda a: a == "127.0.0.1" or real_check(a))
    port = server.rsplit(":", 1)[1]

    page = await fetch_url(f"http://public.example:{port}/page")
    assert "Hello" in page_text(page)
    with pytest.raises(BlockedURLError, match=r"intranet\.example is a private"):
        await fetch_url(f"http://intranet.example:{port}/page")
    with pytest.raises(BlockedURLError, match=r"intranet\.example is a private"):
        await fetch_url(f"http://public.example:{port}/to/intranet.example/page")
    with pytest.raises(BlockedURLError, match=r"10\.0\.0\.5 is a private"):
        await fetch_url(f"http://public.example:{port}/to/10.0.0.5/page")


async def test_redirects_are_followed_up_to_the_limit(server: str) -> None:
    page = await fetch_url(f"{server}/hop/2", allow_private=True, max_redirects=3)
    assert page.url.endswith("/page")
    with pytest.raises(FetchError, match="redirects more than 3 times"):
        await fetch_url(f"{server}/hop/5", allow_private=True, max_redirects=3)


async def test_a_page_over_the_size_cap_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match=r"larger than 1\.0 MB"):
        await fetch_url(f"{server}/big", allow_private=True, max_bytes=1_048_576)


async def test_a_slow_page_times_out_with_a_clear_message(server: str) -> None:
    with pytest.raises(FetchError, match=r"did not answer within 0\.5 seconds"):
        await fetch_url(f"{server}/slow", allow_private=True, timeout=0.5)


async def test_non_text_and_errors_are_reported(server: str) -> None:
    with pytest.raises(FetchError, match="application/pdf"):
        await fetch_url(f"{server}/doc.pdf", allow_private=True)
    with pytest.raises(FetchError, match="404"):
        await fetch_url(f"{server}/missing", allow_private=True)


async def test_nothing_listening_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="Could not connect"):
        await fetch_url("http://127.0.0.1:9/", allow_private=True, timeout=3)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://",
        "http://user:pw@example.com/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost/",
        "http://example.com:99999/",
        "www.example.com/news/story",
        "just some words",
    ],
)
def test_unsafe_urls_are_refused_before_any_connection(url: str) -> None:
    with pytest.raises(BlockedURLError):
        check_url(url)


def test_public_addresses_pass_and_private_ones_do_not() -> None:
    assert address_is_public("93.184.216.34")
    assert address_is_public("2606:2800:220:1:248:1893:25c8:1946")
    for private in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.1.1", "::1"):
        assert not address_is_public(private)
    assert not address_is_public("fe80::1%eth0")
    assert not address_is_public("100.64.0.1")  # carrier-grade NAT
