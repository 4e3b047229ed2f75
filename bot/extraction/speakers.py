"""Names in an article and the one canonical form each person goes by.

News introduces a person once in full ("Former View co-host Rosie O’Donnell") and then
shortens ("O’Donnell", "Rosie", "ROSIE (@Rosie)", "@Rosie"). Every mention is mapped to the
fullest name the article gives; roles and titles are stripped for matching and kept for
display; a short form that fits several people is resolved to the person the article
introduced first with it (news style: a bare surname is the first person introduced with
that surname) and flagged as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from bot.extraction.cues import word_set

# Capitalised words that start sentences or name things other than people.
STOPWORDS = word_set(
    """
    a an the and but or nor so yet for if then than when while where whereas as at by in
    on of off to from with without into onto over under after before during since until
    about above across against along among around behind below beneath beside between
    beyond despite except inside near outside through throughout toward towards upon within
    he she it they we i you his her its their our my your him them us me this that these
    those there here what which who whom whose why how all any both each every few many
    most much no none not only other some such same own also just even still indeed however
    meanwhile perhaps maybe finally later earlier now today yesterday tomorrow tonight
    according said says told added wrote tweeted posted is are was were be been being has
    have had do does did will would can could should may might must shall
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec advertisement read more follow sign like get see watch click
    photo video getty images image credit source update updated related story others
    everyone everybody someone somebody anyone nobody people fans critics sources
    volunteers officials residents protesters witnesses police authorities investigators
    experts analysts researchers scientists doctors lawmakers voters students parents
    teachers workers users viewers readers supporters opponents activists neighbours
    neighbors locals officers firefighters employees staff members leaders organisers
    organizers prosecutors lawyers insiders observers commentators diplomats players
    many some several most both"""
)

# Role words: stripped from a name for matching, kept as the speaker's title.
ROLE_WORDS = word_set(
    """
    president vice secretary press gov governor sen senator rep representative dr mr mrs
    ms miss mx prof professor sir dame lord lady king queen prince princess pope judge
    justice general gen col colonel capt captain lt lieutenant sgt sergeant adm admiral
    mayor minister premier chancellor ambassador attorney chief director ceo chairman
    chairwoman chair spokesman spokeswoman spokesperson former rev reverend father sister
    brother bishop cardinal rabbi imam sheikh coach commissioner councillor councilman
    councilwoman congressman congresswoman speaker leader deputy host co-host anchor editor
    founder officer inspector detective agent superintendent principal dean chancellor
    treasurer auditor clerk sheriff marshal whip cfo coo cto cio cmo pm"""
)
LOWER_ROLES = word_set(
    """
    singer rapper director actor actress host co-host star editor president secretary
    spokesman spokeswoman spokesperson senator governor ambassador aide comedian
    comedienne lawyer attorney investor chef writer author producer model ceo founder
    chairman chairwoman rep representative mogul musician songwriter designer presenter
    anchor columnist journalist reporter correspondent analyst economist professor
    researcher scientist doctor coach player striker manager captain quarterback
    candidate campaigner activist commentator pundit official minister mayor judge
    businessman businesswoman entrepreneur billionaire millionaire filmmaker artist
    dancer athlete boxer footballer creator broadcaster personality socialite leader
    chief head partner executive adviser advisor strategist pollster owner member
    gaffer boss architect engineer painter photographer novelist poet historian teacher
    nurse surgeon pilot farmer priest pastor soldier officer detective inspector prosecutor
    curator conductor composer pianist guitarist drummer vocalist frontman frontwoman
    bassist dj sculptor playwright screenwriter choreographer stylist chairperson diplomat
    councillor councilor councilman councilwoman mp pm"""
)

ORG_WORDS = word_set(
    """
    society center centre times news magazine university party house church council
    committee association institute foundation company corporation inc ltd group network
    channel post journal daily mail sun guardian tribune herald review press agency bureau
    department ministry service office club league union federation records studios
    entertainment media bank fund school college hospital court senate congress parliament
    instagram twitter facebook youtube tiktok snapchat reddit google apple amazon netflix
    hbo fox cnn bbc nbc abc cbs msnbc winery hotel tower towers holdings inc corp llc plc
    partners capital ventures industries airlines motors systems labs police army navy"""
)

_NOT_NAMES = STOPWORDS | ROLE_WORDS
# Sentence-initial verbs that are not part of a following name: "Quoting Steve Sarkisian".
_LEADING_VERBS = word_set(
    """
    quoting citing speaking asked asking explaining adding writing telling noting praising
    slamming blasting thanking calling meeting visiting watching hearing seeing reading"""
)
_ALL_ROLES = LOWER_ROLES | ROLE_WORDS
_ABBREVIATIONS = r"(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|St|Jr|Sr|Lt|Gen|Col|Capt|Prof|Rev|Sgt|Adm|Mt|Ft)\."
_NAME_TOKEN = (
    rf"(?:{_ABBREVIATIONS}|[A-Z]\.(?:[A-Z]\.)*(?![\w’'])|O[’'][A-Z][\w\-]*|[A-Z][\w’'\-]*)"
)
_CONNECTOR = r"(?:of(?:\s+the)?|de|van|von|der|da|del|la|le|du|bin|al)"
# Every name token starts with a capital: the leading lookahead lets the regex engine skip
# straight to capitals instead of trying the lookbehind at every character.
MENTION_RE = re.compile(
    rf"(?=[A-Z])(?<![\w@#’'])(?:{_NAME_TOKEN})(?:\s+(?:{_CONNECTOR}\s+)?(?:{_NAME_TOKEN}))*"
    rf"(?![\w])"
)
_ROLE_COMPLEMENT_RE = re.compile(r"\b([a-z]+)\s+(?:to|of|for|at|in)\s+$")
_POSSESSIVE_RE = re.compile(r"[’']s?$")
_HANDLE_SPLIT_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@lru_cache(maxsize=16384)
def looks_like_organisation(name: str) -> bool:
    """'Trump White House', 'Pew Research Center': not a person's first name + surname."""
    return any(word.lower().strip(".") in ORG_WORDS for word in name.split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for comparing name forms."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _APOSTROPHES_RE.sub("'", text)
    return text.replace("`", "'").casefold().strip()


_APOSTROPHES_RE = re.compile(r"[’`]")


@lru_cache(maxsize=65536)
def letters_key(text: str) -> str:
    """Only the letters, folded: 'Kanye West' and '@kanyewest' both give 'kanyewest'."""
    return re.sub(r"[^a-z]", "", fold(text))


def strip_possessive(name: str) -> str:
    if len(name) <= 2 or name[-1] not in "s’'":
        return name
    return _POSSESSIVE_RE.sub("", name)


def nice_case(name: str) -> str:
    """'KANYE WEST' → 'Kanye West'; names with any lower-case letter stay as written."""
    if any(ch.islower() for ch in name) or not any(ch.isalpha() for ch in name):
        return name
    if " " not in name and len(name) <= 4:
        return name  # acronyms: CNN, NASA
    return " ".join(
        word if any(ch.isdigit() for ch in word) else word.capitalize() for word in name.split()
    )


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """('U.S.', 'President', 'Donald', 'Trump') → (['U.S.', 'President'], ['Donald', 'Trump'])."""
    last_role = -1
    for index, token in enumerate(tokens[:-1]):
        if token.rstrip(".").lower() in ROLE_WORDS:
            last_role = index
    if last_role >= 0:
        return tokens[: last_role + 1], tokens[last_role + 1 :]
    if len(tokens) >= 3 and tokens[0].lower() in LOWER_ROLES:
        return tokens[:1], tokens[1:]  # "Singer Dana Park" at the start of a sentence
    if (
        len(tokens) == 2
        and tokens[0].lower() in LOWER_ROLES
        and tokens[1][:1].isupper()
        and tokens[1].lower() not in LOWER_ROLES
    ):
        return tokens[:1], tokens[1:]  # "Teacher Mark has told …": a role and a name
    return [], tokens


class Mention(NamedTuple):
    """A capitalised name in the text (titles stripped) at [start, end)."""

    start: int
    end: int
    name: str
    title: str | None = None


def find_mentions(text: str) -> list[Mention]:
    """Capitalised name sequences, with leading sentence words and titles removed."""
    mentions: list[Mention] = []
    for match in MENTION_RE.finditer(text):
        found = match.group()
        if " " not in found:  # the common case: one capitalised word
            low = found.rstrip(".").lower()
            if low in _NOT_NAMES:
                continue  # a sentence starting "The", "After", "But"…
            name = strip_possessive(found)
            start = match.start()
            mentions.append(Mention(start, start + len(name), name, None))
            continue
        tokens = found.split()
        offset = match.start()
        # Drop leading stopwords ("After", "On Wednesday", "The" unless mid-sentence org).
        while tokens and (
            tokens[0].rstrip(".").lower() in STOPWORDS
            or (len(tokens) > 1 and tokens[0].lower() in _LEADING_VERBS)
        ):
            if tokens[0] == "The" and len(tokens) > 1 and _mid_sentence(text, offset):
                break
            offset = text.index(tokens[0], offset) + len(tokens[0])
            tokens = tokens[1:]
        while tokens and (
            tokens[-1].lower() in {"of", "the", "and", "de", "van", "von", "la"}
            or (
                len(tokens) > 1
                and tokens[-1].lower() in STOPWORDS
                # "Metropolitan Police": an organisation's head noun ends its name
                and tokens[-1].lower() not in ORG_WORDS
            )
        ):
            tokens = tokens[:-1]
        if not tokens:
            continue
        if "of" in tokens:
            cut = tokens.index("of")
            head = tokens[:cut]
            _title, bare = split_title(head)
            if len(bare) >= 2 and not looks_like_organisation(" ".join(bare)):
                tokens = head  # "Kelly Ayotte of New Hampshire": the place is not the name
        title_tokens, name_tokens = split_title(tokens)
        if name_tokens and name_tokens[0].lower() in {"of", "to", "for"} and len(name_tokens) > 2:
            name_tokens = name_tokens[2:]  # "Secretary of State Mike Pompeo"
        elif len(name_tokens) >= 3 and _after_role_complement(text, match.start()):
            name_tokens = name_tokens[1:]  # "ambassador to Israel Daniel B. Shapiro"
        if not name_tokens:
            continue
        last = strip_possessive(name_tokens[-1])
        name_tokens = [*name_tokens[:-1], last]
        if all(token.rstrip(".").lower() in _NOT_NAMES for token in name_tokens):
            continue
        start = text.index(name_tokens[0], offset)
        end = start + len(" ".join(name_tokens))
        # Re-find the real end (spacing may differ) conservatively.
        end = min(end, match.end())
        title = " ".join(title_tokens) or None
        mentions.append(Mention(start, end, " ".join(name_tokens), title))
    return mentions


def _after_role_complement(text: str, offset: int) -> bool:
    """True after "ambassador to " / "president of ": the next word is a place."""
    found = _ROLE_COMPLEMENT_RE.search(text[max(0, offset - 40) : offset])
    return found is not None and found.group(1) in _ALL_ROLES


def _mid_sentence(text: str, offset: int) -> bool:
    before = text[max(0, offset - 8) : offset].rstrip()
    return bool(before) and before[-1] not in ".!?:\"“”'‘’"


def role_before(text: str, start: int) -> bool:
    """Cheap test: a lower-case role word right before a name ('singer John Legend')."""
    words = text[max(0, start - 30) : start].split()
    return bool(words) and words[-1].lower() in LOWER_ROLES


_LOWER_TITLE_RE = re.compile(
    r"((?:(?:[Ff]ormer|[A-Z][\w.’'\-]*|of|the|\w+-\w+)\s+){0,5}"
    r"(?:[a-z][\w\-]*\s+)?([a-z][\w\-]*))\s+$"
)


def _may_end_with_role(before: str) -> bool:
    """Whitespace ends the text, after a word that is or ends with a lower-case role: what
    _LOWER_TITLE_RE needs before its role group can name a role."""
    if not before[-1:].isspace():
        return False
    words = before.split()
    last = words[-1] if words else ""
    return any(last[i:].lower() in LOWER_ROLES for i in range(len(last)))


def lower_title_before(text: str, start: int) -> str | None:
    """A lower-case role right before a name: 'singer John Legend' → 'singer'."""
    before = text[max(0, start - 80) : start]
    if not _may_end_with_role(before):
        return None  # cheap exit: the search below tries every position of the window
    match = _LOWER_TITLE_RE.search(before)
    if not match or match.group(2).lower() not in LOWER_ROLES:
        return None
    words = match.group(1).split()
    while words and (words[0].lower() in STOPWORDS - {"former"} or words[0] in {"of", "the"}):
        words = words[1:]
    return " ".join(words) or None


class SpeakerRegistry:
    """Canonical names for one article, built from every capitalised mention in it."""

    def __init__(self) -> None:
        self._full: list[tuple[int, str]] = []  # (first position, full name), in order
        self._seen_full: set[str] = set()
        self.ambiguous: set[str] = set()
        self._forms: dict[str, str] = {}
        self._title_map: dict[str, str] = {}
        self._memo: dict[str, str] = {}
        self._contexts: dict[str, list[tuple[str, int]]] = {}

    def forms(self) -> list[str]:
        """Every name form seen in the article, as first written."""
        return list(self._forms.values())

    def learn(
        self,
        name: str,
        position: int,
        title: str | None = None,
        context: tuple[str, int] | None = None,
    ) -> None:
        """Record a name form seen in the text (before any resolution).

        ``context`` (paragraph text, offset of the name) lets a lower-case role before the
        name ("singer John Legend") be read later, only for names that turn out to speak.
        """
        name = name.strip()
        if not name:
            return
        key = fold(name)
        self._forms.setdefault(key, name)
        if len(name.split()) >= 2 and key not in self._seen_full:
            self._seen_full.add(key)
            self._full.append((position, name))
            self._memo.clear()
        if title:
            self._titles.setdefault(key, title)
        elif context is not None and len(self._contexts.setdefault(key, [])) < 8:
            self._contexts[key].append(context)

    @property
    def _titles(self) -> dict[str, str]:
        return self._title_map

    def canonical(self, mention: str) -> str:
        """The fullest name the article gives for this mention (or the mention, tidied)."""
        cached = self._memo.get(mention)
        if cached is None:
            cached = self._canonical(mention)
            self._memo[mention] = cached
        return cached

    def _index(self) -> None:
        """Lookup tables over the full names, rebuilt when a new full name is learned."""
        self._exact: dict[str, str] = {}
        self._by_last: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        self._by_letters: dict[str, str] = {}
        self._org_first: dict[str, list[str]] = {}
        self._first_seen: dict[str, int] = {}
        for position, full in self._full:
            key = fold(full)
            tokens = key.split()
            self._exact.setdefault(key, full)
            self._first_seen.setdefault(key, position)
            if any(ch.isdigit() for ch in full):
                continue  # "BlackBerry Z10" is a product: not the fuller form of "BlackBerry"
            self._by_last.setdefault(tokens[-1], []).append(full)
            if not looks_like_organisation(full):
                self._by_first.setdefault(tokens[0], []).append(full)
            else:
                self._org_first.setdefault(tokens[0], []).append(full)
            self._by_letters.setdefault(letters_key(full), full)
        self._indexed = len(self._full)

    def _canonical(self, mention: str) -> str:
        mention = strip_possessive(mention.strip().lstrip("#@").strip())
        if not mention:
            return mention
        if getattr(self, "_indexed", -1) != len(self._full):
            self._index()
        key = fold(mention)
        tokens = key.split()
        best = self._exact.get(key)
        if best is not None and len(tokens) >= 2:
            # "Sánchez Hernández" after "Eduardo Sánchez Hernández": a two-word surname is
            # the short form of the one fuller name, introduced earlier, that ends with it.
            first_seen = self._first_seen.get(key, 0)
            fuller = {
                fold(full): full
                for full in self._by_last.get(tokens[-1], ())
                if self._first_seen[fold(full)] < first_seen
                and len(fold(full).split()) > len(tokens)
                and fold(full).split()[-len(tokens) :] == tokens
            }
            if len(fuller) == 1:
                best = next(iter(fuller.values()))
        if best is not None:
            best = _prefer_mixed_case(best, [self._forms.get(key, best)])
        elif len(tokens) == 1:
            # A surname names the first person introduced with it; else a first name.
            candidates = (
                self._by_last.get(key) or self._by_first.get(key) or self._org_first.get(key) or []
            )
            people = {fold(c) for c in candidates}
            if len(people) > 1:
                self.ambiguous.add(key)
            best = candidates[0] if candidates else None
            if best is not None:
                best = self.canonical(best)  # "Sánchez" → "Sánchez Hernández" → its full form
        else:
            longer = [
                full
                for _position, full in self._full
                if len(fold(full).split()) > len(tokens)
                and _contains_run(fold(full).split(), tokens)
            ]
            best = max(longer, key=lambda full: len(full.split())) if longer else None
        if best is None and " " not in mention and len(letters_key(mention)) >= 4:
            # A run-together form: a handle or hashtag such as kanyewest / RobertPattinson.
            best = self._by_letters.get(letters_key(mention))
        return nice_case(best or mention)

    def is_ambiguous(self, mention: str) -> bool:
        """True when this short form fits several people ("Lopez": Maria and Ana Lopez)."""
        self.canonical(mention)
        return fold(strip_possessive(mention.strip().lstrip("#@").strip())) in self.ambiguous

    def title_for(self, name: str) -> str | None:
        key = fold(name)
        title = self._titles.get(key)
        if title is None and key in self._contexts:
            for text, start in self._contexts.pop(key):
                title = lower_title_before(text, start)
                if title:
                    self._titles[key] = title
                    break
        return title


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    """Needle is the first tokens, last tokens or a contiguous run of haystack."""
    size = len(needle)
    if size == 0:
        return False
    if size == 1:
        return needle[0] in (haystack[0], haystack[-1])
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def _prefer_mixed_case(chosen: str, candidates: list[str]) -> str:
    if any(ch.islower() for ch in chosen):
        return chosen
    for candidate in candidates:
        if fold(candidate) == fold(chosen) and any(ch.islower() for ch in candidate):
            return candidate
    return chosen


def name_from_handle(display: str | None, handle: str | None) -> str | None:
    """'camila' + '@Camila_Cabello' → 'Camila Cabello': the handle spells out the name."""
    if not handle or not display:
        return display
    parts = [p for p in re.split(r"[_.]", handle.lstrip("@")) if p]
    if len(parts) < 2 or not all(part.isalpha() for part in parts):
        return display
    if display and fold(parts[0]) != fold(display.split()[0]):
        return display
    if display and len(display.split()) >= 2:
        return display
    return " ".join(part.capitalize() if part.islower() else part for part in parts)
