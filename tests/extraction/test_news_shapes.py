"""Shapes of news prose beyond the development articles: wire copy, business news,
British regional papers, sports and entertainment pages.

Every sentence here is invented; the shapes are the ones news articles use.
"""

from __future__ import annotations

import pytest

from bot.extraction import extract_article
from bot.extraction.parsing import parse_article


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in extract_article(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Senate Majority Whip Tom Baxter (Ohio) objected.\n\n"
            "“We should wait for the committee to finish its work first,” Baxter said.",
            "Tom Baxter",
        ),
        (
            "In a statement, COO and CFO Ana Ruiz said “the quarter went better than planned "
            "in every region we serve.”",
            "Ana Ruiz",
        ),
    ],
)
def test_a_job_title_before_the_name_is_not_part_of_the_name(text: str, speaker: str) -> None:
    assert [name for _text, name in speakers(text)] == [speaker]


def test_an_adverb_of_time_between_auxiliary_and_cue_keeps_the_subject() -> None:
    text = (
        "Paul Hendry chairs the union.\n\n"
        "Mr Hendry had earlier said: “This is terrible news for every member of the branch.”"
    )
    assert speakers(text)[0][1] == "Paul Hendry"


def test_an_unnamed_friend_is_nobody_even_when_a_named_person_is_near() -> None:
    text = (
        "A close friend of Dana Moss said she was worried.\n\n"
        "“That call was the moment everything changed for her,” said the pal.\n\n"
        "“She knew then that it was over,” the friend added."
    )
    assert [name for _text, name in speakers(text)] == [None, None]


def test_a_person_from_an_organisation_is_the_speaker_not_the_organisation() -> None:
    text = (
        "Shares fell sharply. Joe Dale from Harbor Capital said “nobody saw this coming "
        "before the bell rang”.\n\n"
        "He added: “It will take weeks to settle down again.”"
    )
    assert [name for _text, name in speakers(text)] == ["Joe Dale", "Joe Dale"]


def test_a_name_modifying_unnamed_sources_names_nobody() -> None:
    text = "The minister “was warned about the cost months ago”, according to Whitehall sources."
    assert speakers(text)[0][1] is None


def test_the_force_is_the_police_force_just_named() -> None:
    text = (
        "Kent Police would not confirm the arrest.\n\n"
        "The force said: “Officers were called to the address shortly after midnight.”"
    )
    assert speakers(text)[0][1] == "Kent Police"


def test_a_topic_label_before_a_colon_continues_the_last_speaker() -> None:
    text = (
        "United manager Alan Reece speaking to reporters: “We kept going until the very end "
        "and got what we deserved.”\n\n"
        "On the penalty decision: “I have seen it again and it was a clear foul on the edge.”"
    )
    assert [name for _text, name in speakers(text)] == ["Alan Reece", "Alan Reece"]


def test_a_topic_label_long_after_any_speaker_names_nobody() -> None:
    text = (
        "Alan Reece spoke first. The club was sold. The stadium was renamed. Fans protested. "
        "The season ended early.\n\n"
        "On the penalty decision: “I have seen it again and it was a clear foul on the edge.”"
    )
    assert speakers(text)[0][1] is None


def texts(text: str) -> list[str]:
    return [quote.text for quote in extract_article(text).quotes]


@pytest.mark.parametrize(
    ("text", "not_quote"),
    [
        ("Reed said on CBS’s “Sunrise” show that he would stand again next year.", "Sunrise"),
        ("Ms Lane said “Atlas” has remained “the best seller we have”.", "Atlas"),
        ("Critics said “Titan’s” budget was far too large for a sequel.", "Titan’s"),
        (
            "A silence was observed by officers from the wider “rail family” across the country.",
            "rail family",
        ),
        ("Reform is a word that means “to make better.” Nobody disputes that.", "to make better."),
        ("HEADLINES ■ ‘Veteran driver’ – P12\n\nThe race was stopped twice.", "Veteran driver"),
    ],
)
def test_names_glosses_and_cross_references_in_marks_are_not_speech(
    text: str, not_quote: str
) -> None:
    assert not_quote not in texts(text)


def test_a_short_governed_fragment_is_still_speech() -> None:
    text = "Ms Lane said “Atlas” has remained “the best seller we have”."
    assert texts(text) == ["the best seller we have"]


def test_an_ellipsis_and_a_capital_end_the_quoted_sentence() -> None:
    text = (
        "Reporter Lena Ortiz tweeted from her account: “Smoke is rising over the harbour "
        "and the roads are closed.”\n\n"
        "Another reporter, Tom Webb, tweeted that a “warning says stay inside for now…” He "
        "also posted a video of the fire."
    )
    assert [name for _text, name in speakers(text)] == ["Lena Ortiz", "Tom Webb"]


def test_a_pronoun_after_a_verb_of_thinking_finds_the_name_it_introduces() -> None:
    text = (
        "Many writers tried to define progress. I think Hartley put it best when he "
        "wrote that “progress is the habit of asking for more.”"
    )
    assert speakers(text)[0][1] == "Hartley"


def test_a_phrase_of_time_between_subject_and_verb_keeps_the_subject() -> None:
    text = (
        "Foreign Minister Anna Berg on Monday dismissed reports that Oslo and Riga were "
        "talking in secret.\n\n"
        "“There are no secret talks of any kind between our two countries,” she told reporters."
    )
    assert speakers(text)[0][1] == "Anna Berg"


def test_a_name_after_a_preposition_is_not_the_subject_of_the_cue() -> None:
    text = (
        "The row began after Lea Moss on Labour Day tweeted: “I wonder how many of my "
        "followers are real people at all.”"
    )
    assert speakers(text)[0][1] == "Lea Moss"


def test_a_cue_word_after_a_light_verb_is_a_noun() -> None:
    text = "Dan Kerr accepts blame for the defeat: “I did a poor job preparing the team.”"
    assert speakers(text)[0][1] == "Dan Kerr"


@pytest.mark.parametrize(
    "text",
    [
        "Tim Reed upset with the coaching staff: “We have to do a much better job of coaching.”",
        "Tim Reed on beating his brother, Mark: “It is a rotten place to be as a big brother.”",
    ],
)
def test_a_verbless_label_opening_with_a_name_names_the_speaker(text: str) -> None:
    assert speakers(text)[0][1] == "Tim Reed"


def test_a_label_naming_a_place_names_nobody() -> None:
    assert speakers("Paris in spring: “Nothing compares to it, nothing at all.”")[0][1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will ship the phone in June,” said Acme chief executive Jo Bell.", "Jo Bell"),
        ("Quoting Ohio State head coach Al Ray: “We had not shown that play all year.”", "Al Ray"),
    ],
)
def test_an_employer_before_a_role_is_not_the_speaker(text: str, speaker: str) -> None:
    assert speakers(text)[0][1] == speaker


def test_the_person_cited_as_saying_is_the_speaker() -> None:
    text = "“No, there is no chance of talks,” the agency cited Omar Haddad as telling reporters."
    assert speakers(text)[0][1] == "Omar Haddad"


def test_a_cue_inside_a_restrictive_relative_clause_does_not_govern_the_quote() -> None:
    text = "Singer Ava Stone says fans who have blasted her online for missing the show are “mean”."
    assert speakers(text) == [("mean", "Ava Stone")]


def test_a_name_in_apposition_before_its_verb_is_a_person_for_later_pronouns() -> None:
    text = (
        "The paper’s crime reporter, Dan Shore, said it is “believed the driver was known "
        "to police for years” — although he added that Kent’s Central Police have not "
        "“officially confirmed” this."
    )
    assert [name for _text, name in speakers(text)] == ["Dan Shore", "Dan Shore"]


def test_a_surname_that_spells_a_cue_word_is_not_a_cue() -> None:
    text = "Tom Hale said the song by Ann Brand was “the best thing on the whole record by far”."
    assert speakers(text)[0][1] == "Tom Hale"


def test_a_reply_clause_after_a_quotation_introduces_the_next_one() -> None:
    text = (
        'One follower, Kit99, wrote, "You have every right to defend yourself online," '
        'Moss replied, "Thank you, that means a lot to me today."'
    )
    assert [name for _text, name in speakers(text)] == ["Kit99", "Moss"]


def test_an_interrupted_quotation_still_belongs_to_its_one_speaker() -> None:
    text = "“We will win this,” Jo Bell said, “and we will win it at home.”"
    assert [name for _text, name in speakers(text)] == ["Jo Bell", "Jo Bell"]


def test_a_publication_that_reports_at_the_end_of_the_clause_is_the_speaker() -> None:
    text = (
        "Senator Jo Hill on Friday “joined the growing chorus of members who condemned "
        "the decision,” the Bugle reports."
    )
    assert speakers(text)[0][1] == "Bugle"


def test_a_two_word_surname_is_the_short_form_of_the_full_name_before_it() -> None:
    text = (
        "Government spokesman Luis García Pérez said the report was false.\n\n"
        "“No one contacted me or my office about this story,” García Pérez said."
    )
    assert speakers(text)[0][1] == "Luis García Pérez"


def test_a_longer_form_seen_only_later_does_not_swallow_a_full_name() -> None:
    text = (
        "“We are thrilled for her and the whole family,” Kylie Jenner said.\n\n"
        "A fan account, Team Kylie Jenner, posted a photo."
    )
    assert speakers(text)[0][1] == "Kylie Jenner"


def test_a_cue_and_colon_ending_a_paragraph_introduces_the_next_one() -> None:
    text = (
        "Just now, a spokeswoman for the bidder, Kay Dunn of the Harbor Group, emailed me "
        "to say:\n\n"
        "“Our team has complied with every part of the review and will keep cooperating.”"
    )
    assert speakers(text)[0][1] == "Kay Dunn"


def test_a_paragraph_ending_in_a_colon_without_a_speaker_gives_none() -> None:
    text = "Here is the full list:\n\n“Bread, milk, eggs and a lot of patience for the queue.”"
    assert speakers(text)[0][1] is None


def test_a_first_surname_alone_reaches_the_full_name_through_the_two_word_surname() -> None:
    text = (
        "Government spokesman Luis García Pérez said the report was false.\n\n"
        "Later García Pérez said nobody had called his office.\n\n"
        "“It is all pure speculation from start to finish,” García said."
    )
    assert speakers(text)[0][1] == "Luis García Pérez"


def test_the_statement_read_is_credited_to_whoever_issued_the_statement() -> None:
    text = (
        "Mayor Ann Cole confirmed the incident on Monday.\n\n"
        "Cole’s office released a short statement just after noon.\n\n"
        "“The mayor is cooperating with the police and asks others to do the same,” "
        "the statement read."
    )
    assert speakers(text)[0][1] == "Ann Cole"


def test_a_book_that_reads_is_not_confused_with_a_reader() -> None:
    text = "“It was the best of times, it was the worst of times,” she reads aloud."
    assert speakers(text)[0][1] is None


def test_regretted_that_reports_speech() -> None:
    text = (
        "Spokesman Luis Mora said the story was false.\n\n"
        "He regretted that the paper “encourages its reporters to predict the future” "
        "instead of checking facts."
    )
    assert speakers(text)[0][1] == "Luis Mora"


def test_sentences_of_quoted_words_only_do_not_push_the_antecedent_out_of_reach() -> None:
    text = (
        "Tom Vance gave a long interview to the radio station last week.\n\n"
        "“I would play a show and then drive all night to the next one.\n\n"
        "“There were times when it was lonely, and times when it was wonderful.\n\n"
        "“I know where those years went, and I would not change them.”\n\n"
        "And later he added, “If I stop touring, I start to think touring is the answer.”"
    )
    assert speakers(text)[-1][1] == "Tom Vance"


def test_a_capitalised_role_before_a_first_name_is_a_title() -> None:
    text = "Teacher Mark has told the paper: “She made our life hell for two whole years.”"
    quote = extract_article(text).quotes[0]
    assert (quote.speaker, quote.speaker_title) == ("Mark", "Teacher")


def test_a_subjectless_colon_clause_continues_the_report_before_it() -> None:
    text = (
        "Party leader Ann Lowe says there is a lot to like in the budget. But some things "
        "won’t fly:\n\n"
        "“I do not support building one more prison until we fix rehabilitation first.”"
    )
    assert speakers(text)[0][1] == "Ann Lowe"


def test_a_report_trailing_off_in_an_ellipsis_introduces_the_next_paragraph() -> None:
    text = (
        "Group leader Mike Dunn says the health plan won’t work for his party…\n\n"
        "“There is a tax in there, a jobs tax, and that is a line in the sand for us.”"
    )
    assert speakers(text)[0][1] == "Mike Dunn"


def test_a_narrative_paragraph_ending_in_an_ellipsis_names_nobody() -> None:
    text = (
        "The rain kept falling all night…\n\n"
        "“There is a tax in there, a jobs tax, and that is a line in the sand for us.”"
    )
    assert speakers(text)[0][1] is None


def test_typewriter_quotation_marks_of_older_wire_copy_are_quotation_marks() -> None:
    text = (
        "``The call has always been open to everyone,'' Chief Financial Officer Dan Hale "
        "said in an interview. ``We had technical problems.''"
    )
    assert speakers(text) == [
        ("The call has always been open to everyone,", "Dan Hale"),
        ("We had technical problems.", "Dan Hale"),
    ]


def test_two_single_quotes_inside_ordinary_text_are_left_alone() -> None:
    text = "He wrote '' as an empty string, then said “the test suite passed on every run”."
    assert texts(text) == ["the test suite passed on every run"]


def test_a_short_line_inside_a_block_is_its_own_paragraph_not_a_wrapped_line() -> None:
    text = (
        "Intro paragraph of the story, which ends like a sentence.\n\n"
        "Tuesday 25 June 2013 10:38 BST\n"
        "Comments\n"
        "Spain's forward Pedro Ruiz celebrates after scoring against Uruguay at home\n\n"
        "Closing paragraph of the story."
    )
    paragraphs = parse_article(text).paragraphs
    assert "Comments" in paragraphs
    assert not any("BST Comments" in paragraph for paragraph in paragraphs)


def test_hard_wrapped_lines_of_similar_width_still_join() -> None:
    text = (
        "Intro paragraph of the story, which ends like a sentence.\n\n"
        "The council met on Tuesday evening to discuss the new\n"
        "budget, which includes cuts to libraries and parks, and\n"
        "a rise in parking fees.\n\n"
        "Closing paragraph of the story."
    )
    assert (
        "The council met on Tuesday evening to discuss the new budget, which includes cuts "
        "to libraries and parks, and a rise in parking fees."
    ) in parse_article(text).paragraphs


def test_the_subject_of_a_cleft_sentence_follows_that() -> None:
    text = (
        "Prime Minister Ravi Mehta spoke first. It was in response to opposition leader "
        "Anil Rao’s remark that the PM lost his temper, reminding the House that stability "
        "was a matter of “collective responsibility”."
    )
    assert speakers(text)[0][1] == "Ravi Mehta"


def test_a_pronoun_finds_its_own_sentence_subject_before_any_earlier_name() -> None:
    text = (
        "Kate Moore was upset.\n\n"
        "Meanwhile, her former partner Rob Lane is making headlines for an interview in which "
        "he said it is hard not to “miss every single night on the road”."
    )
    assert speakers(text)[0][1] == "Rob Lane"


def test_talked_about_reports_speech() -> None:
    text = (
        "Rob Lane gave a podcast interview in which he talked about how hard it is not to "
        "“cherish and crave” his old life."
    )
    assert speakers(text) == [("cherish and crave", "Rob Lane")]


def test_the_company_is_the_company_the_article_is_about() -> None:
    text = (
        "Zentrix Ltd. on Friday reported revenue that fell short of estimates.\n\n"
        "Zentrix has been trying to turn itself around. Its shares fell 11 percent.\n\n"
        '"We secured key design wins in high growth segments this quarter." The company '
        "said in a press release."
    )
    assert speakers(text)[0][1] == "Zentrix Ltd"


def test_the_company_names_nobody_when_no_company_leads() -> None:
    text = (
        "The shares fell 11 percent on Friday.\n\n"
        '"We secured key design wins in high growth segments this quarter." The company '
        "said in a press release."
    )
    assert speakers(text)[0][1] is None


@pytest.mark.parametrize(
    "text",
    [
        "Kim Lee, model and wife of John Dale, who has been critical of the plan, "
        "responded writing “that is the best news of the whole year”.",
        "Kim Lee, the wife of John Dale, who has been critical of the plan, said "
        "“that is the best news of the whole year”.",
    ],
)
def test_an_apposition_and_a_relative_clause_after_a_name_keep_the_name(text: str) -> None:
    assert speakers(text)[0][1] == "Kim Lee"


def test_a_speaker_calling_people_something_is_a_partial_quote() -> None:
    text = "Mayor Dan Hale defended the marchers, whom he called “very fine people,” on Tuesday."
    assert speakers(text) == [("very fine people,", "Dan Hale")]


def test_a_thing_called_a_name_is_still_a_title() -> None:
    assert texts("They watched a show called “Night Owls” on Tuesday.") == []


def test_a_platform_the_article_is_about_can_be_the_company() -> None:
    text = (
        "Celebrities took to Twitter on Friday after Twitter suspended the account.\n\n"
        "Several stars weighed in on Twitter’s move on Friday.\n\n"
        "“We have permanently suspended the account after close review,” the company wrote "
        "in a blog post."
    )
    assert speakers(text)[0][1] == "Twitter"


def test_an_evaluating_verb_with_its_own_object_does_not_take_a_later_quotation() -> None:
    text = (
        "Ann Lowe said Tom Reed had often lauded his record but had presided over the "
        "“longest, deepest slump in memory”."
    )
    assert speakers(text)[0][1] == "Ann Lowe"


def test_an_evaluating_verb_right_before_the_quotation_still_governs_it() -> None:
    text = "Ann Lowe said it was bad, and Tom Reed slammed it as “a disgrace for the whole city”."
    assert speakers(text)[0][1] == "Tom Reed"


def test_inversion_with_a_role_then_the_name_in_apposition() -> None:
    text = (
        "Evacuees arrived as far as Ennis.\n\n"
        "“Things happened so fast that we could not get ahead of the curve,” said the "
        "coordinator, Chad Wester."
    )
    assert speakers(text)[0][1] == "Chad Wester"
