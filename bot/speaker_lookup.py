"""Every form of every speaker's name, so "kanye", "@kanyewest", "West" and "Kayne West"
all lead to Kanye West."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from bot.models import Article
from bot.normalize import normalize_text

# Roles in front of a name that say nothing about who it is.
_TITLE_TEXT = """
    president former vice senator sen rep representative governor gov mayor dr doctor mr
    mrs ms miss sir dame lord lady prof professor singer rapper actor actress director
    comedian host cohost co the"""
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())
FUZZY_CUTOFF = 80.0
CLEAR_LEAD = 5.0


@lru_cache(maxsize=65_536)
def _key(form: str) -> str:
    return normalize_text(form.strip().lstrip("@"))


@dataclass
class SpeakerEntry:
    """One canonical speaker and, per article, the forms of the name that article uses."""

    name: str
    forms: dict[str, set[str]] = field(default_factory=dict)  # article id -> forms
    handles: dict[str, set[str]] = field(default_factory=dict)  # article id -> handles

    def visible(self, articles: set[str]) -> bool:
        return any(a in articles for a in self.forms)

    def keys(self, articles: set[str]) -> set[str]:
        keys = {_key(self.name)}
        for article_id, forms in self.forms.items():
            if article_id in articles:
                keys.update(_key(f) for f in forms)
        for article_id, handles in self.handles.items():
            if article_id in articles:
                keys.update(_key(h) for h in handles)
        keys.discard("")
        return keys

    def display_aliases(self, articles: set[str]) -> tuple[str, ...]:
        seen = {_key(self.name)}
        aliases = []
        for article_id, forms in self.forms.items():
            if article_id not in articles:
                continue
            for form in sorted(forms):
                if _key(form) not in seen:
                    seen.add(_key(form))
                    aliases.append(form)
        return tuple(aliases)

    def handle(self, articles: set[str]) -> str | None:
        for article_id, handles in self.handles.items():
            if article_id in articles and handles:
                return sorted(handles)[0]
        return None


class SpeakerDirectory:
    def __init__(self) -> None:
        self._entries: dict[str, SpeakerEntry] = {}  # normalised canonical name -> entry

    def entry(self, name: str) -> SpeakerEntry | None:
        return self._entries.get(_key(name))

    def add(self, article: Article) -> None:
        for speaker in article.speakers:
            entry = self._entry_for(speaker.name)
            entry.forms.setdefault(article.id, set()).update(
                a for a in (speaker.name, *speaker.aliases) if a and a.strip()
            )
            if speaker.handle:
                entry.handles.setdefault(article.id, set()).add(speaker.handle)
        # Each distinct name once: an article may hold thousands of quotes by a few people.
        for name, handle in {(q.speaker, q.handle) for q in article.quotes if q.speaker}:
            entry = self._entry_for(name)
            entry.forms.setdefault(article.id, set()).add(name)
            if handle:
                entry.handles.setdefault(article.id, set()).add(handle)

    def remove(self, article: Article) -> None:
        for key in list(self._entries):
            entry = self._entries[key]
            entry.forms.pop(article.id, None)
            entry.handles.pop(article.id, None)
            if not entry.forms and not entry.handles:
                del self._entries[key]

    def _entry_for(self, name: str) -> SpeakerEntry:
        key = _key(name)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = SpeakerEntry(name)
        return entry

    def _visible_entries(self, articles: set[str]) -> list[SpeakerEntry]:
        return [e for e in self._entries.values() if e.visible(articles)]

    def resolve(self, name: str, articles: set[str]) -> tuple[str | None, list[str]]:
        """(speaker, candidates): speaker is set only when exactly one person fits."""
        query = _key(name)
        if not query:
            return None, []
        entries = self._visible_entries(articles)
        keys = {e.name: e.keys(articles) for e in entries}
        untitled = " ".join(w for w in query.split() if w not in _TITLE_WORDS) or query
        for attempt in dict.fromkeys((query, untitled)):
            exact = [e.name for e in entries if attempt in keys[e.name]]
            if exact:
                return _decide(exact)
            words = attempt.split()
            partial = [
                e.name for e in entries if any(_covers(words, key.split()) for key in keys[e.name])
            ]
            if partial:
                return _decide(partial)
        scored = []
        for entry in entries:
            best = max(_similarity(untitled, key) for key in keys[entry.name])
            if best >= FUZZY_CUTOFF:
                scored.append((best, entry.name))
        scored.sort(key=lambda item: (-item[0], item[1]))
        if not scored:
            return None, []
        top = scored[0][0]
        close = [n for s, n in scored if s >= top - CLEAR_LEAD]
        return _decide(close)

    def complete(self, prefix: str, articles: set[str], limit: int) -> list[str]:
        """Full names for autocomplete: prefix matches of name, alias or handle first."""
        query = _key(prefix)
        ranked: list[tuple[int, float, str]] = []
        for entry in self._visible_entries(articles):
            if not query:
                ranked.append((0, 0.0, entry.name))
                continue
            name_key = _key(entry.name)
            keys = entry.keys(articles)
            if name_key.startswith(query):
                ranked.append((0, 0.0, entry.name))
            elif any(k.startswith(query) for k in keys):
                ranked.append((1, 0.0, entry.name))
            elif any(w.startswith(query) for k in keys for w in k.split()):
                ranked.append((2, 0.0, entry.name))
            else:
                best = max(_similarity(query, k) for k in keys)
                if best >= FUZZY_CUTOFF:
                    ranked.append((3, -best, entry.name))
        ranked.sort(key=lambda item: (item[0], item[1], item[2].casefold()))
        return [name for _, _, name in ranked[:limit]]


def _decide(names: Iterable[str]) -> tuple[str | None, list[str]]:
    unique = list(dict.fromkeys(names))
    if len(unique) == 1:
        return unique[0], unique
    return None, unique


def _covers(query_words: list[str], key_words: list[str]) -> bool:
    """Every typed word is a word of the name (or the start of one, from 3 letters)."""
    return all(
        any(k == q or (len(q) >= 3 and k.startswith(q)) for k in key_words) for q in query_words
    )


def _similarity(query: str, key: str) -> float:
    """Typo-tolerant name similarity, also against each single word of the name."""
    best = max(fuzz.ratio(query, key), fuzz.token_sort_ratio(query, key))
    if " " not in query:
        best = max([best, *(fuzz.ratio(query, w) for w in key.split() if len(w) >= 3)])
    return float(best)
