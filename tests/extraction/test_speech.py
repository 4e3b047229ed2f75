"""Speech versus titles, nicknames and scare quotes."""

from __future__ import annotations

from bot.extraction import extract_article
from bot.extraction.speech import is_speech, looks_like_title


def quoted(text: str) -> list[str]:
    return [quote.text for quote in extract_article(text).quotes]


def test_titles_are_not_speech() -> None:
    assert looks_like_title("Keeping Up With the Kardashians,")
    assert not looks_like_title("we are all going to win")
    assert quoted("She starred in “The Long Road Home” last year.") == []


def test_so_called_and_nicknames_are_not_speech() -> None:
    assert quoted("He mocked the so-called “green new deal” again.") == []
    assert quoted("Her partner, William “Billy” Knight, smiled.") == []


def test_short_spans_need_a_reporting_cue() -> None:
    assert quoted("Critics called the plan “reckless” on Monday.") == ["reckless"]
    assert quoted("The “smart” fridge broke.") == []


def test_an_evaluating_verb_does_not_make_a_scare_quote_speech() -> None:
    assert quoted("The senator praised Lee for his “signed” jersey.") == []


def test_long_spans_are_quotes() -> None:
    assert quoted("“We will rebuild the bridge by spring,” the mayor said.") == [
        "We will rebuild the bridge by spring,"
    ]


def test_is_speech_reasons() -> None:
    assert is_speech("reckless", "called it ", "", governed=True, evaluative=False)[0]
    assert not is_speech("reckless", "the ", " plan", governed=False, evaluative=False)[0]


def test_titles_named_by_the_word_before_them_are_not_speech_whatever_their_length() -> None:
    assert quoted("Her new single “we are never getting back together again” is out.") == []
    assert quoted("The film, titled “When the river runs out of water,” opens.") == []
    assert quoted("The hashtag “this is what democracy looks like” trended.") == []
    assert quoted("In her memoir, “I was never afraid of the dark,” she wrote.") == [
        "I was never afraid of the dark,"
    ]
