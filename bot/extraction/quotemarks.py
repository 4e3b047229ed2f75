"""Find quoted spans by pairing quotation marks, without ever giving up on a document.

Marks are paired within their family (double: “ ” " « » „; single: ‘ ’ ' ‹ ›), so mixed
curly and straight marks in one article still pair. An apostrophe inside a word (O’Donnell,
don't) is not a mark. An odd count never aborts anything: an unmatched closing mark is
ignored, and an opening mark left open at the end of a paragraph either continues into the
next paragraph (when that one opens with a mark of the same family — the newspaper
convention for quotations running over several paragraphs) or ends with the paragraph.
One family nested inside the other gives inner quotations (depth 1).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

DOUBLE = "double"
SINGLE = "single"

_FAMILY = {
    "“": DOUBLE, "”": DOUBLE, '"': DOUBLE, "„": DOUBLE, "«": DOUBLE, "»": DOUBLE, "‟": DOUBLE,
    "‘": SINGLE, "’": SINGLE, "'": SINGLE, "‹": SINGLE, "›": SINGLE, "‚": SINGLE,
}  # fmt: skip
_OPEN_ONLY = frozenset("“„«‘‹‚‟")
_CLOSE_ONLY = frozenset("”»’›")
_OPEN_BEFORE = frozenset(" \t\n([{<-—–/:;,=*_…") | frozenset("“‘\"'«‹")
_CLOSE_AFTER = frozenset(" \t\n)]}>.,;:!?-—–/*_…") | frozenset("”’\"'»›")
# Words that begin with an elision apostrophe: ’cause, 'em, ’til, rock 'n' roll.
_ELISIONS = ("cause", "em", "til", "tis", "twas", "n ", "n'", "n’", "bout", "round ")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted span: content offsets in its first and last paragraph, and its text.

    ``start`` is the offset just after the opening mark in paragraph ``paragraph``;
    ``end`` the offset of the closing mark (or the paragraph's end) in ``end_paragraph``.
    """

    paragraph: int
    start: int
    end_paragraph: int
    end: int
    text: str
    family: str
    open_mark: str
    close_mark: str  # "" when the quotation was never closed
    depth: int = 0

    @property
    def multi_paragraph(self) -> bool:
        return self.end_paragraph != self.paragraph


@dataclass(slots=True)
class _Mark:
    position: int
    char: str
    can_open: bool
    can_close: bool
    weak: bool = False  # "the players’ union": a plural possessive that may also close


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _classify(text: str, index: int) -> _Mark | None:
    char = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if _FAMILY[char] == SINGLE and _is_word_char(before) and _is_word_char(after):
        return None  # apostrophe inside a word: O’Donnell, don't
    if char in "‘'’" and before in " \t\n(" and after.isdigit():
        return None  # '90s, ’17
    if (
        char in "‘'’"
        and before in " \t\n("
        and text[index + 1 : index + 6].lower().startswith(_ELISIONS)
    ):
        return None
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = not before.isspace() and (after in _CLOSE_AFTER or after.isspace())
    if char in _OPEN_ONLY:
        can_open, can_close = True, char == "‘" and can_close and not can_open
    elif char in _CLOSE_ONLY:
        can_open, can_close = char == "’" and can_open and not can_close, True
        if char == "’" and _is_word_char(before) and before.lower() == "s" and after == " ":
            can_close = True  # a plural possessive (the Joneses’ car) may also close
    if not can_open and not can_close:
        if _FAMILY[char] == SINGLE:
            return None
        can_open = can_close = True  # a straight double mark glued between words: a toggle
    weak = (
        _FAMILY[char] == SINGLE
        and before.lower() == "s"
        and after == " "
        and text[index + 2 : index + 3].islower()
    )
    return _Mark(index, char, can_open, can_close, weak)


_FAMILY_RE = {
    DOUBLE: re.compile("[" + "".join(c for c, f in _FAMILY.items() if f == DOUBLE) + "]"),
    SINGLE: re.compile("[" + "".join(c for c, f in _FAMILY.items() if f == SINGLE) + "]"),
}


def _marks(text: str, family: str) -> list[_Mark]:
    found: list[_Mark] = []
    for match in _FAMILY_RE[family].finditer(text):
        mark = _classify(text, match.start())
        if mark is not None:
            found.append(mark)
    return found


def _pair(
    paragraphs: tuple[str, ...] | list[str], family: str
) -> list[tuple[int, int, int, int, str, str]]:
    """Pair one family's marks over the article: (p0, open_pos, p1, close_pos, om, cm)."""
    pairs: list[tuple[int, int, int, int, str, str]] = []
    pending: tuple[int, int, str] | None = None  # (paragraph, position, mark)
    for number, text in enumerate(paragraphs):
        marks = _marks(text, family)
        if pending is not None:
            # An unclosed quotation continues only when this paragraph opens with a mark.
            stripped = len(text) - len(text.lstrip())
            if marks and marks[0].position == stripped and marks[0].can_open:
                marks = marks[1:]
            else:
                p0, pos, om = pending
                pairs.append((p0, pos, p0, len(paragraphs[p0]), om, ""))
                pending = None
        # For each mark, whether a firm closing mark follows before the next opening one.
        firm_close_ahead = [False] * len(marks)
        ahead = False
        for position in range(len(marks) - 1, -1, -1):
            firm_close_ahead[position] = ahead
            mark = marks[position]
            if mark.can_close and not mark.weak:
                ahead = True
            elif mark.can_open and not mark.can_close:
                ahead = False
        for position, mark in enumerate(marks):
            if pending is None:
                if mark.can_open:
                    pending = (number, mark.position, mark.char)
                continue
            if mark.weak and firm_close_ahead[position]:
                continue  # "‘The players’ union will fight,’": the possessive is not the end
            if mark.can_close:
                p0, pos, om = pending
                pairs.append((p0, pos, number, mark.position, om, mark.char))
                pending = None
            elif mark.can_open and not _after_sentence_end(text, mark.position):
                # A second opening mark of the same family right after a sentence end
                # reopens the same quotation (paragraph breaks lost in scraping); anywhere
                # else the first one was a stray mark.
                pending = (number, mark.position, mark.char)
    if pending is not None:
        p0, pos, om = pending
        pairs.append((p0, pos, p0, len(paragraphs[p0]), om, ""))
    return pairs


def _after_sentence_end(text: str, position: int) -> bool:
    before = text[max(0, position - 3) : position].rstrip()
    return bool(before) and before[-1] in ".!?…"


def _text(paragraphs: tuple[str, ...] | list[str], p0: int, s0: int, p1: int, e1: int) -> str:
    if p0 == p1:
        return paragraphs[p0][s0:e1]
    parts = [paragraphs[p0][s0:]]
    parts.extend(paragraphs[p0 + 1 : p1])
    parts.append(paragraphs[p1][:e1])
    return " ".join(part.strip() for part in parts)


_Pair = tuple[int, int, int, int, str, str]


def _container(pair: _Pair, others: list[_Pair], starts: list[tuple[int, int]]) -> int:
    """Index of the pair in ``others`` (sorted, non-overlapping) that contains or crosses
    ``pair``: returns (index) or -1; linear overall thanks to bisection."""
    slot = bisect_left(starts, (pair[0], pair[1])) - 1
    if slot >= 0 and (others[slot][2], others[slot][3]) > (pair[0], pair[1]):
        return slot
    return -1


def _crosses(pair: _Pair, others: list[_Pair], starts: list[tuple[int, int]]) -> bool:
    slot = bisect_left(starts, (pair[0], pair[1]))
    return slot < len(others) and starts[slot] < (pair[2], pair[3])


def find_quote_spans(paragraphs: tuple[str, ...] | list[str]) -> list[QuoteSpan]:
    """Every quoted span in the paragraphs, outer spans at depth 0, in reading order."""
    doubles = _pair(paragraphs, DOUBLE)
    singles = _pair(paragraphs, SINGLE)
    double_starts = [(pair[0], pair[1]) for pair in doubles]
    closed_singles = [pair for pair in singles if pair[5]]
    single_starts = [(pair[0], pair[1]) for pair in closed_singles]
    spans: list[QuoteSpan] = []
    for pair in doubles:
        # A double pair inside a single pair (British style) is nested there.
        outer = _container(pair, closed_singles, single_starts)
        inside = outer >= 0 and (closed_singles[outer][2], closed_singles[outer][3]) > (
            pair[2],
            pair[3],
        )
        spans.append(_span(paragraphs, pair, DOUBLE, 1 if inside else 0))
    for pair in singles:
        outer = _container(pair, doubles, double_starts)
        if outer >= 0:
            if (doubles[outer][2], doubles[outer][3]) <= (pair[2], pair[3]):
                continue  # crosses a double quotation: an apostrophe mistaken for a mark
            if not pair[5]:
                continue  # an unclosed inner mark (’cause) is an apostrophe
            depth = 1
        elif _crosses(pair, doubles, double_starts):
            continue
        else:
            depth = 0
        spans.append(_span(paragraphs, pair, SINGLE, depth))
    spans = [span for span in spans if span.text.strip()]
    spans.sort(key=lambda span: (span.paragraph, span.start))
    return spans


def _span(
    paragraphs: tuple[str, ...] | list[str],
    pair: tuple[int, int, int, int, str, str],
    family: str,
    depth: int,
) -> QuoteSpan:
    p0, open_pos, p1, close_pos, open_mark, close_mark = pair
    start = open_pos + 1
    return QuoteSpan(
        paragraph=p0,
        start=start,
        end_paragraph=p1,
        end=close_pos,
        text=_text(paragraphs, p0, start, p1, close_pos),
        family=family,
        open_mark=open_mark,
        close_mark=close_mark,
        depth=depth,
    )
