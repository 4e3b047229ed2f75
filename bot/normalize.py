"""Text normalisation shared by the index and the queries.

Quotes are normalised once, at index time; a query goes through the same function, so
curly and straight quote marks, case, accents, links and punctuation never decide a match.
"""

from __future__ import annotations

import re
import unicodedata

# A query longer than this is cut: nobody remembers a 10,000-character quote, and the
# fuzzy scorers' cost grows with the length of the text they compare.
MAX_QUERY_CHARS = 1000

_LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S*|\bt\.co/\S*",
    re.IGNORECASE,
)
_COMBINING_RE = re.compile("[\u0300-\u036f]")
_APOSTROPHES_RE = re.compile("['\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032]")
_NON_WORD_RE = re.compile(r"[\W_]+")
# ASCII fast path (bytes.translate runs in C): lower case, apostrophes deleted, every other
# non-alphanumeric byte a space.
_ASCII_TABLE = bytes(
    (b + 32 if 65 <= b <= 90 else b) if chr(b).isalnum() else 32 for b in range(256)
)
_ASCII_DELETE = b"'`"


# Quote marks a user may wrap a query in (straight, curly, guillemets, CJK corners).
_QUOTE_MARKS = (
    "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b"
    "\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f`\u00b4"
)
_QUESTION_PREFIX_RE = re.compile(
    r"""^\s*(?:
        who\s+(?:really\s+)?(?:said|says|say|wrote|writes|tweeted|tweets|posted|told|called)
        (?:\s+(?:that|this|it))?
      | who\s+is\s+(?:the\s+one\s+)?(?:who\s+)?(?:said|saying)
      | did\s+(?:anyone|someone|somebody)\s+(?:say|said|tweet|write)
      | find(?:\s+the)?\s+quote
    )\s*[:,\-\u2013\u2014]?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_JUNK = "?!.,;: \t\n\r\u00bf\u00a1\uff1f"


def normalize_text(text: str) -> str:
    """Casefolded words separated by single spaces: no links, accents or punctuation.

    Apostrophes vanish rather than split a word, so "don't", "dont" and "don’t" agree and
    "O’Donnell" stays one word.
    """
    if not text:
        return ""
    if "//" in text or "www." in text or "t.co/" in text or "pic.twitter" in text:
        text = _LINK_RE.sub(" ", text)
    if text.isascii():
        ascii_bytes = text.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE)
        return " ".join(ascii_bytes.decode("ascii").split())
    text = unicodedata.normalize("NFKD", text)
    text = _COMBINING_RE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    text = _APOSTROPHES_RE.sub("", text)
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return normalize_text(text).split()


def clean_query(text: str) -> str:
    """The words a user remembers, without "who said", wrapping quote marks, "?" or links.

    The result keeps the user's spelling and punctuation for display; it is cut to
    ``MAX_QUERY_CHARS`` so a pasted essay cannot slow a search down.
    """
    if not text:
        return ""
    text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    text = " ".join(text.split())[:MAX_QUERY_CHARS]
    text = _LINK_RE.sub(" ", text)
    previous = None
    while previous != text:
        previous = text
        text = _QUESTION_PREFIX_RE.sub("", text, count=1)
        text = text.strip(_TRAILING_JUNK)
        text = _strip_wrapping_quotes(text)
    return " ".join(text.split())


def _strip_wrapping_quotes(text: str) -> str:
    """Drop quote marks around the whole query (and unbalanced ones at its edges)."""
    stripped = text.strip()
    while stripped and stripped[0] in _QUOTE_MARKS:
        stripped = stripped[1:].lstrip()
    while stripped and stripped[-1] in _QUOTE_MARKS:
        stripped = stripped[:-1].rstrip()
    return stripped
