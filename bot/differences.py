"""How a user's wording differs from the quote, in words a person can read."""

from __future__ import annotations

from difflib import SequenceMatcher

from rapidfuzz import fuzz

from bot.normalize import normalize_text

_MAX_NOTES = 4


def describe_differences(user_text: str, quote_text: str) -> str | None:
    """None when the words are the same (ignoring case and punctuation), else a summary.

    Only the part of the quote the user's words line up with is compared, so quoting a
    fragment of a long tweet is not reported as "left out" everything else.
    """
    user = normalize_text(user_text)
    quote = normalize_text(quote_text)
    if not user or not quote or user == quote:
        return None
    window = _aligned_window(user, quote)
    user_words, quote_words = user.split(), window.split()
    if user_words == quote_words:
        return None
    if sorted(user_words) == sorted(quote_words):
        return f"same words in a different order: the quote says “{window}”"
    notes = []
    matcher = SequenceMatcher(None, user_words, quote_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        said = " ".join(user_words[i1:i2])
        actual = " ".join(quote_words[j1:j2])
        if op == "replace":
            notes.append(f"you wrote “{said}”, the quote says “{actual}”")
        elif op == "delete":
            notes.append(f"the quote does not have “{said}”")
        elif op == "insert":
            notes.append(f"you left out “{actual}”")
    if not notes:
        return None
    more = len(notes) - _MAX_NOTES
    text = "; ".join(notes[:_MAX_NOTES])
    return text + (f"; and {more} more difference(s)" if more > 0 else "")


def _aligned_window(user: str, quote: str) -> str:
    """The words of ``quote`` that ``user`` lines up with best (the whole quote if shorter)."""
    if len(user) >= len(quote):
        return quote
    alignment = fuzz.partial_ratio_alignment(user, quote)
    if alignment is None:
        return quote
    start, end = alignment.dest_start, alignment.dest_end
    start = quote.rfind(" ", 0, start) + 1
    stop = quote.find(" ", max(end - 1, start))
    end = len(quote) if stop < 0 else stop
    return quote[start:end]
