"""Tokens, sentences and noun phrases of masked paragraphs: the syntax the attribution
rules need, done with regular expressions and small word lists (no parser, no model).

A masked paragraph hides the words inside top-level quotation marks, so cue words and
names inside quotations never look like part of the writer's sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from bot.extraction.cues import CUE_FORMS, SPEECH_NOUNS
from bot.extraction.lexicon import (
    AUX,
    DETERMINERS,
    FIRST_PERSON,
    FUNCTION_WORDS,
    INTRO_WORDS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    PERSON_HEADS,
    PREPOSITIONS,
    PRESENT_VERBS,
    PRONOUNS,
    SKIP_LEFT,
    SPOKES,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    TITLE_WORDS,
    UNNAMED_HEADS,
)
from bot.extraction.speakers import (
    LOWER_ROLES,
    Mention,
    SpeakerRegistry,
    looks_like_organisation,
)

MASK = "\ue000"
# No token starts with whitespace: the leading lookahead skips it without trying each form.
_TOKEN_RE = re.compile(
    r"(?=\S)"
    r"(?:(?:[A-Z]\.){2,}|(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|St|Jr|Sr)\.|[#@]?\w[\w’'\-]*|\ue000+|[^\w\s\ue000])"
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[”\"’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9\ue000#@])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|St|Jr|Sr|Lt|Gen|Col|Capt|Prof|Rev|vs|No|Mt|Ft|Inc|Co|"
    r"Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|(?:[A-Z]\.){1,}[A-Z])\.$"
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words, abbreviations, masked quotations and punctuation, with their offsets."""
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is hot
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        word = match.group()
        at = match.start()
        tokens.append(make(Token, (word, at, at + len(word), word.lower())))
    return tokens


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


def mask_spans(paragraph: str, spans: list[tuple[int, int]]) -> str:
    """Hide quoted words (keeping marks and trailing punctuation) so cues stay outside."""
    if not spans:
        return paragraph
    chars = list(paragraph)
    for start, end in spans:
        stop = end
        while stop > start and paragraph[stop - 1] in ",.!?:;…":
            stop -= 1
        chars[start:stop] = MASK * (stop - start)
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
    if low in AUX or low in CUE_FORMS or low in IRREGULAR_PAST:
        return True
    if low.endswith("ed") and len(low) > 3:
        return True
    return low in PRESENT_VERBS


def np_left(view: ParagraphView, tokens: list[Token], index: int) -> NounPhrase | None:
    """The noun phrase ending just before tokens[index] (the cue), skipping adverbs,
    auxiliaries, appositions and relative clauses."""
    i = index - 1
    while i >= 0 and (tokens[i].low in SKIP_LEFT or tokens[i].low.endswith("ly")):
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
        if j >= 2 and tokens[j - 1].text[:1].isdigit() and tokens[j - 2].text == ",":
            # "Mrs Marsh, 54, who joined in 2019, insisted": an age, then the name.
            return np_ending(view, tokens, j - 3)
        if closer == "," and j + 1 < len(tokens) and tokens[j + 1].low in {"who", "which"}:
            # "Kim Lee, the wife of John Dale, who has …, said": the relative clause follows
            # an apposition; the subject is the name before the apposition.
            head = _before_apposition(view, tokens, j)
            if head is not None:
                return head
        return np_ending(view, tokens, j - 1)
    if tokens[i].low in {"who", "which", "that"} and i >= 1 and tokens[i - 1].text == ",":
        return np_ending(view, tokens, i - 2)
    phrase = np_ending(view, tokens, i)
    if phrase is not None and phrase.kind == "mention":
        k = next((k for k in range(i, -1, -1) if tokens[k].start == phrase.start), 0)
        if k >= 2 and tokens[k - 1].low in {"on", "in", "at", "during"}:
            # "Salonga on Independence Day tweeted": the name is the object of a
            # preposition; the subject comes before it.
            subject = np_ending(view, tokens, k - 2)
            if subject is not None and subject.kind in {"mention", "pronoun"}:
                return subject
    return _organisation_of_spokesperson(view, tokens, phrase)


def _before_apposition(view: ParagraphView, tokens: list[Token], j: int) -> NounPhrase | None:
    """The name before ", the wife of John Dale" when tokens[j] is the comma closing it."""
    for k in range(j - 1, max(-1, j - 12), -1):
        if tokens[k].text in {".", ":", ";"}:
            return None
        if tokens[k].text == ",":
            opener = tokens[k + 1] if k + 1 < j else None
            if opener is None or not opener.text[:1].islower():
                return None  # ", John Dale," is itself the name
            head = view.mention_ending(tokens[k - 1].end) if k > 0 else None
            if head is None:
                return None
            return NounPhrase("mention", head.name, head.start, head.end)
    return None


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
    person = view.mention_ending(tokens[k - 2].end)
    if person is not None and tokens[k - 1].low != "for":
        # "Joe Doe from Acme Trading said": the name before the preposition heads the
        # subject; the organisation after it only says where the person works.
        return NounPhrase("mention", person.name, person.start, person.end)
    if tokens[k - 2].low not in SPOKES:
        return phrase
    if phrase.kind == "mention":
        return phrase
    if phrase.kind == "description" and phrase.names:
        return NounPhrase("mention", phrase.names[-1], phrase.start, phrase.end)
    return NounPhrase("description", "a " + phrase.head, phrase.start, phrase.end, (), "source")


def _person_after_affiliation(
    view: ParagraphView, tokens: list[Token], index: int, mention: Mention
) -> NounPhrase | None:
    """'said Acme chief executive Jo Bell', 'quoting Ohio State head coach Al Ray': the
    first name is the employer modifying a lower-case role; the person comes after it."""
    k = index + 1
    while k < len(tokens) and tokens[k].start < mention.end:
        k += 1
    roles = 0
    while k < len(tokens) and tokens[k].text.islower() and tokens[k].low in TITLE_WORDS:
        roles += 1
        k += 1
    if not roles or roles > 3 or k >= len(tokens):
        return None
    person = view.mention_starting(tokens[k].start)
    if person is None:
        return None
    return NounPhrase("mention", person.name, person.start, person.end)


def _group_named_by(tokens: list[Token], index: int, mention: Mention) -> NounPhrase | None:
    """'according to BBC sources', 'said White House officials': the name only modifies a
    plural noun for unnamed people, who are the source."""
    for follower in tokens[index + 1 : index + 8]:
        if follower.start < mention.end:
            continue
        if follower.text.islower() and follower.low in UNNAMED_HEADS and follower.low[-1] == "s":
            text = f"{mention.name} {follower.text}"
            return NounPhrase("description", text, mention.start, follower.end, (), follower.low)
        return None
    return None


def np_ending(view: ParagraphView, tokens: list[Token], i: int) -> NounPhrase | None:
    if i < 0:
        return None
    token = tokens[i]
    mention = view.mention_ending(token.end)
    if mention is not None:
        return NounPhrase("mention", mention.name, mention.start, mention.end)
    if token.text.startswith("#") and len(token.text) > 2:
        return NounPhrase("mention", token.text, token.start, token.end)
    if token.low in PRONOUNS or token.low in FIRST_PERSON:
        return NounPhrase("pronoun", token.low, token.start, token.end)
    if not token.text[:1].isalnum() or token.low in FUNCTION_WORDS:
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
        if not (current.text[:1].isalnum()) or (current.low in PREPOSITIONS and j < i):
            break
        words.insert(0, current)
        if current.low in DETERMINERS:
            break
        j -= 1
    if not words:
        return None
    first = next(k for k in range(i, -1, -1) if tokens[k].start == words[0].start)
    if first > 0 and tokens[first - 1].low in PREPOSITIONS:
        # "A source close to the board said": the phrase is headed by "source".
        for back in range(first - 2, max(-1, first - 6), -1):
            if tokens[back].low in SPOKES and tokens[first - 1].low in {"for", "of", "at", "from"}:
                break  # "a spokesperson for the union": the organisation speaks
            if tokens[back].low in UNNAMED_HEADS | SPOKES:
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
        return (
            _group_named_by(tokens, index, mention)
            or _person_after_affiliation(view, tokens, index, mention)
            or NounPhrase("mention", mention.name, mention.start, mention.end)
        )
    # "said Sen. John McCain", "said council member Darnell Hughes": titles before a name.
    for skip in range(index, min(len(tokens), index + 5)):
        word = tokens[skip]
        if skip > index:
            mention = view.mention_starting(word.start)
            if mention is not None:
                return NounPhrase("mention", mention.name, mention.start, mention.end)
        stripped = word.low.rstrip(".")
        if not (stripped in TITLE_WORDS or (word.text[:1].isupper() and word.text[1:2] != "")):
            break
    if token.low in SUBJECT_PRONOUNS:
        return NounPhrase("pronoun", token.low, token.start, token.end)
    if token.low in _SUBJECT_DETERMINERS:
        # "the 20-year-old reality star", "the Pew survey", "the Vogue editor Anna Wintour".
        end = token.end
        head = ""
        names: list[str] = []
        k = index + 1
        while k < min(len(tokens), index + 7):
            follower = tokens[k]
            if not follower.text[:1].isalnum():
                break
            if head and (
                verb_like(follower)
                or follower.low.endswith("ly")
                or follower.low in FUNCTION_WORDS
                or follower.low in PREPOSITIONS
            ):
                break  # "The company initially declined …": the phrase ends at "company"
            mention = view.mention_starting(follower.start)
            if mention is not None:
                names.append(mention.name)
                end, head = mention.end, mention.name
                while k < len(tokens) and tokens[k].start < mention.end:
                    k += 1
                if k < len(tokens) and tokens[k].text[:1].islower() and not verb_like(tokens[k]):
                    continue  # "the Pew survey": a noun after the name heads the phrase
                break
            end, head = follower.end, follower.low
            k += 1
        if head:
            text = view.text[token.start : end]
            return NounPhrase("description", text, token.start, end, tuple(names), head)
    return None


def source_of(
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
        tokens[0].low in INTRO_WORDS
        or tokens[0].low.endswith("ing")
        or (tokens[0].low.endswith("ed") and tokens[0].text[:1].isupper())
    ):
        for k, token in enumerate(tokens[:30]):
            if token.text in {",", ":"}:
                start = k + 1
                break
    if (
        start + 2 < len(tokens)
        and tokens[start].low == "it"
        and tokens[start + 1].low in {"was", "is"}
    ):
        # "It was in response to X's remark that the PM displayed …": a cleft sentence,
        # whose real subject follows "that".
        that = next(
            (j for j in range(start + 2, min(len(tokens), start + 30)) if tokens[j].low == "that"),
            None,
        )
        if that is not None:
            start = that + 1
    k = start
    limit = min(len(tokens), start + 25)
    while k < limit:
        token = tokens[k]
        phrase: NounPhrase | None = None
        mention = view.mention_starting(token.start)
        if mention is not None and token.text.endswith(("’s", "'s")):
            owned = _owned_subject(tokens, k, limit, mention, view)
            if owned is not None:
                return owned, ()  # "Wheeler’s office released …"
        if mention is not None:
            phrase = NounPhrase("mention", mention.name, mention.start, mention.end)
        elif token.low in SUBJECT_PRONOUNS:
            phrase = NounPhrase("pronoun", token.low, token.start, token.end)
        elif token.low in _SUBJECT_DETERMINERS and (k == start or tokens[k - 1].text == ","):
            phrase = np_right(view, tokens, k)
        if phrase is None:
            k += 1
            continue
        after = _index_after(tokens, phrase.end, k)
        if phrase.kind == "description":
            after = _skip_complement(tokens, after)  # "a spokeswoman for Fields, Jo Ray, …"
        named = _named_apposition(view, tokens, after)
        if phrase.kind == "description" and named is not None:
            # "Her partner, the architect Samuel Okafor, sees …": the name is the subject.
            phrase = named
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
        if verb_like(candidate) or (phrase.kind == "mention" and _present_tense(candidate)):
            return phrase, ()
        if phrase.kind == "description":
            k = max(k + 1, after)
            continue
        k += 1
    return None, ()


_SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our"})


def _named_apposition(view: ParagraphView, tokens: list[Token], k: int) -> NounPhrase | None:
    """The name inside ", the architect Samuel Okafor," right after a description."""
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    first = view.mention_starting(tokens[k + 1].start) if k + 1 < len(tokens) else None
    if first is not None and " " in first.name and not looks_like_organisation(first.name):
        # ", Katie Burke of the Glover Park Group,": the person opens the apposition.
        return NounPhrase("mention", first.name, first.start, first.end)
    for j in range(k + 1, min(len(tokens), k + 10)):
        if tokens[j].text == ",":
            mention = view.mention_ending(tokens[j - 1].end)
            if mention is not None and mention.start > tokens[k].start:
                return NounPhrase("mention", mention.name, mention.start, mention.end)
            return None
        if tokens[j].text in {".", ":", ";"}:
            return None
    return None


def _owned_subject(
    tokens: list[Token], k: int, limit: int, mention: Mention, view: ParagraphView
) -> NounPhrase | None:
    """'Wheeler’s office released': a possessive name and up to three lower-case nouns
    before a verb; the phrase is headed by the last noun and owned by the name."""
    j = k + 1
    while j < limit and j - k <= 3 and tokens[j].text.isalpha() and tokens[j].text.islower():
        if verb_like(tokens[j]):
            break
        j += 1
    if j == k + 1 or not verb_like(skip_adverbs(tokens, j)):
        return None
    head = tokens[j - 1]
    text = view.text[tokens[k].start : head.end]
    return NounPhrase("description", text, tokens[k].start, head.end, (mention.name,), head.low)


def _skip_complement(tokens: list[Token], k: int) -> int:
    """Past a short prepositional complement ending at a comma: "for Fields," → ","."""
    if k >= len(tokens) or tokens[k].low not in {"for", "of", "at", "from", "to", "with"}:
        return k
    for j in range(k + 1, min(len(tokens), k + 6)):
        if tokens[j].text == ",":
            return j
        if not tokens[j].text[:1].isalnum():
            break
    return k


def _present_tense(token: Token | None) -> bool:
    """'Jim Harbaugh leads …': a lower-case -s word right after a name reads as its verb."""
    if token is None or not token.text.isalpha() or not token.text[:1].islower():
        return False
    low = token.low
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous"))


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
    """The token after adverbs and a short phrase of time between a subject and its verb
    ("Lavrov on Monday dismissed", "Salonga on Independence Day tweeted")."""
    while k < len(tokens):
        low = tokens[k].low
        if low.endswith("ly") or low in {"also", "then", "later", "earlier"}:
            k += 1
            continue
        if low in {"on", "in", "at", "during", "last", "this"}:
            j = k + 1
            while (
                j < len(tokens)
                and j <= k + 3
                and (
                    tokens[j].text[:1].isupper()
                    or tokens[j].text[:1].isdigit()
                    or tokens[j].low in TIME_WORDS
                )
            ):
                j += 1
            if j > k + 1:
                k = j
                continue
        break
    return tokens[k] if k < len(tokens) else None


def low_is_noun(tokens: list[Token], c: int) -> bool:
    """'his text', 'Legend’s call', 'no mention of': a cue word used as a noun."""
    if c + 1 < len(tokens) and tokens[c + 1].low == "of" and not tokens[c].low.endswith("ed"):
        return True
    previous = tokens[c - 1] if c > 0 else None
    if previous is None:
        return False
    return (
        previous.low in LIGHT_VERBS  # "accepts blame", "took aim": the object noun
        or previous.low in DETERMINERS
        or previous.low in {"no", "every", "each", "any"}
        or previous.text.endswith(("’s", "'s", "s’", "s'"))
    )


def starts_clause(view: ParagraphView, tokens: list[Token], k: int, phrase: NounPhrase) -> bool:
    """The subject found for a cue after a quotation must start right after the quotation
    (titles allowed before a name: "Vogue editor Anna Wintour said")."""
    if phrase.start <= tokens[k].start:
        return True
    between = [token for token in tokens[k:] if token.start < phrase.start]
    if len(between) > 6 or any(not token.text[:1].isalnum() for token in between):
        return False
    if between and between[-1].low in TITLE_WORDS:
        return True  # "Utrecht police chief Rob van Bree told …"
    return all(
        token.text[:1].isupper() or token.low in LOWER_ROLES or token.low in {"the", "of"}
        for token in between
    )


def modifies_thing(view: ParagraphView, tokens: list[Token], c: int) -> bool:
    """An -ing form right after a noun that is not a person modifies that noun."""
    previous = tokens[c - 1]
    if not previous.text[:1].isalpha() or previous.low in AUX | {"and", "or", "but", "by"}:
        return False
    if previous.low in {"heard", "seen", "caught", "while", "when", "after", "before"}:
        return False
    phrase = np_ending(view, tokens, c - 1)
    if phrase is None or phrase.kind != "description":
        return False
    return phrase.head not in PERSON_HEADS and phrase.text.split()[0].lower() in DETERMINERS


def is_unnamed(phrase: NounPhrase) -> bool:
    """An explicit subject that names nobody ("a little girl", "others", "fans")."""
    if phrase.kind != "description":
        return False
    determiner = phrase.text.split()[0].lower() if phrase.text.split() else ""
    return determiner not in {"the", "this", "that"} or phrase.head in UNNAMED_HEADS
