"""The sieve: parse → embedded posts → quotation marks → speech? → who said it → names.

Each stage is its own module; this one wires them together, sentence by sentence in reading
order, and applies the fallbacks for quotations no cue attributes: a quotation continuing
the previous one in its paragraph, a quote-only paragraph after an attributed one, a
quotation right after a sentence about a named person, and a fragment of a quotation
attributed elsewhere. ``assembly`` turns the results into ``Quote`` and ``Speaker`` objects,
each quote tagged with the rule that found it.
"""

from __future__ import annotations

import logging
import re

from bot.extraction.assembly import Found, build_article
from bot.extraction.attribution import Attribution, Attributor
from bot.extraction.decoding import (
    MAX_ARTICLE_CHARS,
    ArticleTooLargeError,
)
from bot.extraction.discourse import (
    Discourse,
    Document,
    build_document,
    infer_genders,
    person_like_names,
)
from bot.extraction.inner import find_inner_quotes
from bot.extraction.parsing import ParsedArticle, parse_article
from bot.extraction.phrases import MASK, mask_spans
from bot.extraction.posts import embed_speaker, platform_posters
from bot.extraction.quotemarks import QuoteSpan, find_quote_spans
from bot.extraction.speakers import (
    Mention,
    SpeakerRegistry,
    find_mentions,
    fold,
    looks_like_organisation,
    name_from_handle,
    nice_case,
)
from bot.extraction.speech import is_partial, is_speech, words
from bot.extraction.tweets import Embed, find_embeds
from bot.models import Article

log = logging.getLogger(__name__)

MAX_QUOTED_SPANS = 5000


def _learn_names(
    registry: SpeakerRegistry, paragraphs: list[str], embeds: list[Embed]
) -> list[list[Mention]]:
    offset = 0
    found: list[list[Mention]] = []
    for paragraph in paragraphs:
        mentions = find_mentions(paragraph)
        found.append(mentions)
        for mention in mentions:
            registry.learn(
                mention.name, offset + mention.start, mention.title, (paragraph, mention.start)
            )
        offset += len(paragraph) + 2
    for embed in embeds:
        display = name_from_handle(embed.name, embed.handle)
        if display and len(display.split()) >= 2:
            registry.learn(nice_case(display), offset)
    return found


def _raw_context(paragraphs: list[str], span: QuoteSpan) -> tuple[str, str]:
    """Up to 200 characters either side of the quotation marks (bounded: no quadratic work
    on giant paragraphs)."""
    open_at = max(0, span.start - 1)
    before = paragraphs[span.paragraph][max(0, open_at - 200) : open_at]
    after_start = span.end + (1 if span.close_mark else 0)
    after = paragraphs[span.end_paragraph][after_start : after_start + 200]
    return before, after


def extract_article(text: str, *, article_id: str = "", source: str | None = None) -> Article:
    """Parse an article and find every quotation in it with its speaker."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLargeError(
            f"The article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}. "
            "Pass a single article, not a whole archive or dump."
        )
    parsed = parse_article(text)
    paragraphs = list(parsed.paragraphs)
    embeds = find_embeds(paragraphs, parsed.gaps)
    embed_of: dict[int, Embed] = {}
    for embed in embeds:
        for number in range(embed.first_paragraph, embed.paragraph + 1):
            embed_of[number] = embed

    spans = find_quote_spans(paragraphs)
    outer = [
        s
        for s in spans
        if s.depth == 0 and s.paragraph not in embed_of and s.end_paragraph not in embed_of
    ]
    if len(outer) > MAX_QUOTED_SPANS:
        # Real articles quote a few dozen times; thousands of marks are debris or an attack.
        log.warning(
            "article %r has %d quoted spans; only the first %d are read",
            article_id,
            len(outer),
            MAX_QUOTED_SPANS,
        )
        outer = outer[:MAX_QUOTED_SPANS]
        spans = [s for s in spans if s.depth == 0][:MAX_QUOTED_SPANS]
    registry = SpeakerRegistry()
    raw_mentions = _learn_names(registry, paragraphs, embeds)

    masked = _masked_paragraphs(paragraphs, outer, embed_of)
    document = build_document(masked, registry, raw_mentions)
    discourse = Discourse(registry, lambda: infer_genders(document, registry))
    discourse.sentences = document.sentences
    discourse.person_like = person_like_names(
        document, registry, {name for embed in embeds if (name := embed_speaker(registry, embed))}
    )
    attributor = Attributor(document, registry, discourse)

    def sentence_subject(index: int) -> str | None:
        phrase, joint = document.subject(index)
        if joint:
            document.sentences[index].joint = tuple(registry.canonical(name) for name in joint)
        return attributor.resolve(phrase, index) if phrase is not None else None

    discourse.subject_resolver = sentence_subject

    posters = platform_posters(paragraphs, raw_mentions, registry, embeds, embed_of)
    sieve = _Sieve(parsed, document, discourse, attributor, registry, posters)
    by_sentence: dict[int, list[QuoteSpan]] = {}
    for span in outer:
        index = document.sentence_at(span.paragraph, max(0, span.start - 1))
        by_sentence.setdefault(index, []).append(span)
    handled_embeds: set[int] = set()
    for index, sentence in enumerate(document.sentences):
        post = embed_of.get(sentence.paragraph)
        if post is None:
            sieve.quote_sentence(index, by_sentence.get(index, []))
        elif post.paragraph not in handled_embeds:
            handled_embeds.add(post.paragraph)
            sieve.embed_sentence(index, post)

    found = sieve.found
    _echo(found)
    found.extend(
        _inner_quotes(spans, outer, embeds, found, registry, parsed.date, discourse.person_like)
    )
    found.sort(key=lambda f: (f.paragraph, f.position))
    return build_article(parsed, found, registry, embeds, article_id, source)


class _Sieve:
    """The quotations found so far and who spoke last, sentence by sentence."""

    def __init__(
        self,
        parsed: ParsedArticle,
        document: Document,
        discourse: Discourse,
        attributor: Attributor,
        registry: SpeakerRegistry,
        posters: dict[str, str],
    ) -> None:
        self.parsed = parsed
        self.paragraphs = list(parsed.paragraphs)
        self.document = document
        self.discourse = discourse
        self.attributor = attributor
        self.registry = registry
        self.posters = posters
        self.found: list[Found] = []
        self.last_para_speaker: dict[int, str | None] = {}

    def spoke(self, speaker: str, paragraph: int, sentence: int) -> None:
        self.last_para_speaker[paragraph] = speaker
        self.attributor.last_speaker = self.discourse.last_speaker = speaker
        self.discourse.last_speaker_at = sentence

    def embed_sentence(self, index: int, embed: Embed) -> None:
        """An embedded post: its text is the quote, its credit the speaker."""
        speaker = embed_speaker(self.registry, embed)
        rule = embed.rule
        bare_handle = speaker is not None and speaker.startswith("@") and embed.name is None
        if bare_handle and embed.platform == "instagram" and self.posters.get(embed.platform):
            speaker, rule = self.posters[embed.platform], rule + "+article-poster"
        if embed.text:
            self.found.append(
                Found(
                    embed.text,
                    speaker,
                    "tweet" if embed.platform == "twitter" else "block",
                    embed.first_paragraph,
                    0,
                    rule,
                    date=embed.date or self.parsed.date,
                    handle=embed.handle.replace("@ ", "@") if embed.handle else None,
                    cue=True,
                )
            )
        sentence = self.document.sentences[index]
        sentence.resolved = True
        if speaker:
            sentence.subject = speaker
            self.spoke(speaker, sentence.paragraph, index)

    def quote_sentence(self, index: int, spans: list[QuoteSpan]) -> None:
        """The quotations opening in one sentence: attribute, keep the speech, remember."""
        contexts = [_raw_context(self.paragraphs, span) for span in spans]
        attributions, ambiguous = self._attributions(spans, contexts)
        sentence_speaker: str | None = None
        for span, (before, after), attribution, flagged in zip(
            spans, contexts, attributions, ambiguous, strict=True
        ):
            speech, reason = is_speech(
                span.text,
                before,
                after,
                governed=attribution.governed if attribution else False,
                evaluative=attribution.evaluative if attribution else False,
                cue_word=attribution.cue_word if attribution else "",
            )
            if not speech and reason == "short-ungoverned" and attribution is None:
                # "‘…,’ said X. ‘We’re ready.’": a short sentence continuing a quotation.
                speech = self._continues_quotation(span, before)
            if not speech:
                log.debug("not speech (%s): %r", reason, span.text[:60])
                continue
            if attribution is not None:
                speaker, rule = attribution.speaker, attribution.rule
                if flagged and speaker:
                    rule += "+ambiguous-name"  # a short form that fits several people
            else:
                speaker, rule = _inherit(span, before, self.found, self.last_para_speaker)
                if speaker is None and rule == "no-cue":
                    speaker, rule = _preceding_subject(self.discourse, self.document, index, before)
            self.found.append(
                Found(
                    span.text,
                    speaker,
                    "block" if span.multi_paragraph else "inline",
                    span.paragraph,
                    span.start,
                    rule,
                    date=self.parsed.date,
                    partial=is_partial(span.text, before),
                    cue=attribution is not None,
                )
            )
            if speaker:
                if not looks_like_organisation(speaker):
                    self.discourse.person_like.add(speaker)
                sentence_speaker = speaker
                self.spoke(speaker, span.end_paragraph, index)
        if sentence_speaker:
            sentence = self.document.sentences[index]
            sentence.subject = sentence_speaker
            sentence.resolved = True

    def _continues_quotation(self, span: QuoteSpan, before: str) -> bool:
        """A whole short sentence in quotation marks right after an attributed quotation
        of the same paragraph."""
        if not span.text.rstrip(" ’'”\"").endswith((".", "!", "?")):
            return False
        if before.rstrip()[-1:] not in {".", "!", "?"}:
            return False
        speaker, rule = _inherit(span, before, self.found, {})
        return speaker is not None and rule == "continues-paragraph"

    def _attributions(
        self, spans: list[QuoteSpan], contexts: list[tuple[str, str]]
    ) -> tuple[list[Attribution | None], list[bool]]:
        """Each span's attribution, and whether it came from an ambiguous short name."""
        attributions: list[Attribution | None] = []
        ambiguous: list[bool] = []
        for span, (before, _after) in zip(spans, contexts, strict=True):
            self.attributor.ambiguous_names.clear()
            attributions.append(_attribute(self.attributor, span, before))
            ambiguous.append(bool(self.attributor.ambiguous_names))
        # "the “…” is “shrinking,” it said": a trailing cue covers the sentence's quotes.
        for position in range(len(attributions) - 2, -1, -1):
            later = attributions[position + 1]
            trailing = later is not None and later.rule in ("cue-after", "inversion")
            if attributions[position] is None and later is not None and trailing:
                attributions[position] = Attribution(
                    later.speaker, "same-sentence", later.governed, later.evaluative
                )
        return attributions, ambiguous


_NEXT_QUOTE_RE = re.compile(r"\s*,?\s*[^“”\"‘’.!?]{1,60}[,:]\s*[“\"‘]")


def _attribute(attributor: Attributor, span: QuoteSpan, before: str) -> Attribution | None:
    after = None
    if span.close_mark:
        trimmed = span.text.rstrip(" '’\"”")
        ends_sentence = trimmed.endswith((".", ";")) and not trimmed.endswith("...")
        if trimmed.endswith(("…", "...")):
            # “… the windows…” He also posted …: an ellipsis and a capital start a sentence.
            view = attributor.document.views[span.end_paragraph].text
            ends_sentence = view[span.end + 1 : span.end + 4].lstrip()[:1].isupper()
        after = attributor.after(span.end_paragraph, span.end + 1, ends_sentence)
        if after is not None and _name_like(span.text) and not _opens_clause(before):
            after = None  # "for Sunday night’s “KUWTK,” Kim reads…": a title, not her words
    if after is not None:
        following = attributor.document.views[span.end_paragraph].text[span.end + 1 :]
        if after.cue_word and _NEXT_QUOTE_RE.match(following):
            # 'Ann wrote, “…,” Bo replied, “…”': the clause after the quotation introduces
            # the next one; a cue before this quotation names its own speaker.
            own = attributor.before(span.paragraph, max(0, span.start - 1))
            if own is not None and own.governed and own.speaker not in {None, after.speaker}:
                return own
        return after
    found = attributor.before(span.paragraph, max(0, span.start - 1))
    if found is None and not before.strip() and span.paragraph > 0:
        # "…, emailed me to say:" closing one paragraph, the quotation opening the next.
        previous = attributor.document.views[span.paragraph - 1].text.rstrip()
        if previous.endswith(":"):
            found = attributor.before(span.paragraph - 1, len(previous))
        elif previous.endswith(("…", "...")):
            # "X says the plan won’t work for the GOP…" trailing into the quotation.
            found = attributor.before(span.paragraph - 1, len(previous))
            if found is not None and (found.speaker is None or not found.governed):
                found = None
    if found is None and span.close_mark and not before.strip():
        # A quotation opening its paragraph, credited after it: '“…” Jon Vale, on …' or
        # on the next line '— Dana Banks, on her new film'.
        following = attributor.document.views[span.end_paragraph].text[span.end + 1 :]
        if following.strip():
            found = attributor.name_credit(span.end_paragraph, span.end + 1)
        else:
            found = attributor.credit_line(span.end_paragraph + 1)
    return found


def _name_like(text: str) -> bool:
    """A short span of capitalised words only: a name or title rather than speech."""
    found = words(text)
    return 0 < len(found) < 4 and all(word[:1].isupper() for word in found)


def _opens_clause(before: str) -> bool:
    """Nothing of the sentence precedes the quotation (or only an introducing colon)."""
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?:—–-"


def _inherit(
    span: QuoteSpan,
    before: str,
    found: list[Found],
    last_para_speaker: dict[int, str | None],
) -> tuple[str | None, str]:
    """No cue: a quote that opens a sentence continues the previous quotation's speaker."""
    stripped = before.rstrip()
    opens_sentence = not stripped or stripped[-1] in ".!?:”\"’'"
    if not opens_sentence:
        return None, "no-cue"
    for previous in reversed(found[-50:]):
        if previous.paragraph != span.paragraph:
            break
        if previous.kind != "tweet" and previous.speaker:
            return previous.speaker, "continues-paragraph"
    if not stripped and span.paragraph - 1 in last_para_speaker:
        return last_para_speaker[span.paragraph - 1], "follow-on-paragraph"
    return None, "no-cue"


def _preceding_subject(
    discourse: Discourse, document: Document, sentence: int, before: str
) -> tuple[str | None, str]:
    """'Quill shrugged. “Sam says a lot of things.”': a quotation standing as a sentence
    of its own, right after a sentence about a named person in the same paragraph, is
    that person's."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] not in ".!?" or sentence <= 0:
        return None, "no-cue"
    previous = document.sentences[sentence - 1]
    if previous.paragraph != document.sentences[sentence].paragraph:
        return None, "no-cue"
    subject = discourse.subject_of(sentence - 1)
    if subject and subject in discourse.person_like and " and " not in subject:
        return subject, "preceding-subject"
    return None, "no-cue"


_ECHO_LIMIT = 400


def _echo(found: list[Found]) -> None:
    """An unattributed fragment of a quotation attributed elsewhere shares its speaker."""
    attributed = [(fold(f.text), f.speaker) for f in found if f.speaker and f.cue]
    if len(attributed) > _ECHO_LIMIT:
        return  # an article with thousands of quotations: skip this quadratic nicety
    for item in found:
        if item.speaker is not None:
            continue
        key = fold(item.text).strip(" .,;:!?…\"'“”‘’")
        if len(words(key)) < 3:
            continue
        for text, speaker in attributed:
            if key in text:
                item.speaker = speaker
                item.rule += "+echo"
                break


def _masked_paragraphs(
    paragraphs: list[str], outer: list[QuoteSpan], embed_of: dict[int, Embed]
) -> list[str]:
    ranges: dict[int, list[tuple[int, int]]] = {}
    for span in outer:
        if span.multi_paragraph:
            ranges.setdefault(span.paragraph, []).append(
                (span.start, len(paragraphs[span.paragraph]))
            )
            for middle in range(span.paragraph + 1, span.end_paragraph):
                ranges.setdefault(middle, []).append((0, len(paragraphs[middle])))
            ranges.setdefault(span.end_paragraph, []).append((0, span.end))
        else:
            ranges.setdefault(span.paragraph, []).append((span.start, span.end))
    masked: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number in embed_of:
            masked.append(MASK * len(paragraph))
        else:
            masked.append(mask_spans(paragraph, ranges.get(number, [])))
    return masked


# An opening quotation mark (an apostrophe inside a word does not count).
_HAS_MARK_RE = re.compile("[“‘«„]|(?:^|[\\s(\\[:,—–-])[\"']")


def _inner_quotes(
    spans: list[QuoteSpan],
    outer: list[QuoteSpan],
    embeds: list[Embed],
    found: list[Found],
    registry: SpeakerRegistry,
    date: str | None,
    people: set[str],
) -> list[Found]:
    """Quotations inside quotations (or posts), reported only when the text names who."""
    results: list[Found] = []
    speakers = {(f.paragraph, f.position): f.speaker for f in found}
    hosts: list[tuple[str, int, int, str | None]] = []
    for host in outer:
        if (host.paragraph, host.start) not in speakers:
            continue
        if not _HAS_MARK_RE.search(host.text):
            continue
        hosts.append(
            (host.text, host.paragraph, host.start, speakers[(host.paragraph, host.start)])
        )
    for embed in embeds:
        if embed.text and _HAS_MARK_RE.search(embed.text):
            hosts.append(
                (embed.text, embed.first_paragraph, 0, speakers.get((embed.first_paragraph, 0)))
            )
    for text, paragraph, offset, host_speaker in hosts:
        for inner in find_inner_quotes(text, host_speaker, registry, people):
            results.append(
                Found(
                    inner.text,
                    inner.speaker,
                    "inline",
                    paragraph,
                    offset + inner.start,
                    inner.rule,
                    date=date,
                    partial=inner.partial,
                    cue=True,
                )
            )
    return results
