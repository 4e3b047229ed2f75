"""Embedded social posts flattened into article text.

Scrapers turn an embedded tweet into ``text — Display Name (@handle) Month D, YYYY`` (the
credit sometimes on its own line), or the short form ``text pic.twitter.com/… @handle``;
Instagram embeds become ``text A post shared by Name (@handle) on Mon D, YYYY at …``. The
text before the credit is the quote, the display name the speaker, the handle an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"(?P<date>{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}})"
_TAIL = 400  # credits sit at the very end of a paragraph; only look there (linear time)

_TWEET_CREDIT_RE = re.compile(
    r"(?P<dash>[—–]|--)\s*(?P<name>[^—–()\n]{0,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*"
    + _DATE
    + r"\s*\.?\s*$"
)
_INSTAGRAM_CREDIT_RE = re.compile(
    r"A post shared by\s+(?:(?P<name>[^()@\n]{1,80}?)\s*\(\s*(?P<handle>@[\w.]{1,30})\s*\)"
    r"|@\s*(?P<bare>[\w.]{1,30}))\s+on\s+" + _DATE + r"[^\n]{0,120}$"
)
_SHORT_CREDIT_RE = re.compile(r"(?<=\S)\s+(?P<handle>@\w{1,30})\s*$")
# A paragraph ending "... by @handle" or "Follow X on Twitter @handle" is narration, not a post.
_NOT_SHORT_FORM_RE = re.compile(
    r"(?:\b(?:by|to|at|from|on|via|follow|user|account|handle|twitter|instagram|@)\s*$)"
    r"|^\s*Follow\b",
    re.IGNORECASE,
)
_SENTENCE_WORDS_RE = re.compile(r"[A-Za-z’']+")
_QUOTED_RE = re.compile(r"[“\"‘][^“”\"‘’]{2,300}[”\"’]")
_CUE_HINT_RE = re.compile(
    r"\b(?:said|says|wrote|writes|tweeted|posted|told|added|shared|responded|replied|"
    r"called|according|reacted|tweets|posts)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Embed:
    """One embedded post: where it is and what its credit says."""

    paragraph: int  # index of the paragraph holding the credit
    first_paragraph: int  # index of the paragraph where the post text starts
    text: str  # the post text (may be empty: a photo-only post)
    name: str | None  # display name as printed, or None (short form / bare handle)
    handle: str | None
    date: str | None  # YYYY-MM-DD
    platform: str  # "twitter" or "instagram"
    rule: str


def iso_date(text: str | None) -> str | None:
    """'April 26, 2018' / 'Sep 19, 2017' / 'Sept. 19, 2017' / '26 April 2018' → ISO date."""
    if not text:
        return None
    match = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if match:
        name, day, year = match.groups()
    else:
        match = re.match(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)  # 26 April 2018
        if not match:
            return None
        day, name, year = match.groups()
    month = _MONTHS.get(name[:3].lower())
    if month is None or not 1 <= int(day) <= 31:
        return None
    return f"{int(year):04d}-{month:02d}-{int(day):02d}"


def _credit(paragraph: str) -> tuple[str, str | None, str | None, str | None, str, str] | None:
    """(text, name, handle, date, platform, rule) when the paragraph ends in a credit."""
    offset = max(0, len(paragraph) - _TAIL)
    tail = paragraph[offset:]
    if "@" not in tail:
        return None  # every credit form names a handle
    match = _TWEET_CREDIT_RE.search(tail)
    if match:
        text = paragraph[: offset + match.start()].rstrip()
        name = match.group("name").strip() or None
        return (
            text,
            name,
            match.group("handle"),
            iso_date(match.group("date")),
            "twitter",
            ("tweet-credit"),
        )
    position = tail.rfind("A post shared by")
    if position >= 0:
        match = _INSTAGRAM_CREDIT_RE.match(tail, position)
        if match:
            text = paragraph[: offset + position].rstrip()
            handle = match.group("handle") or (
                "@" + match.group("bare") if match.group("bare") else None
            )
            name = (match.group("name") or "").strip() or None
            return (
                text,
                name,
                handle,
                iso_date(match.group("date")),
                "instagram",
                ("instagram-credit"),
            )
    match = _SHORT_CREDIT_RE.search(tail)
    if match:
        text = paragraph[: offset + match.start()].rstrip()
        if text and not _NOT_SHORT_FORM_RE.search(text) and _SENTENCE_WORDS_RE.search(text):
            return text, None, match.group("handle"), None, "twitter", "tweet-short-form"
    return None


def _gap(gaps: tuple[int, ...] | list[int], index: int) -> int:
    return gaps[index] if index < len(gaps) else 1


def _is_narration(paragraph: str) -> bool:
    """Writer's prose introducing or discussing posts, as opposed to part of a post."""
    words = len(paragraph.split())
    if paragraph.rstrip().endswith(":") and words >= 6:
        return True
    if _QUOTED_RE.search(paragraph) and _CUE_HINT_RE.search(paragraph):
        return True
    return words > 80


def _joins_next_post(paragraph: str, gap_after: int, short_form: bool) -> bool:
    """Could this paragraph be an earlier line of the post that follows it?

    A post's own line breaks often leave extra blank lines. In a gallery of short-form
    posts (no dash or date to mark where a post starts) a short line that does not read as
    the writer's narration is also taken as part of the post.
    """
    if _is_narration(paragraph):
        return False
    return gap_after >= 2 or (short_form and len(paragraph.split()) <= 12)


def find_embeds(
    paragraphs: tuple[str, ...] | list[str], gaps: tuple[int, ...] | list[int] = ()
) -> list[Embed]:
    """Every embedded post, with multi-paragraph posts joined into one text.

    A post's text may run over several paragraphs (its own line breaks): paragraphs lying
    between the previous embed and this credit join the post unless they read as the
    writer's narration, and so does a paragraph followed by extra blank lines. A credit
    alone on its line takes the paragraph before it.
    """
    credits = [_credit(paragraph) for paragraph in paragraphs]
    embeds: list[Embed] = []
    for index, found in enumerate(credits):
        if found is None:
            continue
        text, name, handle, date, platform, rule = found
        first = index
        if not text and platform == "twitter" and index > 0 and credits[index - 1] is None:
            previous = paragraphs[index - 1]
            if not _is_narration(previous):
                text, first, rule = previous, index - 1, rule + "+own-line"
        elif text:
            chain: list[int] = []
            cursor = index - 1
            while (
                cursor >= 0
                and len(chain) < 4
                and credits[cursor] is None
                and _joins_next_post(
                    paragraphs[cursor],
                    gap_after=_gap(gaps, cursor + 1),
                    short_form=rule == "tweet-short-form",
                )
            ):
                chain.append(cursor)
                cursor -= 1
            if not (cursor >= 0 and credits[cursor] is not None):
                # Not between two posts: only the post's own line breaks (extra blank
                # lines) tie earlier paragraphs to it.
                strong = 0
                while strong < len(chain) and _gap(gaps, chain[strong] + 1) >= 2:
                    strong += 1
                chain = chain[:strong]
            if chain:
                first = chain[-1]
                text = " ".join([*(paragraphs[i] for i in reversed(chain)), text])
                rule += "+multi-paragraph"
        embeds.append(Embed(index, first, text, name, handle, date, platform, rule))
    return embeds
