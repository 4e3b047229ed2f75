"""Fetch an article page over HTTP(S) without letting a URL reach into the host's network.

A server member can type any URL into ``/article add``, so every hop is checked: only http and
https, a bounded number of redirects (each one re-checked), a total timeout and a size cap,
and — unless ``allow_private`` — every address the host name resolves to must be public. The
check sits in the connector's resolver, so the address that is checked is the address that is
connected to (no second lookup for a rebinding DNS server to change).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.errors import ArticleError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "quotebot/0.1 (+https://github.com/; article reader)"
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_REDIRECT_CODES = {301, 302, 303, 307, 308}


class FetchError(ArticleError):
    """A URL could not be fetched (unreachable, timed out, too large, not a web page)."""


class BlockedURLError(FetchError):
    """A URL points at something quotebot must not fetch (private address, odd scheme)."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The body of a fetched page and what it claims to be."""

    url: str  # the final URL, after redirects
    content_type: str  # "text/html", "text/plain", ...
    charset: str | None
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type in {"text/html", "application/xhtml+xml"}


def address_is_public(address: str) -> bool:
    """True for an address on the public internet (not private, loopback, link-local, ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Refuse what is not an http(s) URL, or names a private address literally. Returns the host."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError as error:
        raise BlockedURLError(f"That is not a valid URL ({error}).") from None
    if not parts.scheme:
        raise BlockedURLError(
            "That is not a link: give the article's full address, starting with https://."
        )
    if parts.scheme not in {"http", "https"}:
        raise BlockedURLError(
            f"Only http:// and https:// links can be added, not {parts.scheme[:20]}: links."
        )
    if not host:
        raise BlockedURLError("That URL has no host name.")
    if parts.username or parts.password:
        raise BlockedURLError("URLs with a user name or password are not fetched.")
    if not allow_private:
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if (literal is not None and not address_is_public(str(literal))) or host.lower() in {
            "localhost",
            "localhost.localdomain",
        }:
            raise BlockedURLError(_private_message(host))
    return host


def _private_message(host: str) -> str:
    return (
        f"{host} is a private, loopback or link-local address; quotebot only fetches public "
        "web pages (the bot's owner can allow this with QUOTEBOT_ALLOW_PRIVATE_URLS)."
    )


class _PublicOnlyResolver(AbstractResolver):
    """Resolve with the system resolver, then refuse the host if any address is not public."""

    def __init__(self) -> None:
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            if not address_is_public(result["host"]):
                log.warning("refused %s: resolves to %s", host, result["host"])
                raise BlockedURLError(_private_message(host))
        return results

    async def close(self) -> None:
        await self._inner.close()


async def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> FetchedPage:
    """Fetch a web page's body, following at most ``max_redirects`` checked redirects."""
    resolver: AbstractResolver = (
        aiohttp.ThreadedResolver() if allow_private else _PublicOnlyResolver()
    )
    connector = aiohttp.TCPConnector(resolver=resolver, limit=4)
    client_timeout = aiohttp.ClientTimeout(total=timeout, sock_connect=min(timeout, 10.0))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    try:
        async with (
            asyncio.timeout(timeout),  # the whole fetch, every redirect included
            aiohttp.ClientSession(
                connector=connector, timeout=client_timeout, headers=headers
            ) as session,
        ):
            current = url.strip()
            for _hop in range(max_redirects + 1):
                check_url(current, allow_private=allow_private)
                async with session.get(current, allow_redirects=False) as response:
                    if response.status in _REDIRECT_CODES:
                        location = response.headers.get("Location")
                        if not location:
                            raise FetchError(f"{current} redirects without saying where to.")
                        current = urljoin(current, location)
                        continue
                    return await _read_page(response, current, max_bytes)
            raise FetchError(f"{url} redirects more than {max_redirects} times; not followed.")
    except TimeoutError:
        raise FetchError(
            f"{url} did not answer within {timeout:g} seconds. Try again later, or attach the "
            "article as a file."
        ) from None
    except aiohttp.ClientConnectorError as error:
        cause: Any = error.__cause__ or error.os_error
        if isinstance(cause, BlockedURLError):
            raise cause from None
        raise FetchError(f"Could not connect to {urlsplit(url).hostname}: {cause}.") from None
    except aiohttp.InvalidURL:
        raise BlockedURLError("That is not a valid URL.") from None
    except aiohttp.ClientError as error:
        raise FetchError(f"Could not fetch {url}: {error}.") from None


async def _read_page(response: aiohttp.ClientResponse, url: str, max_bytes: int) -> FetchedPage:
    if response.status >= 400:
        raise FetchError(f"{url} answered {response.status} {response.reason or ''}".rstrip() + ".")
    content_type = response.content_type.lower()
    if content_type not in _TEXT_TYPES:
        raise FetchError(
            f"{url} is {content_type or 'of an unknown type'}, not a web page or text. "
            "Link to the article's page, or attach it as .txt, .md or .html."
        )
    length = response.content_length
    if length is not None and length > max_bytes:
        raise FetchError(_too_large(url, max_bytes))
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(_too_large(url, max_bytes))
        chunks.append(chunk)
    return FetchedPage(
        url=url, content_type=content_type, charset=response.charset, body=b"".join(chunks)
    )


def _too_large(url: str, max_bytes: int) -> str:
    return f"{url} is larger than {_size(max_bytes)}; quotebot reads pages up to that size."


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:]+)""", re.IGNORECASE)


def page_text(page: FetchedPage) -> str:
    """The page's characters: its declared charset, else a ``<meta charset>``, else UTF-8."""
    candidates = [page.charset]
    if page.is_html:
        found = _META_CHARSET.search(page.body[:4096])
        if found:
            candidates.append(found.group(1).decode("ascii", "replace"))
    candidates += ["utf-8", "cp1252"]
    for charset in candidates:
        if not charset:
            continue
        try:
            return page.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return page.body.decode("utf-8", errors="replace")


def run_fetch(url: str, **options: Any) -> FetchedPage:
    """:func:`fetch_url` for synchronous callers (the CLI)."""
    return asyncio.run(fetch_url(url, **options))
