"""Split article text into paragraphs and read the little metadata plain-text articles carry.

Plain-text articles scraped from the web carry at most: a ``date YYYY-MM-DD`` line (which
may run straight into the first paragraph), optional ``title:``/``author:``/``outlet:``/
``source:`` header lines, and a closing byline such as "Follow NAME on Twitter @handle".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"\A\s*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_HEADER_RE = re.compile(
    r"\A[ \t]*(title|author|by|outlet|source|url)[ \t]*:[ \t]*(\S[^\n]*)\n", re.IGNORECASE
)
_MARKDOWN_TITLE_RE = re.compile(r"\A[ \t]*#[ \t]+(\S[^\n]*)\n")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n(?:[ \t\u00a0]*\n)+")
_LINE_ENDINGS = frozenset(".!?:;\"”’')…")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
# Anything _SPACES_RE would change: most lines have only single plain spaces, and the
# substitution rebuilds the whole line even when it changes nothing.
_ODD_SPACES_RE = re.compile(r"[\t\u00a0\u2009\u200a\u202f]| {2}")
_BY_LINE_RE = re.compile(r"^By\s+([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\.?$")
_BYLINE_RE = re.compile(
    r"^\s*Follow\s+(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})\s+on\s+Twitter"
    r"(?:\s*(?::|at)?\s*(?P<handle>@\w{1,30}))?\s*\.?\s*$"
)


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The article body as paragraphs plus whatever metadata the text itself gives."""

    paragraphs: tuple[str, ...]
    date: str | None = None
    title: str | None = None
    author: str | None = None
    author_handle: str | None = None
    outlet: str | None = None
    source: str | None = None
    # For each paragraph, how many blank lines precede it (embeds keep their own breaks).
    gaps: tuple[int, ...] = ()


def _collapse_spaces(line: str) -> str:
    """Runs of spaces, tabs and no-break spaces as one plain space."""
    return _SPACES_RE.sub(" ", line) if _ODD_SPACES_RE.search(line) else line


def _clean_paragraph(text: str) -> str:
    lines = [_collapse_spaces(line).strip() for line in text.split("\n")]
    return " ".join(line for line in lines if line)


def _split_chunk(chunk: str) -> list[str]:
    """One paragraph, or one per line when the lines are whole paragraphs.

    Scraped text often separates paragraphs with a single newline; hard-wrapped text
    breaks lines mid-sentence at a similar width. Lines that end like sentences (or are
    longer than any wrapped line) are paragraphs of their own.
    """
    lines = [_collapse_spaces(line).strip() for line in chunk.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) <= 1:
        return lines
    ended = sum(1 for line in lines[:-1] if line[-1] in _LINE_ENDINGS)
    widest = max(len(line) for line in lines)
    if widest > 100 or ended * 2 >= len(lines) - 1:
        return _rejoin_open_quotes(lines)
    if any(len(line) * 2 < widest for line in lines[:-1]):
        # A wrapped line fills the width; a short one before the last ("Comments") ends
        # its own paragraph: caption and byline debris, one item a line.
        return _rejoin_open_quotes(lines)
    return [" ".join(lines)]


def _rejoin_open_quotes(lines: list[str]) -> list[str]:
    """Keep a quotation that a line break interrupts in one paragraph: a line leaving a
    double quotation open runs on into the next line unless that one reopens it."""
    joined: list[str] = []
    for line in lines:
        if joined and _leaves_quote_open(joined[-1]) and not line.startswith(("“", '"')):
            joined[-1] = joined[-1] + " " + line
        else:
            joined.append(line)
    return joined


def _leaves_quote_open(line: str) -> bool:
    curly = line.count("“") > line.count("”")
    return curly or (line.count("“") == 0 and line.count('"') % 2 == 1)


def _is_headline(line: str) -> bool:
    """A Title-Case line without a closing full stop: 'Stars React To The Speech'."""
    stripped = line.strip()
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", stripped) if len(w) > 3]
    if len(words) < 3 or stripped[-1:] in {".", "!", "?", ":", ";", ","}:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


_TEX_OPEN_RE = re.compile(r"``(?=\S)")
_TEX_CLOSE_RE = re.compile(r"(?<=\S)''")


def parse_article(text: str) -> ParsedArticle:
    """Read the header lines, then split the body into paragraphs at blank lines."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "``" in text:
        # Typewriter-style quotation marks of older wire copy: ``quoted words''.
        text = _TEX_OPEN_RE.sub("“", text)
        text = _TEX_CLOSE_RE.sub("”", text)
    date: str | None = None
    headers: dict[str, str] = {}
    rest = text
    for _ in range(8):  # a handful of header lines at most, in any order
        match = _DATE_RE.match(rest)
        if match and date is None:
            date = match.group(1)
            rest = rest[match.end() :]
            if not match.group().endswith("\n"):
                # "date 2017-11-08 Some Title-Case Headline" on one line: the headline.
                line, _newline, remainder = rest.partition("\n")
                if remainder.strip() and _is_headline(line):
                    headers.setdefault("title", line.strip())
                    rest = remainder
            continue
        match = _HEADER_RE.match(rest)
        if match:
            key = match.group(1).lower()
            key = {"by": "author", "url": "source"}.get(key, key)
            headers.setdefault(key, match.group(2).strip())
            rest = rest[match.end() :]
            continue
        match = _MARKDOWN_TITLE_RE.match(rest)
        if match and "title" not in headers:
            headers["title"] = match.group(1).strip()
            rest = rest[match.end() :]
            continue
        break
    if "title" not in headers:
        # A first line that is short, Title-Case and unpunctuated is the headline.
        line, newline, remainder = rest.lstrip("\n").partition("\n")
        if newline and remainder.strip() and len(line.split()) <= 16 and _is_headline(line):
            headers["title"] = line.strip()
            rest = remainder

    paragraphs: list[str] = []
    gaps: list[int] = []
    position = 0
    pending_gap = 0
    for separator in _PARAGRAPH_SPLIT_RE.finditer(rest):
        for chunk in _split_chunk(rest[position : separator.start()]):
            paragraphs.append(chunk)
            gaps.append(pending_gap)
            pending_gap = 0
        pending_gap += separator.group().count("\n") - 1
        position = separator.end()
    for chunk in _split_chunk(rest[position:]):
        paragraphs.append(chunk)
        gaps.append(pending_gap)
        pending_gap = 0

    author = headers.get("author")
    if paragraphs:
        byline = _BY_LINE_RE.match(paragraphs[0])
        if byline:  # "By Maggie Fick" opening the text
            author = author or byline.group(1)
            paragraphs.pop(0)
            gaps.pop(0)
    author_handle: str | None = None
    for paragraph in paragraphs[-3:]:
        byline = _BYLINE_RE.match(paragraph)
        if byline:
            author = author or byline.group("name")
            author_handle = byline.group("handle")
    return ParsedArticle(
        paragraphs=tuple(paragraphs),
        date=date,
        title=headers.get("title"),
        author=author,
        author_handle=author_handle,
        outlet=headers.get("outlet"),
        source=headers.get("source"),
        gaps=tuple(gaps),
    )
