"""Who said it: the subject of the speech cue's clause, resolved to a named person.

Works on "masked" paragraphs, where the words inside top-level quotation marks are hidden,
so cue words and names inside quotations never attribute anything. The rules, in order:
an attribution right after the quotation ("…,” X said", "…,” said X", "…” —X", "according
to X"); a possessive cue right before it ("X's call for “…”"); the nearest cue verb before it
in the same sentence, whose subject is found by walking left over adverbs, appositions and
relative clauses ("X, who replaced Y, said"), or for participles ("…, telling him “…”") the
main clause's subject; a colon after a clause ("Khloe cuts in: “…”"). Pronouns and
descriptions ("the rapper") resolve to the nearest compatible named subject within a few
sentences, else to nobody: no guessing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.extraction.cues import (
    AMBIGUOUS_FORMS,
    CUE_FORMS,
    INVERTING,
    REPORTING_FORMS,
    SPEECH_NOUNS,
)
from bot.extraction.discourse import Discourse, Document, first_name_gender
from bot.extraction.lexicon import (
    AUX,
    BARE_AFTER_CUE,
    CUE_WINDOW,
    DETERMINERS,
    FEMALE_WORDS,
    FIRST_PERSON,
    MALE_WORDS,
    PERSON_HEADS,
    PLATFORMS,
    PLURAL_HEADS,
    PRONOUNS,
    ROLE_ABBREVIATIONS,
    SOURCE_HEADS,
    SUBJECT_PRONOUNS,
    THING_HEADS,
    TOPIC_WORDS,
    UNNAMED_HEADS,
)
from bot.extraction.phrases import (
    MASK,
    NounPhrase,
    ParagraphView,
    Token,
    is_unnamed,
    low_is_noun,
    main_subject,
    modifies_thing,
    np_ending,
    np_left,
    np_right,
    source_of,
    starts_clause,
    tokenize,
    verb_like,
)
from bot.extraction.speakers import SpeakerRegistry, fold, looks_like_organisation

_WORD_RE = re.compile(r"[A-Za-z]+")
_DASHES = frozenset("—–-")


@dataclass
class Attribution:
    speaker: str | None
    rule: str
    governed: bool = False  # a reporting cue introduces the span
    evaluative: bool = False  # only an evaluating verb (lauded, ripped…) is nearby
    cue_word: str = ""


class Attributor:
    """Attribute quotations of one document, sentence by sentence, in reading order."""

    def __init__(self, document: Document, registry: SpeakerRegistry, discourse: Discourse):
        self.document = document
        self.registry = registry
        self.discourse = discourse
        self.last_speaker: str | None = None
        # Short name forms resolved although they fit several people, for the rule tag.
        self.ambiguous_names: list[str] = []

    # -- noun phrases to people -------------------------------------------------------
    def resolve(
        self, phrase: NounPhrase | None, sentence: int, speaking: bool = False
    ) -> str | None:
        if phrase is None:
            return None
        if phrase.kind == "mention":
            if self.registry.is_ambiguous(phrase.text):
                self.ambiguous_names.append(phrase.text)
            return self.registry.canonical(phrase.text)
        if phrase.kind == "pronoun":
            if phrase.text in FIRST_PERSON:
                return None
            return self.discourse.resolve(PRONOUNS[phrase.text], sentence, phrase.start)
        determiner = phrase.text.split()[0].lower() if phrase.text.split() else ""
        head = phrase.head.lower()
        if phrase.names and (head in SOURCE_HEADS or fold(phrase.names[-1]) == fold(head)):
            return self.registry.canonical(phrase.names[-1])
        if determiner not in {"the", "this", "that", "these", "those"}:
            return None  # "a little girl", "others": a new, unnamed referent
        if head in UNNAMED_HEADS:
            return None
        if head in THING_HEADS:
            if not speaking:
                return None
            # "X's office released a statement. … “…,” the statement read.": whoever
            # issued the statement last mentioned; else the organisation just named.
            return self._issuer_of(head, sentence) or self._recent_organisation(sentence, phrase)
        if head in PLURAL_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS):
            return self.discourse.resolve("p", sentence, phrase.start, description=True)
        if head in PERSON_HEADS or head.endswith(("-maker", "-winner", "-old")) or speaking:
            # A definite description that speaks ("the Kentucky senator suggested", "the
            # former club gaffer concluded") is someone already named: this clause's own
            # subject, else the one recent person whose title fits, else the nearest.
            words = {word.lower() for word in phrase.text.split()}
            gender = "f" if words & FEMALE_WORDS else "m" if words & MALE_WORDS else None
            own = self._clause_subject(sentence, phrase)
            if own is not None:
                return own
            titled = self._title_match(head, sentence)
            if titled is not None:
                return titled
            return self.discourse.resolve(gender, sentence, phrase.start, description=True)
        return None

    def _issuer_of(self, head: str, sentence: int) -> str | None:
        """The subject of the last of five sentences before that mentions ``head``."""
        if head not in SPEECH_NOUNS:
            return None
        for index in range(sentence - 1, max(-1, sentence - 6), -1):
            if any(token.low == head for token in self.document.tokens(index)):
                return self.discourse.subject_of(index)
        return None

    def _recent_organisation(self, sentence: int, phrase: NounPhrase) -> str | None:
        """The one organisation named in this or the previous sentence (before ``phrase``)."""
        found: list[str] = []
        for index in (sentence, sentence - 1):
            if index < 0:
                continue
            for position, name in self.document.sentences[index].persons:
                if index == sentence and position >= phrase.start:
                    continue
                if name.lower() in PLATFORMS:
                    continue  # "said on Twitter": where, not who
                if looks_like_organisation(name) and name not in found:
                    found.append(name)
        if len(found) > 1:
            found = [name for name in found if " " in name]  # "Police … the X Department"
        if not found and sentence > 0:
            # No name says "organisation", but the previous sentence is about a one-word
            # name that is no person's first name: "AstraZeneca appeared to …".
            subject = self.discourse.subject_of(sentence - 1)
            if (
                subject
                and " " not in subject
                and subject.lower() not in PLATFORMS
                and first_name_gender(subject) is None
                and fold(subject) not in self.discourse.genders()
            ):
                found = [subject]
        if not found and phrase.head in {"company", "firm"}:
            found = self._main_company(sentence)
        return found[0] if len(found) == 1 else None

    def _main_company(self, sentence: int) -> list[str]:
        """'“…” The company said.': the company the article is about — the one-word
        non-person name mentioned most often so far, if it leads and is named twice."""
        counts: dict[str, int] = {}
        for index in range(0, sentence):
            for _position, name in self.document.sentences[index].persons:
                if (
                    name in self.discourse.person_like
                    or first_name_gender(name) is not None
                    or fold(name) in self.discourse.genders()
                ):
                    continue
                counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return []
        return [ranked[0][0]]

    def _clause_subject(self, sentence: int, phrase: NounPhrase) -> str | None:
        """'X said …, and the senator suggested': the sentence's named subject before it."""
        if sentence < 0:
            return None
        subject, _joint = self.document.subject(sentence)
        if subject is None or subject.kind != "mention" or subject.end > phrase.start:
            return None
        name = self.registry.canonical(subject.text)
        return name if name in self.discourse.person_like else None

    def _title_match(self, head: str, sentence: int) -> str | None:
        """The one person in the last few sentences whose title fits the role noun."""
        wanted = {head, ROLE_ABBREVIATIONS.get(head, head)}
        found: list[str] = []
        for index in range(sentence, max(-1, sentence - 8), -1):
            for _pos, name in reversed(self.document.sentences[index].persons):
                title = self.registry.title_for(name)
                words = {w.strip(".,").lower() for w in title.split()} if title else set()
                if wanted & words and name not in found:
                    found.append(name)
        return found[0] if len(found) == 1 else None

    def _nearest_person(
        self, view: ParagraphView, tokens: list[Token], c: int, sentence: int
    ) -> str | None:
        """Fallback: the closest name or personal pronoun before the cue in its sentence."""
        for token in reversed(tokens[:c]):
            mention = view.mention_ending(token.end)
            if mention is not None:
                name = self.registry.canonical(mention.name)
                if name in self.discourse.person_like:
                    return name
            if token.low in {"he", "him", "his", "she", "her"}:
                return self.discourse.resolve(PRONOUNS[token.low], sentence, token.start)
        return None

    # -- the cue after the quotation ------------------------------------------------------
    def after(
        self, paragraph: int, position: int, ends_sentence: bool = False
    ) -> Attribution | None:
        """An attribution right after the closing mark: "…,” X said" / "…,” said X"."""
        view = self.document.views[paragraph]
        text = view.text
        window = text[position : position + 160]
        if not _DASHES.intersection(window[:4]) and not any(
            word.lower() in CUE_FORMS or word.lower() in {"according", "read", "reads"}
            for word in _WORD_RE.findall(window)
        ):
            return None  # no cue, credit or "according to" after the quotation: cheap exit
        tokens = tokenize(text, position, min(len(text), position + 160))
        sentence = self.document.sentence_at(paragraph, position)
        k = 0
        while k < len(tokens) and tokens[k].text in {",", "!", "?", ":"}:
            k += 1
        if k >= len(tokens) or tokens[k].text in {".", ";"}:
            return None  # "…”. Her comments…": the sentence ended with the quotation
        first = tokens[k]
        credit = self._dash_credit(view, tokens, k)
        if credit is not None:
            return credit
        if ends_sentence and not self._bare_attribution(view, tokens, k):
            return None  # “… done.” He said the plan…: a new sentence, not an attribution
        if first.low == "according" and k + 1 < len(tokens) and tokens[k + 1].low == "to":
            phrase = source_of(view, tokens, k + 2, np_right(view, tokens, k + 2))
            if phrase is not None:
                return Attribution(
                    self.resolve(phrase, sentence), "according-to-after", governed=True
                )
        if first.low in INVERTING:
            phrase = np_right(view, tokens, k + 1)
            if phrase is not None and phrase.kind == "description":
                # "said the coordinator, Chad Wester.": the name in apposition.
                named = self._apposed_name(view, tokens, phrase)
                phrase = named or phrase
            if (phrase is not None and phrase.kind != "pronoun") or (
                phrase is not None and phrase.text in {"he", "she"}
            ):
                return Attribution(
                    self.resolve(phrase, sentence, speaking=True),
                    "inversion",
                    governed=True,
                    cue_word=first.low,
                )
        for c in range(k, min(len(tokens), k + 14)):
            token = tokens[c]
            initial = token.text == "." and len(tokens[c - 1].text) == 1 and c > k
            if (token.text in {".", ";", ":", "!", "?"} and not initial) or MASK in token.text:
                break
            if token.low in {"read", "reads"} and c > k:
                # "…,” the statement read.: a document's wording, credited to its issuer.
                document = np_left(view, tokens, c)
                if document is not None and document.head in SPEECH_NOUNS:
                    speaker = self.resolve(document, sentence, speaking=True)
                    return Attribution(speaker, "document-reads", governed=True)
            if token.low not in CUE_FORMS or c == k or _inside_name(view, token):
                continue
            if token.low.endswith("ing") and tokens[c - 1].low not in {"heard", "seen", "caught"}:
                continue
            if low_is_noun(tokens, c):
                return None
            if token.low in AMBIGUOUS_FORMS and not self._verb_reading(view, tokens, c):
                continue
            if token.low in {"cited", "cites", "quoted", "quotes"}:
                # "…,” the agency cited Jo Bell as telling reporters: the one cited speaks.
                cited = self._cited_as(view, tokens, c)
                if cited is not None:
                    return Attribution(cited, "quoted-as", governed=True, cue_word=token.low)
            phrase = np_left(view, tokens, c)
            if phrase is None or not starts_clause(view, tokens, k, phrase):
                return None
            if phrase.kind == "description" and phrase.text.split()[0].lower() not in (DETERMINERS):
                return None  # "…” and predicted …": no subject right after the quotation
            speaker = self.resolve(phrase, sentence, speaking=True)
            return Attribution(
                speaker,
                "cue-after",
                governed=token.low in REPORTING_FORMS,
                evaluative=token.low not in REPORTING_FORMS,
                cue_word=token.low,
            )
        return None

    def _cited_as(self, view: ParagraphView, tokens: list[Token], c: int) -> str | None:
        """The name right after 'cited'/'quoted' when 'as' follows it."""
        cited = np_right(view, tokens, c + 1)
        if cited is None or cited.kind != "mention":
            return None
        following = [t for t in tokens[c + 1 :] if t.start >= cited.end][:1]
        if not following or following[0].low != "as":
            return None
        return self.registry.canonical(cited.text)

    def _apposed_name(
        self, view: ParagraphView, tokens: list[Token], phrase: NounPhrase
    ) -> NounPhrase | None:
        """The name right after ', ' that follows ``phrase``, closing its clause."""
        after = [t for t in tokens if t.start >= phrase.end][:2]
        if len(after) < 2 or after[0].text != ",":
            return None
        mention = view.mention_starting(after[1].start)
        if mention is None or " " not in mention.name:
            return None
        rest = view.text[mention.end : mention.end + 2].lstrip()[:1]
        if rest not in {"", ".", ",", ";"}:
            return None
        return NounPhrase("mention", mention.name, mention.start, mention.end)

    def _dash_credit(self, view: ParagraphView, tokens: list[Token], k: int) -> Attribution | None:
        """'“…” — Name, on …' / '“…” -- Name': a dash credit after the quotation."""
        while k < len(tokens) and tokens[k].text in {"—", "–", "-"}:
            k += 1
        if k == 0 or tokens[k - 1].text not in {"—", "–", "-"} or k >= len(tokens):
            return None
        phrase = np_right(view, tokens, k)
        if phrase is None or phrase.kind != "mention":
            return None
        if any(ch.isdigit() for ch in phrase.text):
            return None  # "‘…’ – P10": a page reference, not a person
        return Attribution(self.registry.canonical(phrase.text), "dash-credit", governed=True)

    def credit_line(self, paragraph: int) -> Attribution | None:
        """A paragraph that is only a credit ('— Name, on her new film') names the speaker
        of the quotation just before it."""
        if paragraph >= len(self.document.views):
            return None
        view = self.document.views[paragraph]
        tokens = tokenize(view.text, 0, min(len(view.text), 120))
        if not tokens or tokens[0].text not in {"—", "–", "-"}:
            return None
        found = self._dash_credit(view, tokens, 0)
        return Attribution(found.speaker, "credit-line", governed=True) if found else None

    def name_credit(self, paragraph: int, position: int) -> Attribution | None:
        """'“…” Jon Vale, after his daughter gave birth.': a list-style credit, a bare name
        right after a quotation that opens its paragraph, then a comma or the end."""
        view = self.document.views[paragraph]
        tokens = tokenize(view.text, position, min(len(view.text), position + 160))
        if not tokens:
            return None
        mention = view.mention_starting(tokens[0].start)
        if mention is None:
            return None
        rest = view.text[mention.end : mention.end + 40]
        if rest.strip() and rest.strip()[0] not in ",.;(":
            return None
        following = tokenize(rest, 0)
        nxt = following[1] if len(following) > 1 and following[0].text == "," else None
        if nxt is not None and (
            verb_like(nxt) or nxt.low in {"however", "though", "meanwhile", "too", "also"}
        ):
            return None  # "“…” Smith, however, was not convinced."
        return Attribution(self.registry.canonical(mention.name), "name-credit", governed=True)

    def _bare_attribution(self, view: ParagraphView, tokens: list[Token], k: int) -> bool:
        """'“…done.” Paul said on Fox.': a name and a cue with nothing reported after it."""
        for c in range(k + 1, min(len(tokens), k + 8)):
            if tokens[c].low in CUE_FORMS:
                nxt = tokens[c + 1].low if c + 1 < len(tokens) else "."
                return nxt in BARE_AFTER_CUE
        return False

    # -- the cue before the quotation -----------------------------------------------------
    def before(self, paragraph: int, open_position: int) -> Attribution | None:
        view = self.document.views[paragraph]
        sentence = self.document.sentence_at(paragraph, open_position)
        if sentence < 0:
            return None
        all_tokens = self.document.tokens(sentence)
        cut = bisect_right(self.document.token_ends(sentence), open_position)
        # Cues sit close to their quotation; a bounded window keeps giant sentences linear.
        tokens = all_tokens[max(0, cut - CUE_WINDOW) : cut]
        possessive = self._possessive(view, tokens)
        if possessive is not None:
            return Attribution(possessive, "possessive-cue", governed=True)
        for c in range(len(tokens) - 1, -1, -1):
            token = tokens[c]
            if MASK in token.text:
                continue
            low = token.low
            if low == "according" and c + 1 < len(tokens) and tokens[c + 1].low == "to":
                phrase = source_of(view, all_tokens, c + 2, np_right(view, tokens, c + 2))
                if phrase is not None:
                    return Attribution(self.resolve(phrase, sentence), "according-to", True)
                continue
            if low not in CUE_FORMS or _inside_name(view, token):
                continue  # not a cue word, or a name that spells one ("Russell Brand")
            if low in AMBIGUOUS_FORMS and not self._verb_reading(view, tokens, c):
                continue
            if low_is_noun(tokens, c):
                continue  # "his text", "a call", "no mention of": a noun
            if _passive_by(tokens, c):
                continue  # "a silence observed by officers": the verb reports no speech
            if _in_relative_clause(tokens, c):
                continue  # "says those who have blasted her are “mean”": an aside
            if low not in REPORTING_FORMS and _outer_report(tokens, c):
                # "Cameron said Brown had lauded his record but had presided over the “…”":
                # the evaluating verb has its own object; the quotation sits in a later
                # clause of what the earlier reporting verb reports.
                continue
            if low.endswith("ing") and c > 0 and modifies_thing(view, tokens, c):
                continue  # "her statement announcing her split": not the speech cue
            if low in {"quoting", "quote", "quotes", "quoted", "citing", "cites", "cited"}:
                quoted = np_right(view, tokens, c + 1)
                if quoted is not None and quoted.kind == "mention":
                    # "Quoting Steve Sarkisian after the win: “…”": the object is the source.
                    return Attribution(
                        self.registry.canonical(quoted.text), "quoting", governed=True
                    )
            speaker, rule, explicit_unnamed = self._subject_of_cue(
                sentence, view, tokens, all_tokens, c
            )
            if speaker is None and not explicit_unnamed:
                speaker = self._nearest_person(view, tokens, c, sentence)
                rule += "+nearest"
            return Attribution(
                speaker,
                rule,
                governed=low in REPORTING_FORMS,
                evaluative=low not in REPORTING_FORMS,
                cue_word=low,
            )
        if tokens and tokens[-1].text == ":":
            if (
                all_tokens[0].low in TOPIC_WORDS
                and len(all_tokens) > 2
                and not any(verb_like(token) for token in all_tokens[1:-1])
            ):
                # "On the referee: “…”": a topic label in an interview write-up; the answer
                # is the last speaker's, if quoted within a few sentences.
                recent = sentence - self.discourse.last_speaker_at <= 3
                return Attribution(self.last_speaker if recent else None, "topic-label", True)
            owner = self._possessive_subject(view, all_tokens)
            if owner is not None:
                return Attribution(owner, "possessive-subject", governed=True)
            source = view.mention_ending(tokens[-2].end) if len(tokens) >= 3 else None
            if source is not None:
                before = [t.low for t in tokens if t.end <= source.start][-2:]
                if before and (before[-1] in {"from", "by"} or before == ["from", "the"]):
                    # "A statement from the Harbour Authority: “…”"
                    return Attribution(
                        self.registry.canonical(source.name), "from-source", governed=True
                    )
            phrase, joint = main_subject(view, all_tokens)
            speaker = self._joint(joint) if joint else self.resolve(phrase, sentence, speaking=True)
            if phrase is None and not joint:
                label = self._label_person(view, all_tokens)
                if label is not None:
                    return Attribution(label, "label-colon", governed=True)
                # "X says …. But some things won’t fly:": a subjectless colon clause goes
                # on with the reported speech of the sentence before, in this paragraph.
                earlier = self._previous_report(paragraph, sentence)
                if earlier is not None:
                    return earlier
            return Attribution(speaker, "colon-intro", governed=True)
        return None

    def _previous_report(self, paragraph: int, sentence: int) -> Attribution | None:
        if sentence < 1 or self.document.sentences[sentence - 1].paragraph != paragraph:
            return None
        end = self.document.sentences[sentence - 1].end
        found = self.before(paragraph, max(0, end - 1)) if end > 0 else None
        if found is None or found.speaker is None or not found.governed:
            return None
        return Attribution(found.speaker, "colon-continues", governed=True)

    def _label_person(self, view: ParagraphView, tokens: list[Token]) -> str | None:
        """'Tim Reed upset with the coaching: “…”', 'Bo Lind on beating his brother: “…”': a
        verbless label before a colon, opening with a person's name, names the speaker."""
        mention = view.mention_starting(tokens[0].start) if tokens else None
        if mention is None:
            return None
        name = self.registry.canonical(mention.name)
        if looks_like_organisation(name):
            return None
        if name in self.discourse.person_like or first_name_gender(name) is not None:
            return name
        return None

    def _possessive_subject(self, view: ParagraphView, tokens: list[Token]) -> str | None:
        """'Senator Coons' full quote, which …, is: “…”': the owner of a speech noun."""
        for index, token in enumerate(tokens[:12]):
            if not token.text.endswith(("’s", "'s", "s’", "s'")):
                continue
            bare_end = token.end - (1 if token.text.endswith(("’", "'")) else 2)
            mention = view.mention_ending(bare_end)
            following = [t.low for t in tokens[index + 1 : index + 4]]
            if mention is not None and any(word in SPEECH_NOUNS for word in following):
                return self.registry.canonical(mention.name)
            return None
        return None

    def _joint(self, names: tuple[str, ...]) -> str:
        return " and ".join(self.registry.canonical(name) for name in names)

    def _verb_reading(self, view: ParagraphView, tokens: list[Token], c: int) -> bool:
        """'West texted him', 'reports that …': the verb, not the noun ('a text message')."""
        previous = tokens[c - 1] if c > 0 else None
        owner = view.mention_ending(previous.end) if previous is not None else None
        if owner is not None:
            # "the Mail on Sunday report": a name inside a noun phrase, not a subject —
            # unless nothing follows but the end of the clause ("…,” the Bugle reports.").
            before = [t for t in tokens[:c] if t.end <= owner.start]
            ending = c + 1 >= len(tokens) or tokens[c + 1].text in {".", ",", ";", ":", "that"}
            if before and before[-1].low in DETERMINERS and not ending:
                return False
        if previous is not None and (
            owner is not None
            or previous.low in SUBJECT_PRONOUNS
            or previous.low in AUX
            or previous.low in {"also", "then", "who", "which", "and", "later", "once"}
        ):
            return True
        nxt = tokens[c + 1].low if c + 1 < len(tokens) else ":"
        content_word_before = previous is not None and previous.text[:1].isalpha()
        return nxt in {":", ",", "that"} and not content_word_before

    def _possessive(self, view: ParagraphView, tokens: list[Token]) -> str | None:
        """'Legend’s call for “…”', 'Buffett's statement that “…”', 'in X's book, ‘…’'."""
        words = [t for t in tokens if MASK not in t.text]
        tail = words[-6:]
        for index, token in enumerate(tail):
            if token.low not in SPEECH_NOUNS:
                continue
            rest = [t.low for t in tail[index + 1 :]]
            if any(
                word
                not in {
                    "for",
                    "that",
                    "of",
                    "on",
                    "about",
                    ",",
                    ":",
                    "to",
                    "was",
                    "is",
                    "read",
                    "reads",
                    "said",
                    "says",
                    "-",
                    "—",
                }
                for word in rest
            ):
                continue
            owner_index = tokens.index(token) - 1
            # allow one adjective between: "Buffett's latest statement"
            for back in (owner_index, owner_index - 1):
                if back < 0:
                    break
                owner = tokens[back].text
                if owner.endswith(("’s", "'s", "’", "'")):
                    bare = owner.rstrip("s").rstrip("’'")
                    end = tokens[back].start + len(bare)
                    mention = view.mention_ending(end)
                    if mention is not None:
                        return self.registry.canonical(mention.name)
        return None

    def _subject_of_cue(
        self,
        sentence: int,
        view: ParagraphView,
        tokens: list[Token],
        all_tokens: list[Token],
        c: int,
        depth: int = 0,
    ) -> tuple[str | None, str, bool]:
        low = tokens[c].low
        previous = tokens[c - 1] if c > 0 else None
        prev_low = previous.low if previous else ""
        if low.endswith("ing") and prev_low not in {"is", "was", "heard", "were", "are", "be"}:
            if previous is not None and previous.text not in {",", "and", "—", "-", "–"}:
                phrase = np_ending(view, tokens, c - 1)
                if phrase is not None and (
                    phrase.kind == "mention"
                    or (phrase.kind == "description" and phrase.head in PERSON_HEADS)
                ):
                    return self.resolve(phrase, sentence), "participle-reduced", True
            # "X ripped West …, telling him …": the subject of the clause's earlier cue.
            if depth < 3:
                for v in range(c - 1, -1, -1):
                    word = tokens[v].low
                    if (
                        word in CUE_FORMS
                        and not low_is_noun(tokens, v)
                        and (word not in AMBIGUOUS_FORMS or self._verb_reading(view, tokens, v))
                    ):
                        if word.endswith("ing") and modifies_thing(view, tokens, v):
                            continue
                        speaker, rule, unnamed = self._subject_of_cue(
                            sentence, view, tokens, all_tokens, v, depth + 1
                        )
                        if speaker is not None or unnamed:
                            return speaker, "participle-of-" + rule, unnamed
                        break
            phrase, joint = main_subject(view, all_tokens)
            if joint:
                return self._joint(joint), "participle-main", False
            if phrase is not None:
                return self.resolve(phrase, sentence), "participle-main", is_unnamed(phrase)
            first = next((t for t in all_tokens if t.text[:1].isalpha()), None)
            if first is not None and first.low in UNNAMED_HEADS | {"many", "some", "several"}:
                return None, "participle-unnamed", True  # "Others are …, writing …"
            if any(verb_like(token) for token in tokens[:c]):
                return None, "participle-unnamed", True  # "workers handed out …, urging …"
            # "Finally adding: “…”": a verbless fragment continues the last speaker.
            if sentence - self.discourse.last_speaker_at > 3:
                return None, "participle-fragment", False
            return self.last_speaker, "participle-fragment", False
        if prev_low == "to" and c >= 2:
            phrase = np_ending(view, tokens, c - 2)
            if phrase is not None and phrase.text.lower() in FIRST_PERSON:
                phrase = None  # "X emailed me to say": the writer is no speaker; X is
            if phrase is not None and phrase.kind in {"mention", "pronoun"}:
                return self._resolve_object(phrase, sentence), "infinitive", False
            if phrase is not None and phrase.kind == "description":
                return self.resolve(phrase, sentence), "infinitive", is_unnamed(phrase)
            phrase, joint = main_subject(view, all_tokens)
            return self.resolve(phrase, sentence), "infinitive-main", False
        if prev_low in {"and", "or", "but"}:
            # "leaving him to tap his microphone and quip:": the infinitive's subject.
            for t in range(c - 2, max(0, c - 8), -1):
                if not tokens[t].text[:1].isalnum():
                    break
                if tokens[t].low == "to":
                    phrase = np_ending(view, tokens, t - 1)
                    if phrase is not None and phrase.kind in {"mention", "pronoun"}:
                        return self._resolve_object(phrase, sentence), "coordinated-to", False
                    break
            # "X pointed out … and joked:": the subject of the first verb.
            for v in range(c - 2, max(-1, c - 14), -1):
                if verb_like(tokens[v]) and tokens[v].low not in AUX:
                    phrase = np_left(view, tokens, v)
                    if phrase is not None:
                        return self.resolve(phrase, sentence), "coordinated", is_unnamed(phrase)
                    break
            phrase, joint = main_subject(view, all_tokens)
            if joint:
                return self._joint(joint), "coordinated", False
            return self.resolve(phrase, sentence), "coordinated", False
        phrase = np_left(view, tokens, c)
        if phrase is None:
            phrase, joint = main_subject(view, all_tokens)
            if joint:
                return self._joint(joint), "cue-main", False
            return self.resolve(phrase, sentence), "cue-main", False
        return self.resolve(phrase, sentence, speaking=True), "cue-before", is_unnamed(phrase)

    def _resolve_object(self, phrase: NounPhrase, sentence: int) -> str | None:
        if phrase.kind == "pronoun" and phrase.text in {"him", "her", "them"}:
            gender = PRONOUNS[phrase.text]
            return self.discourse.resolve(gender, sentence, phrase.start)
        return self.resolve(phrase, sentence)


def _passive_by(tokens: list[Token], c: int) -> bool:
    """'which was also observed by officers': a cue verb in the passive with its agent."""
    if c + 1 >= len(tokens) or tokens[c + 1].low != "by":
        return False
    for back in range(c - 1, max(-1, c - 3), -1):
        if tokens[back].low in {"was", "were", "been", "being", "is", "are", "be"}:
            return True
        if not tokens[back].low.endswith("ly") and tokens[back].low not in {"also", "then"}:
            return False
    return False


def _in_relative_clause(tokens: list[Token], c: int) -> bool:
    """'those who have blasted her': the cue verb of a relative clause right after 'who'."""
    back = c - 1
    while back >= 0 and (tokens[back].low in AUX or tokens[back].low.endswith("ly")):
        back -= 1
    return back >= 1 and tokens[back].low == "who" and tokens[back - 1].text != ","


def _inside_name(view: ParagraphView, token: Token) -> bool:
    """A capitalised word ending a name ('Russell Brand', 'Ann Post') is no cue verb."""
    return token.text[:1].isupper() and view.mention_ending(token.end) is not None


def _outer_report(tokens: list[Token], c: int) -> bool:
    """A reporting verb earlier in the sentence, and another verb between ``c`` and the
    quotation: the cue at ``c`` does not govern the quotation."""
    later_verb = any(
        verb_like(t) and t.low not in AUX and t.low not in CUE_FORMS for t in tokens[c + 1 :]
    )
    earlier_report = any(
        t.low in REPORTING_FORMS and not low_is_noun(tokens, k) for k, t in enumerate(tokens[:c])
    )
    return later_verb and earlier_report
