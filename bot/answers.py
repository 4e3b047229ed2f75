"""Answers every front end gives: who said it, quotes by a speaker, a random quote, a check.

``Library`` holds the articles, keeps the search index current, and answers with plain data
(the dataclasses below), so Discord, the console and the CLI say the same thing.
"""

from __future__ import annotations

import importlib
import logging
import random as random_module
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.differences import describe_differences
from bot.errors import ArticleError, NotFoundError
from bot.models import Article, Match, Quote
from bot.narration import NarrationIndex
from bot.normalize import clean_query, normalize_text
from bot.scoring import STOPWORDS
from bot.search import QuoteIndex
from bot.speaker_lookup import SpeakerDirectory

log = logging.getLogger(__name__)

# A match is confident from this score up (0-100) ...
CONFIDENT_SCORE = 78.0
# ... when it holds this share of the query's meaningful words (not "the", "a", ...) ...
MIN_CONTENT_FOUND = 60.0
# ... and, for a query with one meaningful word ("the love"), holds the words in order.
SOLE_WORD_FRAGMENT = 90.0
# Another speaker within this many points of the best makes the answer ambiguous.
AMBIGUITY_MARGIN = 6.0
# The article's own text must beat every quote by this much to be called narration.
NARRATION_MARGIN = 3.0
# "Did you mean" offers quotes from this score up.
NEAREST_MIN_SCORE = 35.0
NEAREST_COUNT = 3
_SEARCH_DEPTH = 25

WhoSaidStatus = str  # "match" | "ambiguous" | "no_match" | "narration" | "empty_query"


@dataclass(frozen=True, slots=True)
class NarrationHit:
    """The query matched the article's own words, not a quotation."""

    article_id: str
    paragraph: int  # 1-based
    text: str  # the whole paragraph, as written
    author: str | None
    score: float
    article_title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class WhoSaidAnswer:
    """The answer to "who said ...?"; ``status`` says which fields matter."""

    query: str
    status: WhoSaidStatus
    best: Match | None = None
    alternatives: list[Match] = field(default_factory=list)
    nearest: list[Match] = field(default_factory=list)
    narration: NarrationHit | None = None

    @property
    def matches(self) -> list[Match]:
        """The confident matches, best first: empty unless status is match or ambiguous."""
        if self.status in ("match", "ambiguous") and self.best is not None:
            return [self.best, *self.alternatives]
        return []


@dataclass(frozen=True, slots=True)
class SpeakerResolution:
    """Which person a typed name means: ``speaker`` when it is clear, else ``candidates``."""

    query: str
    speaker: str | None
    candidates: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """Every visible quote by one speaker, in article order."""

    speaker: str | None
    quotes: list[Quote] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # when the name was unclear


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    name: str
    aliases: tuple[str, ...]
    quote_count: int
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Verification:
    """Did ``claimed_speaker`` say ``text``? See ``verdict``."""

    verdict: str  # "yes" | "no_other_speaker" | "no_such_quote" | "unknown_speaker"
    claimed_speaker: str  # as the user typed it, or the resolved full name
    text: str
    match: Match | None = None
    actual_speaker: str | None = None
    differences: str | None = None
    candidates: list[str] = field(default_factory=list)  # for an unclear speaker name


class Library:
    """The articles a bot knows, searchable; guild-scoped articles stay in their guild."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._articles: dict[str, Article] = {}
        self._index = QuoteIndex()
        self._narration = NarrationIndex()
        self._speakers = SpeakerDirectory()
        self.add_articles(articles)

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def from_path(cls, path: Path | str | None = None) -> Library:
        """Articles from a file or a folder of files; ``None`` means the bundled articles."""
        from bot.paths import bundled_article_files

        if path is None:
            files = bundled_article_files()
        else:
            path = Path(path)
            if path.is_dir():
                files = sorted(
                    p for p in path.iterdir() if p.is_file() and p.suffix in {".txt", ".md"}
                )
                if not files:
                    raise ArticleError(f"No article files (.txt or .md) in {path}.")
            elif path.is_file():
                files = [path]
            else:
                raise ArticleError(f"No article file or folder at {path}.")
        # Imported here so the search layer loads (and tests run) without the extractor.
        read_article_file: Callable[[Path], Article] = importlib.import_module(
            "bot.extraction"
        ).read_article_file
        return cls(read_article_file(p) for p in files)

    # -- articles --------------------------------------------------------------------------

    @property
    def articles(self) -> list[Article]:
        return list(self._articles.values())

    def add_article(self, article: Article) -> Article:
        """Add (or replace, by id) an article; returns it with every quote given an id."""
        (added,) = self.add_articles([article])
        return added

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Add (or replace, by id) many articles; their quotes join the index in one batch.

        One batch builds the index's arrays once, where adding a large store article by
        article would merge (and re-sort) the growing index again and again.
        """
        added: dict[str, Article] = {}
        for article in articles:
            if article.id in self._articles:
                added.pop(article.id, None)
                self.remove_article(article.id)
            article = _with_quote_ids(article)
            self._articles[article.id] = article
            self._narration.add(article)
            self._speakers.add(article)
            added[article.id] = article
        self._index.add(q for article in added.values() for q in article.quotes)
        log.debug("Added %d articles", len(added))
        return list(added.values())

    def remove_article(self, article_id: str) -> Article:
        """Remove an article and its quotes; raises NotFoundError when there is none."""
        article = self._articles.pop(article_id, None)
        if article is None:
            raise NotFoundError(f"No article with id {article_id!r}.")
        self._index.remove(q.id for q in article.quotes)
        self._narration.remove(article_id)
        self._speakers.remove(article)
        return article

    def get_article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def get_quote(self, quote_id: str) -> Quote | None:
        return self._index.get(quote_id)

    @property
    def index(self) -> QuoteIndex:
        return self._index

    # -- who said it -----------------------------------------------------------------------

    def who_said(self, query: str, *, guild_id: int | None = None) -> WhoSaidAnswer:
        """The quote that best matches what the user remembers, and how sure that is."""
        cleaned = clean_query(query)
        if not normalize_text(cleaned):
            return WhoSaidAnswer(query=cleaned, status="empty_query")
        visible = self._visible_filter(guild_id)
        found = self._index.search(cleaned, limit=_SEARCH_DEPTH, where=visible)
        nearest = [m for m in found if m.score >= NEAREST_MIN_SCORE][:NEAREST_COUNT]
        if _too_vague(cleaned):
            # "the" or "it is" is in every other quote: no answer would be honest.
            return WhoSaidAnswer(cleaned, "no_match", nearest=nearest)
        narration = self._narration_hit(cleaned, guild_id)
        confident = [m for m in found if is_confident(m)]
        best = confident[0] if confident else None
        best_score = best.score if best else 0.0
        if narration is not None and narration.score >= best_score + NARRATION_MARGIN:
            return WhoSaidAnswer(cleaned, "narration", nearest=nearest, narration=narration)
        if best is None:
            return WhoSaidAnswer(cleaned, "no_match", nearest=nearest)
        alternatives = _other_speakers_close(confident, best)
        status = "ambiguous" if alternatives else "match"
        return WhoSaidAnswer(cleaned, status, best=best, alternatives=alternatives)

    def suggest(self, query: str, limit: int = 25, *, guild_id: int | None = None) -> list[Match]:
        """Quotes to preview while the user types (autocomplete)."""
        if limit <= 0 or not normalize_text(clean_query(query)):
            return []
        return self._index.search(query, limit=limit, where=self._visible_filter(guild_id))

    # -- speakers --------------------------------------------------------------------------

    def resolve_speaker(self, name: str, *, guild_id: int | None = None) -> SpeakerResolution:
        """A typed name, alias, handle, part of a name or misspelling -> one full name."""
        visible = self._visible_article_ids(guild_id)
        speaker, candidates = self._speakers.resolve(name, visible)
        return SpeakerResolution(query=name, speaker=speaker, candidates=candidates)

    def quotes_by(self, name: str, *, guild_id: int | None = None) -> SpeakerQuotes:
        resolution = self.resolve_speaker(name, guild_id=guild_id)
        if resolution.speaker is None:
            return SpeakerQuotes(speaker=None, candidates=resolution.candidates)
        quotes = [
            q
            for article in self._visible_articles(guild_id)
            for q in article.quotes
            if q.speaker == resolution.speaker
        ]
        return SpeakerQuotes(resolution.speaker, quotes, [resolution.speaker])

    def speakers(self, *, guild_id: int | None = None) -> list[SpeakerSummary]:
        """Everyone quoted in the visible articles, most quoted first."""
        counts: dict[str, int] = {}
        for article in self._visible_articles(guild_id):
            for q in article.quotes:
                if q.speaker:
                    counts[q.speaker] = counts.get(q.speaker, 0) + 1
        visible = self._visible_article_ids(guild_id)
        summaries = []
        for name, count in counts.items():
            entry = self._speakers.entry(name)
            aliases = entry.display_aliases(visible) if entry else ()
            handle = entry.handle(visible) if entry else None
            summaries.append(SpeakerSummary(name, aliases, count, handle))
        summaries.sort(key=lambda s: (-s.quote_count, s.name.casefold()))
        return summaries

    def speaker_names_matching(
        self, prefix: str, limit: int = 25, *, guild_id: int | None = None
    ) -> list[str]:
        """Full names whose name, alias or handle starts with (or sounds like) ``prefix``."""
        if limit <= 0:
            return []
        return self._speakers.complete(prefix, self._visible_article_ids(guild_id), limit)

    # -- random and verify -----------------------------------------------------------------

    def random_quote(
        self,
        speaker: str | None = None,
        *,
        rng: random_module.Random | None = None,
        guild_id: int | None = None,
    ) -> Quote:
        """A random visible quote, optionally by one speaker; NotFoundError when none."""
        rng = rng or random_module.Random()
        if speaker is None or not speaker.strip():
            pool = [q for a in self._visible_articles(guild_id) for q in a.quotes]
            if not pool:
                raise NotFoundError("There are no quotes yet: add an article first.")
            return rng.choice(pool)
        found = self.quotes_by(speaker, guild_id=guild_id)
        if found.speaker is None:
            raise NotFoundError(_unknown_speaker_message(speaker, found.candidates))
        if not found.quotes:
            raise NotFoundError(f"No quotes by {found.speaker} yet.")
        return rng.choice(found.quotes)

    def verify(self, speaker: str, text: str, *, guild_id: int | None = None) -> Verification:
        """Did ``speaker`` say ``text``? Yes (and how the wording differs) or who did."""
        cleaned = clean_query(text)
        answer = self.who_said(cleaned, guild_id=guild_id)
        resolution = self.resolve_speaker(speaker, guild_id=guild_id)
        actual = answer.best if answer.status in ("match", "ambiguous") else None
        if resolution.speaker is None:
            return Verification(
                "unknown_speaker",
                speaker,
                cleaned,
                match=actual,
                actual_speaker=actual.quote.speaker if actual else None,
                differences=_differences(cleaned, actual),
                candidates=resolution.candidates,
            )
        claimed = resolution.speaker
        if answer.status != "empty_query":
            visible = self._visible_filter(guild_id)
            own = self._index.search(
                cleaned, limit=1, where=lambda q: q.speaker == claimed and visible(q)
            )
            best_score = answer.best.score if answer.best else 0.0
            if (
                own
                and own[0].score >= CONFIDENT_SCORE
                and (own[0].score >= best_score - AMBIGUITY_MARGIN)
            ):
                return Verification(
                    "yes",
                    claimed,
                    cleaned,
                    match=own[0],
                    actual_speaker=claimed,
                    differences=_differences(cleaned, own[0]),
                )
        if actual is not None:
            return Verification(
                "no_other_speaker",
                claimed,
                cleaned,
                match=actual,
                actual_speaker=actual.quote.speaker,
                differences=_differences(cleaned, actual),
            )
        return Verification("no_such_quote", claimed, cleaned)

    # -- visibility ------------------------------------------------------------------------

    def _visible_articles(self, guild_id: int | None) -> list[Article]:
        return [a for a in self._articles.values() if a.guild_id is None or a.guild_id == guild_id]

    def _visible_article_ids(self, guild_id: int | None) -> set[str]:
        return {a.id for a in self._visible_articles(guild_id)}

    def _visible_filter(self, guild_id: int | None) -> Callable[[Quote], bool]:
        hidden = {
            a.id
            for a in self._articles.values()
            if a.guild_id is not None and a.guild_id != guild_id
        }
        if not hidden:
            return _everything
        return lambda quote: quote.article_id not in hidden

    def _narration_hit(self, cleaned: str, guild_id: int | None) -> NarrationHit | None:
        """The article's own words matching the query confidently, if any."""
        prepared = self._index.prepare(cleaned)
        hit = self._narration.best(prepared, self._visible_article_ids(guild_id))
        if hit is None or not is_confident(hit):
            return None
        article = self._articles[hit.quote.article_id]
        paragraph = hit.quote.paragraph or 1
        return NarrationHit(
            article_id=article.id,
            paragraph=paragraph,
            text=article.paragraphs[paragraph - 1],
            author=article.author,
            score=hit.score,
            article_title=article.title,
            outlet=article.outlet,
        )


def is_confident(match: Match) -> bool:
    """A score above the threshold is not enough: most meaningful words must be there.

    partial_ratio alone would let "@everyone hi" match a tweet with "everyone" and "him".
    """
    details = match.details
    if match.score < CONFIDENT_SCORE:
        return False
    if details.get("content_found", 100.0) < MIN_CONTENT_FOUND:
        return False
    sole_word = details.get("content_words", 2.0) <= 1.0
    return not (sole_word and details.get("fragment", 100.0) < SOLE_WORD_FRAGMENT)


def _too_vague(query: str) -> bool:
    """One or two words that are all stopwords."""
    query_words = normalize_text(query).split()
    return len(query_words) < 3 and all(w in STOPWORDS for w in query_words)


def _everything(quote: Quote) -> bool:
    return True


def _other_speakers_close(found: list[Match], best: Match) -> list[Match]:
    """The best match of each other speaker that scores within the margin of ``best``."""
    seen = {best.quote.speaker}
    close = []
    for match in found[1:]:
        if match.score < max(CONFIDENT_SCORE, best.score - AMBIGUITY_MARGIN):
            break
        if match.quote.speaker not in seen:
            seen.add(match.quote.speaker)
            close.append(match)
    return close


def _differences(user_text: str, match: Match | None) -> str | None:
    return None if match is None else describe_differences(user_text, match.quote.text)


def _unknown_speaker_message(name: str, candidates: list[str]) -> str:
    if candidates:
        return f"Which {name!r}? Did you mean {', '.join(candidates[:5])}?"
    return f"No speaker called {name!r} in the articles I know."


def _with_quote_ids(article: Article) -> Article:
    """Give every quote an id unique in the article and the article's id."""
    quotes = []
    used: set[str] = set()
    changed = False
    for number, quote in enumerate(article.quotes, start=1):
        quote_id = quote.id or f"{article.id}:{number}"
        if quote_id in used:
            quote_id = f"{quote_id}:{number}"
        used.add(quote_id)
        if quote_id != quote.id or quote.article_id != article.id:
            quote = replace(quote, id=quote_id, article_id=article.id)
            changed = True
        quotes.append(quote)
    return replace(article, quotes=tuple(quotes)) if changed else article
