"""Embedded posts flattened into article text."""

from __future__ import annotations

from bot.extraction import extract_article
from bot.extraction.tweets import find_embeds, iso_date


def test_usual_tweet_credit_gives_text_name_handle_and_date() -> None:
    (embed,) = find_embeds(
        ["Vote early, vote often — it matters. — Dana Park (@danapark) March 3, 2021"]
    )
    assert embed.text == "Vote early, vote often — it matters."
    assert (embed.name, embed.handle, embed.date) == ("Dana Park", "@danapark", "2021-03-03")


def test_dashes_inside_the_tweet_stay_in_the_text() -> None:
    (embed,) = find_embeds(["So sad —— — — Lee Chan (@leechan) Sept. 9, 2019"])
    assert embed.text == "So sad —— —"
    assert embed.name == "Lee Chan"


def test_credit_on_its_own_line_takes_the_paragraph_before_it() -> None:
    paragraphs = ["Big news today for everyone", "— Dana Park (@danapark) May 1, 2020"]
    (embed,) = find_embeds(paragraphs)
    assert embed.text == "Big news today for everyone"
    assert embed.first_paragraph == 0


def test_short_form_credit_is_the_final_handle() -> None:
    (embed,) = find_embeds(["what a name honestly pic.twitter.com/abc123 @someone_1"])
    assert embed.text == "what a name honestly pic.twitter.com/abc123"
    assert embed.handle == "@someone_1" and embed.name is None


def test_a_post_over_several_paragraphs_in_a_run_of_posts_is_joined() -> None:
    paragraphs = [
        "first post here @alpha",
        "Somebody said:",
        "it will rain",
        "I said: ok pic.twitter.com/x1 @beta",
    ]
    embeds = find_embeds(paragraphs, [0, 1, 2, 2])
    assert [e.text for e in embeds] == [
        "first post here",
        "Somebody said: it will rain I said: ok pic.twitter.com/x1",
    ]


def test_narration_between_two_tweets_is_not_part_of_either() -> None:
    paragraphs = [
        "One. — Dana Park (@danapark) May 1, 2020",
        "The mayor, who had been silent all week, answered her critics in a long thread "
        "that began with an apology:",
        "Two. — Sam Ortiz (@samortiz) May 2, 2020",
    ]
    embeds = find_embeds(paragraphs)
    assert [e.text for e in embeds] == ["One.", "Two."]


def test_a_byline_is_not_a_short_form_tweet() -> None:
    assert find_embeds(["Follow Jo Smith on Twitter @jo_smith"]) == []


def test_instagram_post_with_and_without_text() -> None:
    article = extract_article(
        "Great day at the lake 🌊 A post shared by Ana Ruiz (@anaruiz) on Jul 1, 2018 at "
        "9:31am PDT\n\nA post shared by Ana Ruiz (@anaruiz) on Jul 2, 2018 at 9:31am PDT"
    )
    (quote,) = article.quotes
    assert quote.text == "Great day at the lake 🌊"
    assert quote.speaker == "Ana Ruiz" and quote.kind == "block"
    assert quote.handle == "@anaruiz" and quote.date == "2018-07-01"


def test_tweet_speaker_is_the_fullest_name_in_the_article() -> None:
    article = extract_article(
        "Singer Dana Park spoke out on Monday.\n\n"
        "enough is enough — DANA (@danapark) May 1, 2020\n\n"
        "all caps — SAM ORTIZ (@samortiz) May 1, 2020\n\n"
        "hi there — nina (@Nina_Vale) May 1, 2020"
    )
    assert [q.speaker for q in article.quotes] == ["Dana Park", "Sam Ortiz", "Nina Vale"]


def test_iso_date_reads_the_usual_month_forms() -> None:
    assert iso_date("April 26, 2018") == "2018-04-26"
    assert iso_date("Sep 19, 2017") == "2017-09-19"
    assert iso_date("Sept. 9 2017") == "2017-09-09"
    assert iso_date("26 April 2018") == "2018-04-26"
    assert iso_date("Smarch 1, 2017") is None
    (embed,) = find_embeds(["Cheers all — Ann Lee (@annlee) 26 April 2018"])
    assert (embed.text, embed.date) == ("Cheers all", "2018-04-26")


def test_a_bare_handle_post_goes_to_the_one_person_said_to_post_there() -> None:
    article = extract_article(
        "Ana Ruiz shared a clip of the wedding on Instagram.\n\n"
        "Best day ever! A post shared by @ secret.account on Jul 9, 2018 at 9:31am PDT\n\n"
        "Her husband posted too.\n\n"
        "Love you A post shared by Tom Ruiz (@tomruiz) on Jul 9, 2018 at 9:40am PDT"
    )
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("Best day ever!", "Ana Ruiz"),
        ("Love you", "Tom Ruiz"),
    ]


def test_short_form_tweets_keep_their_handle_as_speaker() -> None:
    article = extract_article(
        "Ana Ruiz posted the news on Twitter. Fans reacted:\n\n"
        "so happy for her pic.twitter.com/x1 @fan_one\n\n"
        "what a day @fan_two"
    )
    assert [q.speaker for q in article.quotes] == ["@fan_one", "@fan_two"]


def test_a_credit_glued_to_the_text_and_a_lower_case_display_name() -> None:
    article = extract_article(
        "Dana Park had a lot to say about the speech.\n"
        "Is anyone watching this?— dana park (@danapark) February 16, 2017\n"
        "Worst night ever #Speech— Sam Ortiz (@samortiz) February 16, 2017\n"
    )
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("Is anyone watching this?", "Dana Park"),
        ("Worst night ever #Speech", "Sam Ortiz"),
    ]


def test_a_tweet_spanning_two_paragraphs_is_one_quote() -> None:
    article = extract_article(
        "Dana Park reacted on Twitter:\n\n"
        "So proud of this city today.\n\n\n\n"
        "Never give up. — Dana Park (@danapark) May 1, 2020\n\n"
        "The mayor said nothing."
    )
    (quote,) = article.quotes
    assert quote.text == "So proud of this city today. Never give up."
    assert quote.kind == "tweet" and quote.speaker == "Dana Park"
