"""Who said it: the subject of the speech cue's clause, in the common shapes of news prose.

Every sentence here is invented; the shapes are the ones news articles use.
"""

from __future__ import annotations

import pytest

from bot.extraction import extract_article


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in extract_article(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will rebuild the bridge by spring,” Maria Lopez said.", "Maria Lopez"),
        ("“We will rebuild the bridge by spring,” said Maria Lopez.", "Maria Lopez"),
        (
            "“We will rebuild the bridge by spring,” said Gov. Maria Lopez (D-Ore.), who won.",
            "Maria Lopez",
        ),
        (
            "“We will rebuild the bridge by spring,” said council member Maria Lopez, who voted.",
            "Maria Lopez",
        ),
        ("Maria Lopez, 52, told reporters: “We will rebuild the bridge by spring.”", "Maria Lopez"),
        (
            "According to Maria Lopez, “the bridge will be rebuilt by spring next year.”",
            "Maria Lopez",
        ),
        (
            "Maria Lopez, who replaced Tom Grant in May, said “the bridge comes first for us.”",
            "Maria Lopez",
        ),
        ("Maria Lopez told Tom Grant that “the bridge comes first for all of us.”", "Maria Lopez"),
        (
            "Republican Sen. Maria Lopez of Oregon argued that the plan would “earn our trust.”",
            "Maria Lopez",
        ),
        ("Maria Lopez rejected the plan, calling it “a waste of public money.”", "Maria Lopez"),
        ("After calling the plan a “waste,” Maria Lopez left the room.", "Maria Lopez"),
        ("Tom Grant welcomed Maria Lopez’s call for “a new bridge by spring.”", "Maria Lopez"),
    ],
)
def test_the_speaker_is_the_subject_of_the_cue(text: str, speaker: str) -> None:
    found = speakers(text)
    assert found, text
    assert all(who == speaker for _quote, who in found), found


def test_pronouns_resolve_to_the_nearest_compatible_named_subject() -> None:
    text = (
        "Maria Lopez said her team was ready. Tom Grant said he agreed with her.\n\n"
        "“We start on Monday,” she said. “It will take a year,” he added."
    )
    assert speakers(text) == [
        ("We start on Monday,", "Maria Lopez"),
        ("It will take a year,", "Tom Grant"),
    ]


def test_a_pronoun_with_no_antecedent_gets_no_speaker() -> None:
    assert speakers("“We start on Monday and finish next year,” she said.") == [
        ("We start on Monday and finish next year,", None)
    ]


def test_unnamed_sources_get_no_speaker() -> None:
    text = (
        "Maria Lopez opened the bridge. Others mocked it, writing “what a waste of money "
        "this is.” A local resident said “it is far too narrow for trucks.”"
    )
    assert [who for _quote, who in speakers(text)] == [None, None]


def test_a_role_description_is_the_person_already_named() -> None:
    text = (
        "Gov. Maria Lopez said on Monday that she is “willing to talk,” and the Oregon "
        "governor suggested she could act as a “go-between” for both sides.\n\n"
        "“We lost but we played well tonight,” the former harbour chief concluded."
    )
    assert [who for _quote, who in speakers(text)] == ["Maria Lopez"] * 3


def test_follow_on_paragraphs_inherit_the_speaker_until_a_new_cue() -> None:
    text = (
        "“The bridge comes first,” Maria Lopez said.\n\n"
        "“Then the school, and then the road to the harbour.”\n\n"
        "Tom Grant disagreed. “The school must come first,” he said."
    )
    assert speakers(text) == [
        ("The bridge comes first,", "Maria Lopez"),
        ("Then the school, and then the road to the harbour.", "Maria Lopez"),
        ("The school must come first,", "Tom Grant"),
    ]


def test_a_quotation_interrupted_by_its_attribution_is_two_quotes_by_one_speaker() -> None:
    text = "“The bridge comes first,” Maria Lopez said. “Then the school, then the road.”"
    assert [who for _quote, who in speakers(text)] == ["Maria Lopez", "Maria Lopez"]


def test_an_inner_quotation_gets_its_own_speaker_only_when_the_text_names_one() -> None:
    text = (
        "“Then Tom Grant texted me: ‘I am so sorry about the bridge vote today,’” Maria "
        "Lopez said. “He told me ‘we hate each other’ but I laughed.”"
    )
    found = speakers(text)
    assert ("I am so sorry about the bridge vote today,", "Tom Grant") in found
    assert all(quote != "we hate each other" for quote, _who in found)


def test_every_quote_is_tagged_with_the_rule_that_found_it() -> None:
    article = extract_article("“We will rebuild the bridge by spring,” Maria Lopez said.")
    assert [quote.rule for quote in article.quotes] == ["cue-after"]


def test_british_single_marks_and_a_spokesperson_for_an_organisation() -> None:
    text = (
        "The chief executive of Eastline Buses, Nora Quill, apologised on Monday.\n\n"
        "Speaking to reporters, Ms Quill said: 'We have let our passengers down badly.'\n\n"
        "A spokesperson for the Harbour Drivers Union said the cuts were 'the result of "
        "years of neglect'.\n\n"
        "A source close to the board said it was 'only a matter of time'."
    )
    assert [who for _quote, who in speakers(text)] == [
        "Nora Quill",
        "Harbour Drivers Union",
        None,
    ]


def test_reporting_shapes_from_wire_copy() -> None:
    text = (
        "Asked whether the harbour would reopen, Nora Quill replied that “no one knows yet” "
        "but that work continued.\n\n"
        "“We are committed to reopening the harbour this year.” Quill said on Tuesday. "
        "“We will stay the course.”\n\n"
        "“The board is behind schedule and they know it,” said Tom Reyes, an analyst at "
        "Seaport Research."
    )
    assert [who for _quote, who in speakers(text)] == [
        "Nora Quill",
        "Nora Quill",
        "Nora Quill",
        "Tom Reyes",
    ]


def test_a_possessive_speech_noun_introducing_a_quote() -> None:
    text = "Nora Quill's full statement, which the board ignored, read: “We stand ready now.”"
    assert speakers(text) == [("We stand ready now.", "Nora Quill")]


@pytest.mark.parametrize("verb", ["joked", "quipped", "gushed", "fumed", "teased", "mused"])
def test_inversion_with_any_reporting_verb(verb: str) -> None:
    text = f"“Now I just need each of you to send me a dollar,” {verb} Nora Quill."
    assert speakers(text) == [("Now I just need each of you to send me a dollar,", "Nora Quill")]


def test_sports_report_shapes() -> None:
    text = (
        "“We were unlucky, simple as that,” said coach Mark Riley after the match.\n"
        "The 45-year-old added: “We go again next week and we will be ready.”\n"
        "Smith’s agent, Paula Grey, said the striker was “fully committed to the club.”\n"
        "The owners were “disappointed with the result,” according to a statement from "
        "Riverside Holdings.\n"
        "“It was not good enough,” she told Sky Sports News."
    )
    assert [who for _quote, who in speakers(text)] == [
        "Mark Riley",
        "Mark Riley",
        "Paula Grey",
        "Riverside Holdings",
        "Paula Grey",
    ]


def test_list_style_credits_after_a_quotation() -> None:
    text = (
        "“There is a stereotype that only the young are beautiful, and I want to end it.”\n"
        "— Dana Banks, on her return to modeling\n\n"
        '"It is all about the rhythm, really." -- Benny Man, the reggae singer.\n\n'
        "“My heart is with them and all my love goes to them.” Jon Vale, after the birth.\n\n"
        "“It is over and everyone knows it now.” Jon Vale, however, was not convinced."
    )
    assert [who for _quote, who in speakers(text)] == [
        "Dana Banks",
        "Benny Man",
        "Jon Vale",
        "Jon Vale",  # no credit: the follow-on rule gives the previous speaker
    ]


def test_non_verb_cues() -> None:
    text = (
        "A statement from the Harbour Authority: “We regret the delay to everyone.”\n\n"
        "Nora Quill was quoted as saying “the harbour will reopen soon enough.”\n\n"
        "Tom Reyes’s statement said “the harbour is safe for every boat.”"
    )
    assert [who for _quote, who in speakers(text)] == [
        "Harbour Authority",
        "Nora Quill",
        "Tom Reyes",
    ]


def test_wire_shapes_with_organisations_and_titles() -> None:
    text = (
        "Police arrested a man on Monday, the Harbour Police Department said on Twitter.\n\n"
        "“More information will follow later today,” the statement said.\n\n"
        "“We have just been told that he was arrested,” Eastport police chief Rob van "
        "Bree told a news conference.\n\n"
        "Mrs Nora Quill, 54, who joined the board in 2019, insisted: “The plan is working.”\n\n"
        "Volunteers handed out leaflets, urging people to “stay safe tonight”."
    )
    assert [who for _quote, who in speakers(text)] == [
        "Harbour Police Department",
        "Rob van Bree",
        "Nora Quill",
        None,
    ]


def test_a_coordinated_infinitive_and_a_verbless_fragment() -> None:
    text = (
        "Nora Quill took the stage. The joke fell flat, leaving her to tap the microphone "
        "and quip: “Is this thing even on tonight?”\n\n"
        "Finally adding: “Tough crowd, tough crowd tonight.”"
    )
    assert [who for _quote, who in speakers(text)] == ["Nora Quill", "Nora Quill"]


def test_business_news_shapes() -> None:
    text = (
        "Harbour Bank Disputes Report on Loans\n"
        "Northwind appeared to play down the report on Monday.\n"
        "The company later issued a statement saying: “We do not comment on rumours.”\n"
        "Anne Varga, the general counsel and chief compliance officer at the Harbour Bank, "
        "said the bank stood by its findings.\n"
        "Tom Reyes, a spokesman for Northwind, declined to elaborate.\n"
        "“We welcome any regulatory inquiry,” she said in a statement."
    )
    article = extract_article(text)
    assert article.title == "Harbour Bank Disputes Report on Loans"
    assert [who for _quote, who in speakers(text)] == ["Northwind", "Anne Varga"]


def test_headline_style_present_tense_and_quoting_a_source() -> None:
    text = (
        "Nora Quill leads Eastport to a first title in 14 years: “This win means a lot.”\n\n"
        "Quoting Tom Reyes after the final: “Games never go the way you draw them up.”"
    )
    assert [who for _quote, who in speakers(text)] == ["Nora Quill", "Tom Reyes"]


def test_a_quotation_then_a_colon_then_its_speaker() -> None:
    text = "‘We will fight on until the very end’: Nora Quill vows to save the harbour."
    assert speakers(text) == [("We will fight on until the very end", "Nora Quill")]


def test_a_pronoun_does_not_reach_far_back_for_a_speaker() -> None:
    text = (
        "Maria Lopez opened the bridge in May. The river rose in June. The rain kept "
        "falling. The roads closed. The schools shut early. The harbour flooded.\n\n"
        "“We will rebuild all of it next year,” she said."
    )
    assert speakers(text) == [("We will rebuild all of it next year,", None)]


def test_a_short_sentence_continuing_an_attributed_quotation() -> None:
    text = "‘The union will fight this all the way,’ said Tom Reyes. ‘We’re ready.’"
    assert [who for _quote, who in speakers(text)] == ["Tom Reyes", "Tom Reyes"]
