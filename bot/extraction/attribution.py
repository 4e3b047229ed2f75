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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.extraction.cues import (
    AMBIGUOUS_FORMS,
    CUE_FORMS,
    INVERTING,
    REPORTING_FORMS,
    SPEECH_NOUNS,
    word_set,
)
from bot.extraction.speakers import (
    LOWER_ROLES,
    ROLE_WORDS,
    Mention,
    SpeakerRegistry,
    find_mentions,
    fold,
    looks_like_organisation,
)

MASK = "\ue000"
_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|St|Jr|Sr)\.|[#@]?\w[\w’'\-]*|\ue000+|[^\w\s\ue000]"
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[”\"’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9\ue000#@])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|St|Jr|Sr|Lt|Gen|Col|Capt|Prof|Rev|vs|No|Mt|Ft|Inc|Co|"
    r"Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|(?:[A-Z]\.){1,}[A-Z])\.$"
)

PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n",
}  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you"})
_SKIP_LEFT = word_set(
    """
    also then later quickly simply just has had have was were is are will would could might
    may once again further previously recently reportedly allegedly publicly privately first
    finally even never always famously repeatedly subsequently immediately initially
    actually apparently heard being be been not did does do n't only still already
    reportedly openly candidly proudly jokingly sarcastically angrily tearfully bluntly"""
)
_DETERMINERS = word_set(
    "the a an this that these those his her their its our one another some many other"
)
_INTRO_WORDS = word_set(
    """
    after before while when whilst as since because although though if once during in on
    at by for from with without despite amid amidst following upon until unlike like
    according but and so yet then also however meanwhile still indeed perhaps finally later
    earlier now today yesterday fortunately unfortunately sadly luckily instead overall
    first second third last next here there thus hence besides moreover speaking asked"""
)
_CUE_WINDOW = 80
_SPOKES = word_set(
    """
    spokesperson spokesman spokeswoman spokespeople representative representatives rep reps
    official officials source sources aide aides lawyer lawyers attorney attorneys"""
)
_BARE_AFTER_CUE = word_set(
    ". , ; on in at during after before to while when from with via later earlier today"
)
_FUNCTION_WORDS = word_set(
    "and or but nor that which who whom to of in on at by for with from as than then so if"
)
_TITLE_WORDS = LOWER_ROLES | ROLE_WORDS | word_set("member council city state party")
_THING_HEADS = word_set(
    """
    report statement study poll survey document letter website book memo filing lawsuit
    complaint ruling bill law agency article post tweet message video clip show film
    episode song album announcement release paper editorial column note email text
    company firm government ministry department office court council committee board
    union party team club group network station newspaper magazine organisation
    organization agency police campaign administration commission authority service
    school university hospital bank airline league federation"""
)
_ROLE_ABBREVIATIONS = {
    "senator": "sen", "governor": "gov", "representative": "rep", "congressman": "rep",
    "congresswoman": "rep", "doctor": "dr", "professor": "prof", "general": "gen",
    "reverend": "rev", "captain": "capt", "lieutenant": "lt", "sergeant": "sgt",
}  # fmt: skip
_PRESENT_VERBS = word_set(
    """
    wants believes thinks knows seems appears remains becomes feels makes takes gets goes
    comes gives keeps looks needs likes loves hates hopes plans sees hears finds leaves
    shows tries uses works lives stays means faces"""
)
_PREPOSITIONS = word_set(
    "on in at for with to from by into onto over under after before during since about"
)
_AUX = word_set(
    """
    is was are were has had have will would can could may might must should does did do
    shall"""
)
_IRREGULAR_PAST = word_set(
    """
    sent went made took gave got came saw knew thought felt found left kept brought began
    ran held stood met paid lost became told said wrote spoke won led put set let hit
    broke chose drove ate fell fought flew forgot forgave froze grew hid hung heard laid
    lay meant rode rang rose sold sought shook shot shut sang sank sat slept slid spent
    spun stole stuck struck swore swept swam threw understood woke wore wept wound
    taught bought caught built burnt dealt dug drew dreamt fed fled forbade sprang bit
    lit read quit cut cost bet"""
)
_SOURCE_HEADS = word_set(
    """
    poll survey report study statement spokesman spokeswoman spokesperson rep reps
    representative representatives team office campaign website account newspaper magazine
    paper publication station network channel organisation organization group agency
    department ministry firm company band"""
)
_PERSON_HEADS = LOWER_ROLES | word_set(
    """
    girl boy man woman child kid fan user reader viewer person someone somebody
        critic mother father wife husband daughter son sister brother mom dad mum friend
        couple pair duo exes star mogul hitmaker hit-maker icon legend veteran newcomer
        lawmaker insider source witness eyewitness bystander resident neighbour neighbor
        teen teenager student blogger influencer"""
)
_PLURAL_HEADS = word_set("couple pair duo exes twins both")
_UNNAMED_HEADS = word_set(
    """
    insider source witness eyewitness bystander someone somebody fan user reader viewer
    others people fans users critics friends sources insiders observers"""
)
_FEMALE_WORDS = word_set(
    """
    actress mother wife daughter sister mom mum queen princess duchess lady mrs ms miss
    girl woman businesswoman spokeswoman congresswoman chairwoman comedienne girlfriend
    grandmother aunt niece"""
)
_MALE_WORDS = word_set(
    """
    actor father husband son brother dad king prince duke lord mr boy man businessman
    spokesman congressman chairman boyfriend grandfather uncle nephew"""
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is hot
    return [
        make(Token, (m.group(), m.start(), m.end(), m.group().lower()))
        for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    ]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds in a masked paragraph (quotations are hidden, so never split)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        head = text[max(start, match.start() - 12) : match.start() + 1]
        if _NO_BREAK_BEFORE.search(head):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


@dataclass
class NounPhrase:
    kind: str  # mention / pronoun / description / joint
    text: str
    start: int
    end: int
    names: tuple[str, ...] = ()  # canonical names for mentions and joints
    head: str = ""


@dataclass
class Attribution:
    speaker: str | None
    rule: str
    governed: bool = False  # a reporting cue introduces the span
    evaluative: bool = False  # only an evaluating verb (lauded, ripped…) is nearby
    cue_word: str = ""


@dataclass
class SentenceInfo:
    paragraph: int
    start: int
    end: int
    subject: str | None = None
    resolved: bool = False
    persons: list[tuple[int, str]] = field(default_factory=list)  # (position, canonical)
    joint: tuple[str, ...] = ()


class Discourse:
    """Sentences in reading order with their subjects, for pronoun resolution."""

    def __init__(self, registry: SpeakerRegistry, genders: dict[str, str]) -> None:
        self.registry = registry
        self.genders = genders
        self.sentences: list[SentenceInfo] = []
        self.person_like: set[str] = set()
        self.last_speaker: str | None = None
        self.subject_resolver: Callable[[int], str | None] | None = None

    def compatible(self, name: str, gender: str | None) -> bool:
        if gender is None:
            return True
        if gender in {"p"}:
            return " and " in name
        known = self.genders.get(fold(name))
        if gender == "n":
            return known is None and name not in self.person_like
        if " and " in name:
            return False
        if known is None and (looks_like_organisation(name) or name not in self.person_like):
            return gender is None and not looks_like_organisation(name)
        return known is None or known == gender

    def resolve(
        self, gender: str | None, index: int, position: int, description: bool = False
    ) -> str | None:
        """Nearest compatible named subject: this sentence, then up to three before, then
        names in the previous sentence, then the last speaker quoted. A description ("the
        singer") skips names in its own sentence, which are usually someone else."""
        if index < len(self.sentences) and not description:
            current = self.sentences[index]
            if current.subject and self.compatible(current.subject, gender):
                subject_at = next(
                    (pos for pos, name in current.persons if name == current.subject), -1
                )
                if subject_at < position:
                    return current.subject
            for pos, name in reversed(current.persons):
                if pos < position and self.compatible(name, gender) and self._personal(name):
                    return name
        for back in range(1, 4):
            if index - back < 0:
                break
            sentence = self.sentences[index - back]
            subject = self.subject_of(index - back)
            if gender == "p" and sentence.joint:
                return " and ".join(sentence.joint)
            if subject and self.compatible(subject, gender):
                return subject
            if back == 1:
                for _pos, name in reversed(sentence.persons):
                    if self.compatible(name, gender) and self._personal(name):
                        return name
        if self.last_speaker and self.compatible(self.last_speaker, gender):
            return self.last_speaker
        return None

    def subject_of(self, index: int) -> str | None:
        """A sentence's subject, worked out only when a pronoun needs it."""
        sentence = self.sentences[index]
        if not sentence.resolved and self.subject_resolver is not None:
            sentence.resolved = True  # also guards against resolving in circles
            sentence.subject = self.subject_resolver(index)
        return sentence.subject

    def _personal(self, name: str) -> bool:
        return name in self.person_like


def mask_spans(paragraph: str, spans: list[tuple[int, int]]) -> str:
    """Hide quoted words (keeping marks and trailing punctuation) so cues stay outside."""
    if not spans:
        return paragraph
    chars = list(paragraph)
    for start, end in spans:
        stop = end
        while stop > start and paragraph[stop - 1] in ",.!?:;…":
            stop -= 1
        for index in range(start, stop):
            chars[index] = MASK
    return "".join(chars)


class ParagraphView:
    """One masked paragraph with its name mentions, for phrase-level lookups."""

    def __init__(self, text: str, mentions: list[Mention], registry: SpeakerRegistry) -> None:
        self.text = text
        self.registry = registry
        self.mentions = mentions
        self.by_end = {m.end: m for m in mentions}
        self.by_start = {m.start: m for m in mentions}

    def mention_ending(self, end: int) -> Mention | None:
        return self.by_end.get(end)

    def mention_starting(self, start: int) -> Mention | None:
        return self.by_start.get(start)


def verb_like(token: Token | None) -> bool:
    if token is None:
        return False
    low = token.low
    if not token.text[:1].islower() or not token.text.isalpha():
        return False
    if low in _AUX or low in CUE_FORMS or low in _IRREGULAR_PAST:
        return True
    if low.endswith("ed") and len(low) > 3:
        return True
    return low in _PRESENT_VERBS


def np_left(view: ParagraphView, tokens: list[Token], index: int) -> NounPhrase | None:
    """The noun phrase ending just before tokens[index] (the cue), skipping adverbs,
    auxiliaries, appositions and relative clauses."""
    i = index - 1
    while i >= 0 and (tokens[i].low in _SKIP_LEFT or tokens[i].low.endswith("ly")):
        i -= 1
    if i < 0:
        return None
    if tokens[i].text == "," or tokens[i].text == ")":
        # "X, 32, said" / "X, who replaced Y, said" / "X, the Y of Z, said"
        closer = "(" if tokens[i].text == ")" else ","
        j = i - 1
        while j >= 0 and i - j <= 16 and tokens[j].text not in {closer, ".", ":", ";"}:
            j -= 1
        if j < 0 or tokens[j].text != closer:
            return None
        inside = view.mention_ending(tokens[i - 1].end) if i > 0 else None
        if closer == "," and inside is not None and inside.start == tokens[j + 1].start:
            # "Smith’s lawyer, John Doe, said": the apposition is the name.
            return NounPhrase("mention", inside.name, inside.start, inside.end)
        return _np_ending(view, tokens, j - 1)
    if tokens[i].low in {"who", "which", "that"} and i >= 1 and tokens[i - 1].text == ",":
        return _np_ending(view, tokens, i - 2)
    return _organisation_of_spokesperson(view, tokens, _np_ending(view, tokens, i))


def _organisation_of_spokesperson(
    view: ParagraphView, tokens: list[Token], phrase: NounPhrase | None
) -> NounPhrase | None:
    """'A spokesperson for the RMT union said': an unnamed spokesperson speaks for the
    organisation, which is the speaker."""
    if phrase is None:
        return None
    starts = [k for k, token in enumerate(tokens) if token.start == phrase.start]
    if not starts or starts[0] < 2:
        return phrase
    k = starts[0]
    if tokens[k - 1].low not in {"for", "of", "at", "from"}:
        return phrase
    if tokens[k - 2].low not in _SPOKES:
        return phrase
    if phrase.kind == "mention":
        return phrase
    if phrase.kind == "description" and phrase.names:
        return NounPhrase("mention", phrase.names[-1], phrase.start, phrase.end)
    return NounPhrase("description", "a " + phrase.head, phrase.start, phrase.end, (), "source")


def _np_ending(view: ParagraphView, tokens: list[Token], i: int) -> NounPhrase | None:
    if i < 0:
        return None
    token = tokens[i]
    mention = view.mention_ending(token.end)
    if mention is not None:
        return NounPhrase("mention", mention.name, mention.start, mention.end)
    if token.text.startswith("#") and len(token.text) > 2:
        return NounPhrase("mention", token.text, token.start, token.end)
    if token.low in PRONOUNS or token.low in _FIRST_PERSON:
        return NounPhrase("pronoun", token.low, token.start, token.end)
    if not token.text[:1].isalnum() or token.low in _FUNCTION_WORDS:
        return None
    if token.text[:1].isupper():
        # "Kelly Ayotte of New Hampshire said": the name before the place complement.
        j = i
        while j > 0 and tokens[j].text[:1].isupper():
            j -= 1
        if j > 0 and tokens[j].low == "of":
            owner = view.mention_ending(tokens[j - 1].end)
            if owner is not None:
                return NounPhrase("mention", owner.name, owner.start, owner.end)
    # A description: walk back to its determiner ("the 20-year-old reality star").
    j = i
    words: list[Token] = []
    while j >= 0 and i - j < 7:
        current = tokens[j]
        if not (current.text[:1].isalnum()) or (current.low in _PREPOSITIONS and j < i):
            break
        words.insert(0, current)
        if current.low in _DETERMINERS:
            break
        j -= 1
    if not words:
        return None
    if j >= 0 and j < i and tokens[j].low in _PREPOSITIONS:
        # "A source close to the board said": the phrase is headed by "source".
        for back in range(j - 1, max(-1, j - 5), -1):
            if tokens[back].low in _UNNAMED_HEADS | _SPOKES:
                start = tokens[back - 1].start if back > 0 else tokens[back].start
                return NounPhrase(
                    "description", "a " + tokens[back].low, start, token.end, (), tokens[back].low
                )
            if not tokens[back].text[:1].isalpha():
                break
    inner = [m for m in view.mentions if m.start >= words[0].start and m.end <= token.end]
    head = token.low
    phrase = NounPhrase(
        "description",
        view.text[words[0].start : token.end],
        words[0].start,
        token.end,
        tuple(m.name for m in inner),
        head,
    )
    return phrase


def np_right(view: ParagraphView, tokens: list[Token], index: int) -> NounPhrase | None:
    """The noun phrase starting at tokens[index] ("said West", "said the actress")."""
    if index >= len(tokens):
        return None
    token = tokens[index]
    mention = view.mention_starting(token.start)
    if mention is not None:
        return NounPhrase("mention", mention.name, mention.start, mention.end)
    # "said Sen. John McCain", "said council member Darnell Hughes": titles before a name.
    for skip in range(index, min(len(tokens), index + 5)):
        word = tokens[skip]
        if skip > index:
            mention = view.mention_starting(word.start)
            if mention is not None:
                return NounPhrase("mention", mention.name, mention.start, mention.end)
        stripped = word.low.rstrip(".")
        if not (stripped in _TITLE_WORDS or (word.text[:1].isupper() and word.text[1:2] != "")):
            break
    if token.low in _SUBJECT_PRONOUNS:
        return NounPhrase("pronoun", token.low, token.start, token.end)
    if token.low in {"the", "a", "an"}:
        words = []
        for follower in tokens[index + 1 : index + 6]:
            if not follower.text[:1].isalnum():
                break
            mention = view.mention_starting(follower.start)
            if mention is not None:
                return NounPhrase(
                    "description",
                    view.text[token.start : mention.end],
                    token.start,
                    mention.end,
                    (mention.name,),
                    mention.name,
                )
            words.append(follower)
        if words:
            return NounPhrase(
                "description",
                view.text[token.start : words[-1].end],
                token.start,
                words[-1].end,
                (),
                words[-1].low,
            )
    return None


def _source_of(
    view: ParagraphView, tokens: list[Token], index: int, phrase: NounPhrase | None
) -> NounPhrase | None:
    """'according to a statement from the White House': the source named after the noun."""
    if phrase is None or phrase.kind != "description" or phrase.head not in SPEECH_NOUNS:
        return phrase
    for k in range(index, min(len(tokens) - 1, index + 8)):
        if tokens[k].low in {"from", "by", "of"}:
            for follower in tokens[k + 1 : k + 4]:
                mention = view.mention_starting(follower.start)
                if mention is not None:
                    return NounPhrase("mention", mention.name, mention.start, mention.end)
            break
    return phrase


def main_subject(
    view: ParagraphView, tokens: list[Token]
) -> tuple[NounPhrase | None, tuple[str, ...]]:
    """The subject of a sentence's main clause (and a joint "A and B" subject, if any)."""
    start = 0
    if tokens and tokens[0].low in {"and", "but", "so", "yet", "or", "then"}:
        start = 1
    elif tokens and (
        tokens[0].low in _INTRO_WORDS
        or tokens[0].low.endswith("ing")
        or (tokens[0].low.endswith("ed") and tokens[0].text[:1].isupper())
    ):
        for k, token in enumerate(tokens[:30]):
            if token.text in {",", ":"}:
                start = k + 1
                break
    k = start
    limit = min(len(tokens), start + 25)
    while k < limit:
        token = tokens[k]
        phrase: NounPhrase | None = None
        mention = view.mention_starting(token.start)
        if mention is not None:
            phrase = NounPhrase("mention", mention.name, mention.start, mention.end)
        elif token.low in _SUBJECT_PRONOUNS:
            phrase = NounPhrase("pronoun", token.low, token.start, token.end)
        elif token.low in {"the", "a", "an"} and k == start:
            phrase = np_right(view, tokens, k)
        if phrase is None:
            k += 1
            continue
        after = _index_after(tokens, phrase.end, k)
        after = skip_apposition(tokens, after)
        nxt = tokens[after] if after < len(tokens) else None
        if nxt is not None and nxt.low == "and" and phrase.kind == "mention":
            other_index = after + 1
            other = (
                view.mention_starting(tokens[other_index].start)
                if other_index < len(tokens)
                else None
            )
            if other is not None:
                later = skip_apposition(tokens, _index_after(tokens, other.end, other_index))
                if later < len(tokens) and verb_like(skip_adverbs(tokens, later)):
                    return phrase, (phrase.text, other.name)
        candidate = skip_adverbs(tokens, after)
        if verb_like(candidate):
            return phrase, ()
        if phrase.kind == "description":
            k = max(k + 1, after)
            continue
        k += 1
    return None, ()


def _index_after(tokens: list[Token], end: int, k: int) -> int:
    while k < len(tokens) and tokens[k].start < end:
        k += 1
    return k


def skip_apposition(tokens: list[Token], k: int) -> int:
    """Past ", 32," / ", the Y of Z," / ", R-Fla.," after a name (abbreviation dots allowed)."""
    if k < len(tokens) and tokens[k].text == ",":
        for j in range(k + 1, min(len(tokens), k + 16)):
            if tokens[j].text == ",":
                return j + 1
            if tokens[j].text in {":", ";"}:
                break
            if tokens[j].text == "." and not (j + 1 < len(tokens) and tokens[j + 1].text == ","):
                break
    return k


def skip_adverbs(tokens: list[Token], k: int) -> Token | None:
    while k < len(tokens) and (tokens[k].low.endswith("ly") or tokens[k].low in {"also", "then"}):
        k += 1
    return tokens[k] if k < len(tokens) else None


@dataclass
class Document:
    """Masked paragraphs with their sentences and mentions: what attribution reads."""

    views: list[ParagraphView]
    sentences: list[SentenceInfo]
    sentence_of: dict[tuple[int, int], int]  # (paragraph, sentence start) -> index

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


def build_document(
    masked: list[str], registry: SpeakerRegistry, raw_mentions: list[list[Mention]] | None = None
) -> Document:
    """Sentences and name mentions of masked paragraphs (names inside quotes are hidden)."""
    views: list[ParagraphView] = []
    sentences: list[SentenceInfo] = []
    sentence_of: dict[tuple[int, int], int] = {}
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
            while cursor < len(mentions) and mentions[cursor].start < start:
                cursor += 1
            while cursor < len(mentions) and mentions[cursor].start < end:
                mention = mentions[cursor]
                info.persons.append((mention.start, registry.canonical(mention.name)))
                cursor += 1
            sentence_of[(number, start)] = len(sentences)
            sentences.append(info)
    document = Document(views, sentences, sentence_of)
    for index, sentence in enumerate(sentences):
        document.starts.setdefault(sentence.paragraph, []).append((sentence.start, index))
    return document


class Attributor:
    """Attribute quotations of one document, sentence by sentence, in reading order."""

    def __init__(self, document: Document, registry: SpeakerRegistry, discourse: Discourse):
        self.document = document
        self.registry = registry
        self.discourse = discourse
        self.last_speaker: str | None = None

    # -- noun phrases to people -------------------------------------------------------
    def resolve(
        self, phrase: NounPhrase | None, sentence: int, speaking: bool = False
    ) -> str | None:
        if phrase is None:
            return None
        if phrase.kind == "mention":
            return self.registry.canonical(phrase.text)
        if phrase.kind == "pronoun":
            if phrase.text in _FIRST_PERSON:
                return None
            return self.discourse.resolve(PRONOUNS[phrase.text], sentence, phrase.start)
        determiner = phrase.text.split()[0].lower() if phrase.text.split() else ""
        head = phrase.head.lower()
        if phrase.names and (head in _SOURCE_HEADS or fold(phrase.names[-1]) == fold(head)):
            return self.registry.canonical(phrase.names[-1])
        if determiner not in {"the", "this", "that", "these", "those"}:
            return None  # "a little girl", "others": a new, unnamed referent
        if head in _UNNAMED_HEADS or head in _THING_HEADS:
            return None
        if head in _PLURAL_HEADS or (head.endswith("s") and head[:-1] in _PERSON_HEADS):
            return self.discourse.resolve("p", sentence, phrase.start, description=True)
        if head in _PERSON_HEADS or head.endswith(("-maker", "-winner", "-old")) or speaking:
            # A definite description that speaks ("the Kentucky senator suggested", "the
            # former club gaffer concluded") is someone already named: this clause's own
            # subject, else the one recent person whose title fits, else the nearest.
            words = {word.lower() for word in phrase.text.split()}
            gender = "f" if words & _FEMALE_WORDS else "m" if words & _MALE_WORDS else None
            own = self._clause_subject(sentence, phrase)
            if own is not None:
                return own
            titled = self._title_match(head, sentence)
            if titled is not None:
                return titled
            return self.discourse.resolve(gender, sentence, phrase.start, description=True)
        return None

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
        wanted = {head, _ROLE_ABBREVIATIONS.get(head, head)}
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
        tokens = tokenize(text, position, min(len(text), position + 240))
        sentence = self.document.sentence_at(paragraph, position)
        k = 0
        while k < len(tokens) and tokens[k].text in {",", "!", "?"}:
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
            phrase = _source_of(view, tokens, k + 2, np_right(view, tokens, k + 2))
            if phrase is not None:
                return Attribution(
                    self.resolve(phrase, sentence), "according-to-after", governed=True
                )
        if first.low in INVERTING:
            phrase = np_right(view, tokens, k + 1)
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
            if token.text in {".", ";", ":", "!", "?"} or MASK in token.text:
                break
            if token.low not in CUE_FORMS or c == k:
                continue
            if token.low.endswith("ing") and tokens[c - 1].low not in {"heard", "seen", "caught"}:
                continue
            if low_is_noun(tokens, c):
                return None
            if token.low in AMBIGUOUS_FORMS and not self._verb_reading(view, tokens, c):
                continue
            phrase = np_left(view, tokens, c)
            if phrase is None or not _starts_clause(view, tokens, k, phrase):
                return None
            if phrase.kind == "description" and phrase.text.split()[0].lower() not in (
                _DETERMINERS
            ):
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

    def _dash_credit(self, view: ParagraphView, tokens: list[Token], k: int) -> Attribution | None:
        """'“…” — Name, on …' / '“…” -- Name': a dash credit after the quotation."""
        while k < len(tokens) and tokens[k].text in {"—", "–", "-"}:
            k += 1
        if k == 0 or tokens[k - 1].text not in {"—", "–", "-"} or k >= len(tokens):
            return None
        phrase = np_right(view, tokens, k)
        if phrase is None or phrase.kind != "mention":
            return None
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
                return nxt in _BARE_AFTER_CUE
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
        tokens = all_tokens[max(0, cut - _CUE_WINDOW) : cut]
        possessive = self._possessive(view, tokens)
        if possessive is not None:
            return Attribution(possessive, "possessive-cue", governed=True)
        for c in range(len(tokens) - 1, -1, -1):
            token = tokens[c]
            if MASK in token.text:
                continue
            low = token.low
            if low == "according" and c + 1 < len(tokens) and tokens[c + 1].low == "to":
                phrase = _source_of(view, all_tokens, c + 2, np_right(view, tokens, c + 2))
                if phrase is not None:
                    return Attribution(self.resolve(phrase, sentence), "according-to", True)
                continue
            if low not in CUE_FORMS:
                continue
            if low in AMBIGUOUS_FORMS and not self._verb_reading(view, tokens, c):
                continue
            if low_is_noun(tokens, c):
                continue  # "his text", "a call", "no mention of": a noun
            if low.endswith("ing") and c > 0 and _modifies_thing(view, tokens, c):
                continue  # "her statement announcing her split": not the speech cue
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
            owner = self._possessive_subject(view, all_tokens)
            if owner is not None:
                return Attribution(owner, "possessive-subject", governed=True)
            phrase, joint = main_subject(view, all_tokens)
            speaker = self._joint(joint) if joint else self.resolve(phrase, sentence)
            return Attribution(speaker, "colon-intro", governed=True)
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
        if previous is not None and (
            view.mention_ending(previous.end) is not None
            or previous.low in _SUBJECT_PRONOUNS
            or previous.low in _AUX
            or previous.low in {"also", "then", "who", "which", "and", "later", "once"}
        ):
            return True
        nxt = tokens[c + 1].low if c + 1 < len(tokens) else ":"
        content_word_before = (
            previous is not None and previous.text[:1].islower() and previous.text.isalpha()
        )
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
                phrase = _np_ending(view, tokens, c - 1)
                if phrase is not None and (
                    phrase.kind == "mention"
                    or (phrase.kind == "description" and phrase.head in _PERSON_HEADS)
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
                        if word.endswith("ing") and _modifies_thing(view, tokens, v):
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
                return self.resolve(phrase, sentence), "participle-main", _unnamed(phrase)
            first = next((t for t in all_tokens if t.text[:1].isalpha()), None)
            if first is not None and first.low in _UNNAMED_HEADS | {"many", "some", "several"}:
                return None, "participle-unnamed", True  # "Others are …, writing …"
            return self.last_speaker, "participle-fragment", False
        if prev_low == "to" and c >= 2:
            phrase = _np_ending(view, tokens, c - 2)
            if phrase is not None and phrase.kind in {"mention", "pronoun"}:
                return self._resolve_object(phrase, sentence), "infinitive", False
            if phrase is not None and phrase.kind == "description":
                return self.resolve(phrase, sentence), "infinitive", _unnamed(phrase)
            phrase, joint = main_subject(view, all_tokens)
            return self.resolve(phrase, sentence), "infinitive-main", False
        if prev_low in {"and", "or", "but"}:
            # "X pointed out … and joked:": the subject of the first verb.
            for v in range(c - 2, max(-1, c - 14), -1):
                if verb_like(tokens[v]) and tokens[v].low not in _AUX:
                    phrase = np_left(view, tokens, v)
                    if phrase is not None:
                        return self.resolve(phrase, sentence), "coordinated", _unnamed(phrase)
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
        return self.resolve(phrase, sentence, speaking=True), "cue-before", _unnamed(phrase)

    def _resolve_object(self, phrase: NounPhrase, sentence: int) -> str | None:
        if phrase.kind == "pronoun" and phrase.text in {"him", "her", "them"}:
            gender = PRONOUNS[phrase.text]
            return self.discourse.resolve(gender, sentence, phrase.start)
        return self.resolve(phrase, sentence)


def low_is_noun(tokens: list[Token], c: int) -> bool:
    """'his text', 'Legend’s call', 'no mention of': a cue word used as a noun."""
    if c + 1 < len(tokens) and tokens[c + 1].low == "of" and not tokens[c].low.endswith("ed"):
        return True
    previous = tokens[c - 1] if c > 0 else None
    if previous is None:
        return False
    return (
        previous.low in _DETERMINERS
        or previous.low in {"no", "every", "each", "any"}
        or previous.text.endswith(("’s", "'s", "s’", "s'"))
    )


def _starts_clause(view: ParagraphView, tokens: list[Token], k: int, phrase: NounPhrase) -> bool:
    """The subject found for a cue after a quotation must start right after the quotation
    (titles allowed before a name: "Vogue editor Anna Wintour said")."""
    if phrase.start <= tokens[k].start:
        return True
    for token in tokens[k:]:
        if token.start >= phrase.start:
            return True
        if not (token.text[:1].isupper() or token.low in LOWER_ROLES or token.low in {"the", "of"}):
            return False
    return False


def _modifies_thing(view: ParagraphView, tokens: list[Token], c: int) -> bool:
    """An -ing form right after a noun that is not a person modifies that noun."""
    previous = tokens[c - 1]
    if not previous.text[:1].isalpha() or previous.low in _AUX | {"and", "or", "but", "by"}:
        return False
    if previous.low in {"heard", "seen", "caught", "while", "when", "after", "before"}:
        return False
    phrase = _np_ending(view, tokens, c - 1)
    if phrase is None or phrase.kind != "description":
        return False
    return phrase.head not in _PERSON_HEADS and phrase.text.split()[0].lower() in _DETERMINERS


def _unnamed(phrase: NounPhrase) -> bool:
    """An explicit subject that names nobody ("a little girl", "others", "fans")."""
    if phrase.kind != "description":
        return False
    determiner = phrase.text.split()[0].lower() if phrase.text.split() else ""
    return determiner not in {"the", "this", "that"} or phrase.head in _UNNAMED_HEADS


_GENDERED_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]ers)\b")


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
