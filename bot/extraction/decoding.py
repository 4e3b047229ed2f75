"""Turn the bytes of an article file into text, or say clearly why not.

Articles arrive as UTF-8 (with or without a byte-order mark) or Windows-1252 from older
sites; anything else, binary data or a file far larger than any article is refused with a
message the user can act on instead of producing garbage quotes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.errors import ArticleError

log = logging.getLogger(__name__)

# The longest real news articles are a few hundred kilobytes of text; 1 MiB leaves a wide
# margin and bounds the worst case (a megabyte of nothing but quotation marks or one-line
# quotes) to seconds, not minutes, on a slow machine.
MAX_ARTICLE_BYTES = 1024 * 1024
MAX_ARTICLE_CHARS = MAX_ARTICLE_BYTES

_BOM = b"\xef\xbb\xbf"
# Control characters that never occur in text (tab, newline, carriage return, form feed ok).
_BINARY_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}


class ArticleTooLargeError(ArticleError):
    """The input is far larger than any news article."""


class ArticleEmptyError(ArticleError):
    """The input holds no text at all."""


class ArticleNotTextError(ArticleError):
    """The input is binary data (an image, archive, PDF...), not article text."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_size(size: int, what: str = "article") -> None:
    """Refuse inputs over the size cap before doing any work on them."""
    if size > MAX_ARTICLE_BYTES:
        raise ArticleTooLargeError(
            f"The {what} is {_megabytes(size)}; the limit is {_megabytes(MAX_ARTICLE_BYTES)}. "
            "Pass a single article (plain text), not a whole archive or dump."
        )


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: NUL bytes or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _BINARY_BYTES)
    return controls / len(sample) > 0.05


def _decode_cp1252(data: bytes) -> str:
    """Windows-1252, with its five undefined byte values read as Latin-1.

    A stray undefined byte must not make a whole article unreadable; both encodings map
    one byte to one character, so the replacement can be done position by position.
    """
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" not in text:
        return text
    return "".join(
        char if char != "\ufffd" else chr(byte) for char, byte in zip(text, data, strict=True)
    )


def decode_article_bytes(data: bytes) -> str:
    """Decode an article's bytes: UTF-8 (BOM allowed), else Windows-1252.

    Raises ``ArticleError`` for empty, binary or oversized input.
    """
    check_size(len(data))
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data.strip():
        raise ArticleEmptyError("The article is empty: there is no text to read quotes from.")
    if looks_binary(data):
        raise ArticleNotTextError(
            "The file is not text (it looks like binary data such as an image or archive). "
            "Give quotebot the article as a plain-text file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five byte values undefined; map those through Latin-1 so a
        # stray byte never makes a whole article unreadable.
        text = _decode_cp1252(data)
        log.debug("article is not UTF-8; decoded as Windows-1252")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article_bytes(path: Path) -> bytes:
    """Read a file's bytes with clear errors for missing, unreadable or huge files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(f"No such article file: {path}") from None
    except OSError as error:
        raise ArticleError(f"Cannot read {path}: {error.strerror or error}") from None
    if path.is_dir():
        raise ArticleError(f"{path} is a folder; give the path of one article file.")
    check_size(size, what=f"file {path.name}")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(f"Cannot read {path}: {error.strerror or error}") from None
