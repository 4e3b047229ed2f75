"""The sieve: parse → embedded posts → quotation marks → speech? → who said it → names.

Each stage is its own module; this one only wires them together and turns the results into
``Quote`` and ``Speaker`` objects, each quote tagged with the rule that found it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot.extraction.attribution import Attribution, Attributor
from bot.extraction.decoding import (
    MAX_ARTICLE_CHARS,
    ArticleTooLargeError,
    decode_article_bytes,
    read_article_bytes,
)
from bot.extraction.discourse import Discourse, Document, build_document, infer_genders
from bot.extraction.inner import find_inner_quotes
from bot.extraction.parsing import ParsedArticle, parse_article
from bot.extraction.phrases import MASK, Token, mask_spans, verb_like
from bot.extraction.quotemarks import QuoteSpan, find_quote_spans
from bot.extraction.speakers import (
    Mention,
    SpeakerRegistry,
    find_mentions,
    fold,
    letters_key,
    looks_like_organisation,
    name_from_handle,
    nice_case,
    role_before,
)
from bot.extraction.speech import is_partial, is_speech, words
from bot.extraction.tweets import Embed, find_embeds
from bot.models import Article, Quote, Speaker

log = logging.getLogger(__name__)


@dataclass
class _Found:
    """A quotation before it becomes a ``Quote``."""

    text: str
    speaker: str | None
    kind: str
    paragraph: int  # 0-based
    position: int
    rule: str
    date: str | None = None
    handle: str | None = None
    partial: bool = False
    cue: bool = False  # a cue (not inheritance) gave the speaker


def _quote_id(article_id: str, paragraph: int, position: int, text: str) -> str:
    digest = hashlib.sha1(f"{article_id}|{paragraph}|{position}|{text}".encode()).hexdigest()
    return digest[:12]


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


def _embed_speaker(registry: SpeakerRegistry, embed: Embed) -> str | None:
    display = name_from_handle(embed.name, embed.handle)
    if display:
        return registry.canonical(display)
    if embed.handle:
        resolved = registry.canonical(embed.handle)
        if letters_key(resolved) != letters_key(embed.handle):
            return resolved
        return "@" + embed.handle.lstrip("@").strip()
    return None


_POSTED_ON_RE = re.compile(
    r"\s+(?:(?:also|then|later|has|had|\w+ly)\s+)*(?:shared|posted|captioned|uploaded|wrote)"
    r"\b[^.!?]{0,80}?\b(?:on|to)\s+(Instagram|Twitter)\b"
)


def _platform_posters(
    paragraphs: list[str],
    mentions: list[list[Mention]],
    registry: SpeakerRegistry,
    embeds: list[Embed],
    embed_of: dict[int, Embed],
) -> dict[str, str]:
    """Who the article says posts on each platform ("Cuoco shared … on Instagram").

    A post credited only to an unknown handle is that person's when the article names
    exactly one such poster without a credited post of their own on that platform.
    """
    credited = {(embed.platform, _embed_speaker(registry, embed)) for embed in embeds if embed.name}
    found: dict[str, set[str]] = {}
    for number, paragraph in enumerate(paragraphs):
        if number in embed_of or ("Instagram" not in paragraph and "Twitter" not in paragraph):
            continue
        for mention in mentions[number]:
            match = _POSTED_ON_RE.match(paragraph, mention.end)
            if match is None:
                continue
            platform = match.group(1).lower()
            name = registry.canonical(mention.name)
            if (platform, name) not in credited:
                found.setdefault(platform, set()).add(name)
    return {platform: names.pop() for platform, names in found.items() if len(names) == 1}


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
    registry = SpeakerRegistry()
    raw_mentions = _learn_names(registry, paragraphs, embeds)

    masked = _masked_paragraphs(paragraphs, outer, embed_of)
    document = build_document(masked, registry, raw_mentions)
    genders = infer_genders(document, registry)
    discourse = Discourse(registry, genders)
    discourse.sentences = document.sentences
    discourse.person_like = _person_like(document, registry, embeds)
    attributor = Attributor(document, registry, discourse)

    def sentence_subject(index: int) -> str | None:
        phrase, joint = document.subject(index)
        if joint:
            document.sentences[index].joint = tuple(registry.canonical(name) for name in joint)
        return attributor.resolve(phrase, index) if phrase is not None else None

    discourse.subject_resolver = sentence_subject

    posters = _platform_posters(paragraphs, raw_mentions, registry, embeds, embed_of)
    found: list[_Found] = []
    by_sentence: dict[int, list[QuoteSpan]] = {}
    for span in outer:
        index = document.sentence_at(span.paragraph, max(0, span.start - 1))
        by_sentence.setdefault(index, []).append(span)
    outer_speakers: dict[tuple[int, int], str | None] = {}
    last_para_speaker: dict[int, str | None] = {}
    handled_embeds: set[int] = set()

    for index, sentence in enumerate(document.sentences):
        host = embed_of.get(sentence.paragraph)
        if host is not None:
            embed = host
            if embed.paragraph not in handled_embeds:
                handled_embeds.add(embed.paragraph)
                speaker = _embed_speaker(registry, embed)
                rule = embed.rule
                if (
                    speaker
                    and speaker.startswith("@")
                    and embed.name is None
                    and embed.platform == "instagram"
                ):
                    poster = posters.get(embed.platform)
                    if poster:
                        speaker, rule = poster, rule + "+article-poster"
                if embed.text:
                    found.append(
                        _Found(
                            embed.text,
                            speaker,
                            "tweet" if embed.platform == "twitter" else "block",
                            embed.first_paragraph,
                            0,
                            rule,
                            date=embed.date or parsed.date,
                            handle=embed.handle.replace("@ ", "@") if embed.handle else None,
                            cue=True,
                        )
                    )
                sentence.resolved = True
                if speaker:
                    sentence.subject = speaker
                    attributor.last_speaker = discourse.last_speaker = speaker
                    last_para_speaker[sentence.paragraph] = speaker
            continue
        sentence_speaker: str | None = None
        in_sentence = by_sentence.get(index, [])
        contexts = [_raw_context(paragraphs, span) for span in in_sentence]
        attributions = [
            _attribute(attributor, span, before)
            for span, (before, _after) in zip(in_sentence, contexts, strict=True)
        ]
        # "the “…” is “shrinking,” it said": a trailing cue covers the sentence's quotes.
        for position in range(len(attributions) - 2, -1, -1):
            later = attributions[position + 1]
            if (
                attributions[position] is None
                and later is not None
                and later.rule
                in (
                    "cue-after",
                    "inversion",
                )
            ):
                attributions[position] = Attribution(
                    later.speaker, "same-sentence", later.governed, later.evaluative
                )
        for span, (before, after), attribution in zip(
            in_sentence, contexts, attributions, strict=True
        ):
            speech, reason = is_speech(
                span.text,
                before,
                after,
                governed=attribution.governed if attribution else False,
                evaluative=attribution.evaluative if attribution else False,
                cue_word=attribution.cue_word if attribution else "",
            )
            if not speech:
                log.debug("not speech (%s): %r", reason, span.text[:60])
                continue
            speaker = attribution.speaker if attribution else None
            rule = attribution.rule if attribution else "no-cue"
            cue = attribution is not None
            if attribution is None:
                speaker, rule = _inherit(
                    span, masked, before, found, last_para_speaker, outer_speakers
                )
            outer_speakers[(span.paragraph, span.start)] = speaker
            found.append(
                _Found(
                    span.text,
                    speaker,
                    "block" if span.multi_paragraph else "inline",
                    span.paragraph,
                    span.start,
                    rule,
                    date=parsed.date,
                    partial=is_partial(span.text, before),
                    cue=cue,
                )
            )
            if speaker:
                if not looks_like_organisation(speaker):
                    discourse.person_like.add(speaker)
                sentence_speaker = speaker
                last_para_speaker[span.end_paragraph] = speaker
                attributor.last_speaker = discourse.last_speaker = speaker
        if sentence_speaker:
            sentence.subject = sentence_speaker
            sentence.resolved = True

    _echo(found)
    found.extend(
        _inner_quotes(spans, outer, embeds, found, registry, parsed.date, discourse.person_like)
    )
    found.sort(key=lambda f: (f.paragraph, f.position))
    return _build_article(parsed, found, registry, embeds, article_id, source)


def _attribute(attributor: Attributor, span: QuoteSpan, before: str) -> Attribution | None:
    after = None
    if span.close_mark:
        ends_sentence = span.text.rstrip(" '’\"”").endswith((".", ";")) and not span.text.rstrip(
            " '’\"”"
        ).endswith("...")
        after = attributor.after(span.end_paragraph, span.end + 1, ends_sentence)
        if after is not None and _name_like(span.text) and not _opens_clause(before):
            after = None  # "for Sunday night’s “KUWTK,” Kim reads…": a title, not her words
    if after is not None:
        return after
    found = attributor.before(span.paragraph, max(0, span.start - 1))
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
    masked: list[str],
    before: str,
    found: list[_Found],
    last_para_speaker: dict[int, str | None],
    outer_speakers: dict[tuple[int, int], str | None],
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


_ECHO_LIMIT = 400


def _echo(found: list[_Found]) -> None:
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


_OPENER_BEFORE_RE = re.compile(
    r"(?:^\s*|[,:;—–(]\s*|[.!?]\s+|\b(?:and|but|that|when|while|as|after|because|before|if|"
    r"since|though|although|where|so|until|then)\s+)$"
)
_VERB_AFTER_RE = re.compile(
    r"(?:’s|'s)?(?:\s*,[^,.]{1,60},)?\s+(?:(?:also|then|later|\w+ly)\s+)*([a-z]+)\b"
)


def _person_like(document: Document, registry: SpeakerRegistry, embeds: list[Embed]) -> set[str]:
    """Names the article treats as people: posters, titled names, subjects of verbs."""
    people: set[str] = set()
    for embed in embeds:
        speaker = _embed_speaker(registry, embed)
        if speaker:
            people.add(speaker)
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


# An opening quotation mark (an apostrophe inside a word does not count).
_HAS_MARK_RE = re.compile("[“‘«„]|(?:^|[\\s(\\[:,—–-])[\"']")


def _inner_quotes(
    spans: list[QuoteSpan],
    outer: list[QuoteSpan],
    embeds: list[Embed],
    found: list[_Found],
    registry: SpeakerRegistry,
    date: str | None,
    people: set[str],
) -> list[_Found]:
    """Quotations inside quotations (or posts), reported only when the text names who."""
    results: list[_Found] = []
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
                _Found(
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


def _build_article(
    parsed: ParsedArticle,
    found: list[_Found],
    registry: SpeakerRegistry,
    embeds: list[Embed],
    article_id: str,
    source: str | None,
) -> Article:
    quotes: list[Quote] = []
    seen: set[str] = set()
    for item in found:
        quote_id = _quote_id(article_id, item.paragraph, item.position, item.text)
        while quote_id in seen:
            quote_id = _quote_id(article_id + "+", item.paragraph, item.position, quote_id)
        seen.add(quote_id)
        quotes.append(
            Quote(
                text=item.text,
                speaker=item.speaker,
                kind=item.kind,
                id=quote_id,
                article_id=article_id,
                paragraph=item.paragraph + 1,
                date=item.date,
                handle=item.handle,
                speaker_title=registry.title_for(item.speaker) if item.speaker else None,
                partial=item.partial,
                rule=item.rule,
            )
        )
    speakers = _speakers(quotes, registry)
    return Article(
        id=article_id,
        paragraphs=parsed.paragraphs,
        title=parsed.title,
        outlet=parsed.outlet,
        author=parsed.author,
        date=parsed.date,
        source=source or parsed.source,
        quotes=tuple(quotes),
        speakers=speakers,
    )


def _speakers(quotes: list[Quote], registry: SpeakerRegistry) -> tuple[Speaker, ...]:
    names: dict[str, set[str]] = {}
    handles: dict[str, str] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        names.setdefault(quote.speaker, set())
        if quote.handle:
            handles.setdefault(quote.speaker, quote.handle)
            names[quote.speaker].add(quote.handle)
    for form in registry.forms():
        canonical = registry.canonical(form)
        if canonical in names and form != canonical:
            names[canonical].add(form)
    return tuple(
        Speaker(
            name=name,
            aliases=tuple(sorted(aliases)),
            handle=handles.get(name),
            title=registry.title_for(name),
        )
        for name, aliases in names.items()
    )


def read_article_file(path: str | Path) -> Article:
    """Read, decode and extract one article file (raises ``ArticleError`` on bad input).

    Metadata the text lacks (title, outlet, author, date, url) may sit next to it in
    ``<stem>.meta.json``; values in the file's own header lines take precedence.
    """
    file_path = Path(path)
    text = decode_article_bytes(read_article_bytes(file_path))
    article = extract_article(text, article_id=file_path.stem, source=str(file_path))
    meta = _sidecar_metadata(file_path)
    if not meta:
        return article
    return replace(
        article,
        title=article.title or meta.get("title"),
        outlet=article.outlet or meta.get("outlet"),
        author=article.author or meta.get("author"),
        date=article.date or meta.get("date"),
        source=meta.get("url") or meta.get("source") or article.source,
    )


def _sidecar_metadata(path: Path) -> dict[str, str]:
    """``<stem>.meta.json`` next to the article: string fields only; a bad file is ignored
    with a warning (the article itself is still usable)."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("ignoring unreadable metadata file %s: %s", sidecar, error)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring metadata file %s: not a JSON object", sidecar)
        return {}
    fields = ("title", "outlet", "author", "date", "url", "source")
    return {
        key: value.strip()
        for key, value in data.items()
        if key in fields and isinstance(value, str) and value.strip()
    }
