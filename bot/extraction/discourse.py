"""The article as a discourse: sentences in reading order, the people each mentions,
who each sentence is about, and which names the text calls he or she. Pronouns and
descriptions are resolved against it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.extraction.lexicon import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, PRONOUNS
from bot.extraction.phrases import (
    MASK,
    NounPhrase,
    ParagraphView,
    Token,
    main_subject,
    split_sentences,
    tokenize,
    verb_like,
)
from bot.extraction.speakers import (
    Mention,
    SpeakerRegistry,
    find_mentions,
    fold,
    looks_like_organisation,
    role_before,
)


@dataclass
class SentenceInfo:
    paragraph: int
    start: int
    end: int
    subject: str | None = None
    resolved: bool = False
    persons: list[tuple[int, str]] = field(default_factory=list)  # (position, canonical)
    joint: tuple[str, ...] = ()
    quoted_only: bool = False  # nothing but quoted words: no narration, no subject


def first_name_gender(name: str) -> str | None:
    """'m' / 'f' from a frequent first name (a prior the article's pronouns override)."""
    first = name.split()[0].lower() if name.split() else ""
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    return None


class Discourse:
    """Sentences in reading order with their subjects, for pronoun resolution."""

    def __init__(
        self,
        registry: SpeakerRegistry,
        genders: dict[str, str] | Callable[[], dict[str, str]],
    ) -> None:
        self.registry = registry
        # Gender votes cost a pass over the article: read them only when a he/she needs them.
        self._genders = genders if isinstance(genders, dict) else None
        self._gender_source = None if isinstance(genders, dict) else genders
        self.sentences: list[SentenceInfo] = []
        self.person_like: set[str] = set()
        self.last_speaker: str | None = None
        self.last_speaker_at = -10  # index of the sentence where last_speaker was quoted
        self.subject_resolver: Callable[[int], str | None] | None = None

    def compatible(self, name: str, gender: str | None) -> bool:
        if gender is None:
            return True
        if gender in {"p"}:
            return " and " in name
        known = self.genders().get(fold(name)) or first_name_gender(name)
        if gender == "n":
            return known is None and name not in self.person_like
        if " and " in name:
            return False
        if known is None and (looks_like_organisation(name) or name not in self.person_like):
            # An unknown name that is not an organisation may still be a person who is
            # the subject of a sentence ("Anne Buckley, the general counsel, said …").
            return not looks_like_organisation(name) and (gender is None or " " in name)
        return known is None or known == gender

    def resolve(
        self, gender: str | None, index: int, position: int, description: bool = False
    ) -> str | None:
        """Nearest compatible named subject: this sentence, then the subjects of up to
        three sentences before, then other names in the previous sentence, then the last
        speaker. A description ("the singer") skips names in its own sentence, which are
        usually someone else."""
        if index < len(self.sentences) and not description:
            current = self.sentences[index]
            subject = self.subject_of(index)  # worked out now if no pronoun needed it yet
            if subject and self.compatible(subject, gender):
                subject_at = next((pos for pos, name in current.persons if name == subject), -1)
                if subject_at < position:
                    return subject
            for pos, name in reversed(current.persons):
                if pos < position and self.compatible(name, gender) and self._personal(name):
                    return name
        back = 0
        for _narrated in range(3):
            back += 1
            # Sentences of quoted words only ("“…”") tell nobody's action: skip them.
            while index - back >= 0 and back < 12 and self.sentences[index - back].quoted_only:
                back += 1
            if index - back < 0:
                break
            sentence = self.sentences[index - back]
            subject = self.subject_of(index - back)
            if gender == "p" and sentence.joint:
                return " and ".join(sentence.joint)
            if subject and self.compatible(subject, gender):
                return subject
        if index >= 1:
            # No subject fits: a name elsewhere in the previous sentence ("As Wintour
            # noted, there's …").
            for _pos, name in reversed(self.sentences[index - 1].persons):
                if self.compatible(name, gender) and self._personal(name):
                    return name
        recent = index - self.last_speaker_at <= 3  # a speaker quoted a sentence or two ago
        if self.last_speaker and recent and self.compatible(self.last_speaker, gender):
            return self.last_speaker
        return None

    def genders(self) -> dict[str, str]:
        if self._genders is None:
            self._genders = self._gender_source() if self._gender_source else {}
        return self._genders

    def subject_of(self, index: int) -> str | None:
        """A sentence's subject, worked out only when a pronoun needs it."""
        sentence = self.sentences[index]
        if not sentence.resolved and self.subject_resolver is not None:
            sentence.resolved = True  # also guards against resolving in circles
            sentence.subject = self.subject_resolver(index)
        return sentence.subject

    def _personal(self, name: str) -> bool:
        return name in self.person_like


@dataclass
class Document:
    """Masked paragraphs with their sentences and mentions: what attribution reads."""

    views: list[ParagraphView]
    sentences: list[SentenceInfo]

    starts: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _tokens: dict[int, list[Token]] = field(default_factory=dict)
    _ends: dict[int, list[int]] = field(default_factory=dict)
    _subjects: dict[int, tuple[NounPhrase | None, tuple[str, ...]]] = field(default_factory=dict)

    def sentence_at(self, paragraph: int, position: int) -> int:
        """Index of the sentence of ``paragraph`` holding ``position`` (-1 if none)."""
        starts = self.starts.get(paragraph)
        if not starts:
            return -1
        slot = bisect_right(starts, (position, len(self.sentences))) - 1
        return starts[max(slot, 0)][1]

    def tokens(self, index: int) -> list[Token]:
        cached = self._tokens.get(index)
        if cached is None:
            sentence = self.sentences[index]
            cached = tokenize(self.views[sentence.paragraph].text, sentence.start, sentence.end)
            self._tokens[index] = cached
        return cached

    def token_ends(self, index: int) -> list[int]:
        cached = self._ends.get(index)
        if cached is None:
            cached = [token.end for token in self.tokens(index)]
            self._ends[index] = cached
        return cached

    def subject(self, index: int) -> tuple[NounPhrase | None, tuple[str, ...]]:
        cached = self._subjects.get(index)
        if cached is None:
            sentence = self.sentences[index]
            cached = main_subject(self.views[sentence.paragraph], self.tokens(index))
            self._subjects[index] = cached
        return cached


_QUOTED_ONLY_RE = re.compile(rf"[\s“”\"‘’'.,;:!?…—–-]*[{MASK}][{MASK}\s“”\"‘’'.,;:!?…—–-]*")


def build_document(
    masked: list[str], registry: SpeakerRegistry, raw_mentions: list[list[Mention]] | None = None
) -> Document:
    """Sentences and name mentions of masked paragraphs (names inside quotes are hidden)."""
    views: list[ParagraphView] = []
    sentences: list[SentenceInfo] = []
    for number, text in enumerate(masked):
        if raw_mentions is None:
            mentions = find_mentions(text)
        else:
            mentions = [m for m in raw_mentions[number] if MASK not in text[m.start : m.end]]
        view = ParagraphView(text, mentions, registry)
        views.append(view)
        cursor = 0
        for start, end in split_sentences(text):
            info = SentenceInfo(number, start, end)
            info.quoted_only = _QUOTED_ONLY_RE.fullmatch(text, start, end) is not None
            while cursor < len(mentions) and mentions[cursor].start < start:
                cursor += 1
            while cursor < len(mentions) and mentions[cursor].start < end:
                mention = mentions[cursor]
                info.persons.append((mention.start, registry.canonical(mention.name)))
                cursor += 1
            sentences.append(info)
    document = Document(views, sentences)
    for index, sentence in enumerate(sentences):
        document.starts.setdefault(sentence.paragraph, []).append((sentence.start, index))
    return document


# The lookahead lets the regex engine skip to an h or s instead of testing \b everywhere.
_GENDERED_RE = re.compile(r"(?=[HhSs])\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]ers)\b")


def infer_genders(document: Document, registry: SpeakerRegistry) -> dict[str, str]:
    """Which names the article refers to as he or she, from the pronouns that follow them."""
    votes: dict[str, dict[str, int]] = {}
    for index, sentence in enumerate(document.sentences):
        view = document.views[sentence.paragraph]
        if not sentence.persons or not _GENDERED_RE.search(view.text, sentence.start, sentence.end):
            continue
        tokens = document.tokens(index)
        phrase, _joint = document.subject(index)
        if phrase is None or phrase.kind != "mention":
            continue
        name = registry.canonical(phrase.text)
        for token in tokens:
            if token.start < phrase.end:
                continue
            if view.mention_starting(token.start) is not None:
                break
            gender = PRONOUNS.get(token.low)
            if gender in {"m", "f"}:
                bucket = votes.setdefault(fold(name), {})
                bucket[gender] = bucket.get(gender, 0) + 1
                break
    genders: dict[str, str] = {}
    for key, bucket in votes.items():
        male, female = bucket.get("m", 0), bucket.get("f", 0)
        if male != female:
            genders[key] = "m" if male > female else "f"
    return genders


_OPENER_BEFORE_RE = re.compile(
    r"(?:^\s*|[,:;—–(]\s*|[.!?]\s+|\b(?:and|but|that|when|while|as|after|because|before|if|"
    r"since|though|although|where|so|until|then|"
    # "I think Chesterton said …": a clause after a verb of thinking, with no "that"
    r"think|thinks|thought|believe|believes|believed|suppose|guess|hope|hopes|feel|feels)\s+)$"
)

_VERB_AFTER_RE = re.compile(
    # "Danny Shaw, said": the comma closing an apposition ("The reporter, Danny Shaw, said")
    r"(?:’s|'s)?(?:\s*,[^,.]{1,100},|,)?\s+(?:(?:also|then|later|\w+ly)\s+)*([a-z]+)\b"
)


def person_like_names(
    document: Document, registry: SpeakerRegistry, known: set[str] | frozenset[str] = frozenset()
) -> set[str]:
    """Names the article treats as people: ``known`` ones (posters), titled names, and
    names that open a clause as the subject of a verb."""
    people: set[str] = set(known)
    for view in document.views:
        text = view.text
        for mention in view.mentions:
            name = registry.canonical(mention.name)
            if name in people or looks_like_organisation(name):
                continue
            if mention.title or role_before(text, mention.start):
                people.add(name)
                continue
            opener = _OPENER_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start)
            if mention.start > 0 and opener is None:
                continue  # "a funky Supreme printed shirt": not a subject
            verb = _VERB_AFTER_RE.match(text, mention.end)
            if verb and verb_like(Token(verb.group(1), 0, 0, verb.group(1).lower())):
                people.add(name)
    return people
