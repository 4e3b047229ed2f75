"""Is a quoted span somebody's speech, or a title, nickname or scare quote?

Spans of four words or more are quotations unless they read as a title. Shorter spans
count only when a reporting cue governs them ("telling him that Trump is “a fucking
moron”"); a word in quotation marks with no one saying it ("so-called “political
correctness”", "William “Mack” Knight", "his “signed” hat") is not speech.
"""

from __future__ import annotations

import re

from bot.extraction.cues import NAMING_CUES, TITLE_CUES, word_set

_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
_SMALL_WORDS = word_set(
    "a an the and or but of on in at to for with by from as is be vs via nor yet so"
)
LONG_SPAN_WORDS = 4


_ATTRIBUTIVE_BEFORE_RE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those)\s*$", re.IGNORECASE
)
# "on NBC’s “Today” show": a quoted name modifying the noun for a work or a brand.
_WORK_NOUNS = word_set(
    """
    show shows series programme program film movie album song single book podcast
    franchise brand campaign event tour festival game"""
)
# "“FIFA” has remained …": a quoted name that is the subject of the following verb.
_FINITE_AFTER_RE = re.compile(
    r"\s*(?:has|have|had|is|was|are|were|remains|remained|will|would|can|could)\b"
)
_POSSESSIVE_END_RE = re.compile(r"[A-Z][\w\-]*[’']s?$")
_ATTRIBUTIVE_ADJECTIVE_RE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those)\s+[a-z]+\s*$",
    re.IGNORECASE,
)
_NOT_NOUNS = word_set(
    """
    is was are were has had have will would could can may might should does did do and or
    but to of in on at by for with from as than that which who when while if because so
    then"""
)

# Compiled once: is_speech runs for every quoted span.
_LOWER_WORD_AFTER_RE = re.compile(r"\s*([a-z][\w\-]*)")
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+\S")
_CAPITALISED_END_RE = re.compile(r"[A-Z][\w.’'\-]*\s*$")
_CAPITALISED_AFTER_RE = re.compile(r"\s*[A-Z][\w’'\-]+")
_TAIL_WORD_RE = re.compile(r"[\w\-]+")
_SO_CALLED_RE = re.compile(r"so-called\s*$", re.IGNORECASE)
_PUNCTUATION_END_RE = re.compile(r"[.!?,;:…]$")
_LETTERS_AFTER_RE = re.compile(r"\s*([a-z]+)")
_COMMA_END_RE = re.compile(r"[,:]\s*$")
_SENTENCE_END_RE = re.compile(r"[.!?]\W*$")


def _noun_after(after: str) -> bool:
    """A lower-case word (not a verb or function word) right after the closing mark."""
    match = _LOWER_WORD_AFTER_RE.match(after)
    return match is not None and match.group(1) not in _NOT_NOUNS


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def looks_like_title(text: str) -> bool:
    """'Keeping Up With the Kardashians', 'Merry Christmas', 'War on Christmas'."""
    found = words(text)
    content = [w for w in found if w.lower() not in _SMALL_WORDS]
    if len(found) < 2 or not content:
        return False
    if all(w.isupper() for w in content) and len(content) > 1:
        return False  # shouting, not a title
    capitalised = [w for w in content if w[:1].isupper()]
    if len(capitalised) != len(content):
        return False
    # A capitalised first word of a sentence followed by capitalised names is still a
    # title only when every content word is capitalised; sentences have lower-case verbs.
    return not _SENTENCE_BREAK_RE.search(text.strip())


def is_nickname(before: str, after: str) -> bool:
    """William “Mack” Knight: a short span between two parts of a name."""
    return bool(_CAPITALISED_END_RE.search(before)) and bool(_CAPITALISED_AFTER_RE.match(after))


def title_cue_before(before: str, cues: frozenset[str] = TITLE_CUES) -> bool:
    """The word right before the opening mark is one of ``cues`` (a comma may follow it)."""
    tail = _TAIL_WORD_RE.findall(before[-40:].lower())
    return bool(tail) and tail[-1] in cues and before.rstrip()[-1:] not in {":", "."}


def is_speech(
    text: str,
    before: str,
    after: str,
    *,
    governed: bool,
    evaluative: bool,
    cue_word: str = "",
) -> tuple[bool, str]:
    """(is it speech?, reason). ``before``/``after``: the raw text around the marks."""
    count = len(words(text))
    if count == 0:
        return False, "no-words"
    if before.rstrip()[-1:].isalpha() and title_cue_before(before, NAMING_CUES):
        return False, "naming-cue"  # 'a song titled “…”', 'her memoir “…”' (no comma)
    title_like = looks_like_title(text)
    calling = governed and cue_word in {"called", "call", "calls"} and not title_like
    if (
        title_cue_before(before)
        and (title_like or count < LONG_SPAN_WORDS)
        and not calling  # "whom he called “very fine people”": a speaker calling names
    ):
        return False, "title-cue"
    if _SO_CALLED_RE.search(before):
        return False, "so-called"
    exclaimed = governed and text.rstrip().endswith(("!", "?"))
    if title_like and not exclaimed and count < 8:
        return False, "title-case"
    if not governed and _ATTRIBUTIVE_BEFORE_RE.search(before) and _noun_after(after):
        return False, "attributive"  # the “return to Merry Christmas” message
    if count <= 3 and not _PUNCTUATION_END_RE.search(text.strip()):
        if _POSSESSIVE_END_RE.search(text.strip()):
            return False, "possessive-name"  # “Avatar’s” success: a name, not speech
        following = _LETTERS_AFTER_RE.match(after)
        if following is not None and following.group(1) in _WORK_NOUNS:
            return False, "work-name"  # NBC’s “Today” show
        if count <= 2 and text.strip()[:1].isupper() and _FINITE_AFTER_RE.match(after):
            return False, "name-subject"  # “FIFA” has remained a robust franchise
        if (
            not governed
            and _ATTRIBUTIVE_ADJECTIVE_RE.search(before)
            and not _COMMA_END_RE.search(before)
        ):
            return False, "attributive"  # officers from the wider “police family”
    long_span = count >= LONG_SPAN_WORDS or (
        count >= 3 and _SENTENCE_END_RE.search(text.strip()) is not None
    )
    if long_span:
        return True, "long"
    if count <= 2 and is_nickname(before, after):
        return False, "nickname"
    if governed and not evaluative:
        return True, "governed"
    if cue_word == "called" or cue_word == "call":
        return True, "governed"
    return False, "short-ungoverned"


def is_partial(text: str, before: str) -> bool:
    """A fragment worked into the writer's sentence rather than a full quotation."""
    stripped = text.strip()
    if not stripped:
        return False
    if len(words(stripped)) < LONG_SPAN_WORDS:
        return True
    first = stripped.lstrip("‘'\"“(…. ")[:1]
    return first.islower()
