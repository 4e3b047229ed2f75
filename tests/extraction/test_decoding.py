"""Reading article files: encodings, and clear errors for input that is not an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ArticleError
from bot.extraction import (
    MAX_ARTICLE_BYTES,
    decode_article_bytes,
    extract_article,
    read_article_file,
)

TEXT = "Legend said: “I’m not backing down,” and O’Donnell agreed.\n"


def test_utf8_with_and_without_bom_and_windows_1252_decode_the_same() -> None:
    plain = decode_article_bytes(TEXT.encode("utf-8"))
    with_bom = decode_article_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    windows = decode_article_bytes(TEXT.encode("cp1252"))
    assert plain == with_bom == windows == TEXT


def test_undefined_windows_1252_bytes_do_not_make_the_article_unreadable() -> None:
    text = decode_article_bytes(b"caf\xe9 \x81 said \x93hello there my friend\x94")
    assert "café" in text and "“hello there my friend”" in text


def test_crlf_line_endings_become_paragraphs() -> None:
    article = extract_article(
        decode_article_bytes(b'First paragraph.\r\n\r\nSecond "one here now" he said.')
    )
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize("data", [b"", b"   \n\n  \t", b"\xef\xbb\xbf"])
def test_empty_input_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ArticleError, match="empty"):
        decode_article_bytes(data)


def test_binary_input_is_a_clear_error() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ArticleError, match="not text"):
        decode_article_bytes(png)


def test_a_20_mb_file_is_refused_quickly_with_the_limit_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b'He said "this is a very long article indeed". ' * (20_000_000 // 48))
    with pytest.raises(ArticleError, match="limit"):
        read_article_file(path)


def test_text_over_the_limit_is_refused_by_extract_article() -> None:
    with pytest.raises(ArticleError, match="limit"):
        extract_article("x" * (MAX_ARTICLE_BYTES + 1))


def test_missing_file_and_folder_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="No such article file"):
        read_article_file(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="folder"):
        read_article_file(tmp_path)
