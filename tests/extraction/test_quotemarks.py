"""Pairing quotation marks without ever giving up."""

from __future__ import annotations

from bot.extraction.quotemarks import find_quote_spans


def texts(*paragraphs: str) -> list[tuple[int, str]]:
    return [(span.depth, span.text) for span in find_quote_spans(list(paragraphs))]


def test_curly_and_straight_double_marks_pair() -> None:
    assert texts('He said “yes indeed” and "no way" then.') == [
        (0, "yes indeed"),
        (0, "no way"),
    ]


def test_apostrophes_inside_words_are_not_marks() -> None:
    assert texts("O’Donnell said 'I don't know, it's Trump’s call' today.") == [
        (0, "I don't know, it's Trump’s call")
    ]


def test_mixed_curly_open_and_straight_close_pair_within_a_family() -> None:
    assert texts("“It says ‘guilty as charged,' she read.”") == [
        (0, "It says ‘guilty as charged,' she read."),
        (1, "guilty as charged,"),
    ]


def test_an_odd_count_does_not_lose_the_other_quotations() -> None:
    found = texts("A stray “ mark here. Then she said “this is fine” and “so is this”.")
    assert (0, "this is fine") in found and (0, "so is this") in found


def test_an_unclosed_quotation_ends_with_its_paragraph() -> None:
    assert texts("It said “a majority agrees.", "Next paragraph.") == [(0, "a majority agrees.")]


def test_a_quotation_running_over_paragraphs_continues_when_the_next_opens_with_a_mark() -> None:
    spans = find_quote_spans(["He said: 'First part.", "'Second part.", "'Last part.'", "After."])
    (span,) = spans
    assert span.multi_paragraph and (span.paragraph, span.end_paragraph) == (0, 2)
    assert span.text == "First part. 'Second part. 'Last part."


def test_elisions_and_decades_are_not_opening_marks() -> None:
    assert texts("“It’s ’cause of the ’90s,” he said.") == [(0, "It’s ’cause of the ’90s,")]


def test_closing_marks_alone_are_ignored() -> None:
    assert texts("” nothing ” here ’") == []


def test_a_plural_possessive_inside_single_marks_does_not_end_the_quotation() -> None:
    assert texts("‘The players’ union will fight this,’ said Tom Reyes.") == [
        (0, "The players’ union will fight this,")
    ]
