"""Article parsing: header lines, paragraphs and the closing byline."""

from __future__ import annotations

from bot.extraction.parsing import parse_article


def test_date_line_running_into_the_first_paragraph() -> None:
    parsed = parse_article(" date 2019-03-04 Maria Lopez opened the bridge.\n\nSecond one.")
    assert parsed.date == "2019-03-04"
    assert parsed.paragraphs == ("Maria Lopez opened the bridge.", "Second one.")


def test_date_line_on_its_own_and_no_date_at_all() -> None:
    assert parse_article("date 2020-01-02\nBody text.").date == "2020-01-02"
    parsed = parse_article("Body text without a date.\n")
    assert parsed.date is None
    assert parsed.paragraphs == ("Body text without a date.",)


def test_a_date_inside_the_text_is_not_a_header() -> None:
    parsed = parse_article("The council met.\n\ndate 2020-01-02 was mentioned later.")
    assert parsed.date is None


def test_header_lines_give_title_author_and_outlet() -> None:
    parsed = parse_article(
        "title: Bridge opens at last\nauthor: Sam Reed\noutlet: The Daily Example\n\nBody."
    )
    assert parsed.title == "Bridge opens at last"
    assert parsed.author == "Sam Reed"
    assert parsed.outlet == "The Daily Example"
    assert parsed.paragraphs == ("Body.",)


def test_lines_inside_a_paragraph_are_joined_and_blank_lines_split() -> None:
    parsed = parse_article("One line\ncontinues here.\n\n\n\nNext   paragraph.\n")
    assert parsed.paragraphs == ("One line continues here.", "Next paragraph.")
    assert parsed.gaps == (0, 3)


def test_twitter_byline_gives_the_author_and_handle() -> None:
    parsed = parse_article("Body text.\n\nFollow Jo Anne Smith on Twitter @jo_smith")
    assert parsed.author == "Jo Anne Smith"
    assert parsed.author_handle == "@jo_smith"


def test_empty_and_whitespace_text_gives_no_paragraphs() -> None:
    assert parse_article("").paragraphs == ()
    assert parse_article(" \n\n \t\n").paragraphs == ()


def test_single_newline_paragraphs_are_split_but_wrapped_lines_are_joined() -> None:
    scraped = parse_article(
        "First paragraph ends here.\nSecond paragraph, also complete.\nThird one."
    )
    assert scraped.paragraphs == (
        "First paragraph ends here.",
        "Second paragraph, also complete.",
        "Third one.",
    )
    wrapped = parse_article("A sentence that was wrapped\nat a fixed width by an\neditor.")
    assert wrapped.paragraphs == ("A sentence that was wrapped at a fixed width by an editor.",)


def test_a_title_case_headline_on_the_date_line_is_the_title() -> None:
    parsed = parse_article(
        "date 2017-11-08 Stars React To The Mayor’s ‘Wild’ Speech\nThe mayor spoke.\n"
    )
    assert parsed.title == "Stars React To The Mayor’s ‘Wild’ Speech"
    assert parsed.paragraphs == ("The mayor spoke.",)


def test_a_short_title_case_first_line_is_the_headline() -> None:
    parsed = parse_article("Harbour Board Disputes Report on Bridge\nThe board said no.\n")
    assert parsed.title == "Harbour Board Disputes Report on Bridge"
    assert parsed.paragraphs == ("The board said no.",)
    caption = parse_article("Nora Quill\n\nNora Quill spoke on Monday.")
    assert caption.title is None


def test_a_line_break_inside_a_quotation_does_not_split_it() -> None:
    parsed = parse_article(
        "Nora Quill spoke on Monday.\n“We will win this fight.\nWe always do,” she said.\n"
    )
    assert parsed.paragraphs == (
        "Nora Quill spoke on Monday.",
        "“We will win this fight. We always do,” she said.",
    )
