"""Quotations inside quotations or posts: "Cheryl texted me: ‘I'm so sorry…’".

The outer quotation belongs to the outer speaker; an inner one is reported separately only
when the outer text itself says who said it, and it is someone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.extraction.attribution import Attributor
from bot.extraction.discourse import Discourse, build_document
from bot.extraction.phrases import mask_spans
from bot.extraction.quotemarks import find_quote_spans
from bot.extraction.speakers import SpeakerRegistry, looks_like_organisation
from bot.extraction.speech import is_partial, is_speech


@dataclass(frozen=True, slots=True)
class InnerQuote:
    text: str
    speaker: str
    start: int  # offset within the host text
    rule: str
    partial: bool


def find_inner_quotes(
    host: str,
    host_speaker: str | None,
    registry: SpeakerRegistry,
    people: set[str] | frozenset[str] = frozenset(),
) -> list[InnerQuote]:
    """Attributed quotations inside ``host`` (the outer quotation's or post's text)."""
    spans = [s for s in find_quote_spans([host]) if s.depth == 0]
    if not spans:
        return []
    masked = mask_spans(host, [(s.start, s.end) for s in spans])
    document = build_document([masked], registry)
    discourse = Discourse(registry, {})
    discourse.sentences = document.sentences
    # Pronouns inside the host resolve to people: names the article treats as people, or
    # full names that are not organisations ("she said" → Caitlyn, not "America").
    discourse.person_like = {
        name
        for sentence in document.sentences
        for _pos, name in sentence.persons
        if name in people or (len(name.split()) >= 2 and not looks_like_organisation(name))
    }
    attributor = Attributor(document, registry, discourse)
    results: list[InnerQuote] = []
    for span in spans:
        attribution = None
        if span.close_mark:
            attribution = attributor.after(0, span.end + 1)
        if attribution is None:
            attribution = attributor.before(0, max(0, span.start - 1))
        if attribution is None or not attribution.speaker:
            continue
        if host_speaker and attribution.speaker == host_speaker:
            continue
        before = host[: max(0, span.start - 1)]
        after = host[span.end + 1 :]
        speech, _reason = is_speech(
            span.text,
            before,
            after,
            governed=attribution.governed,
            evaluative=attribution.evaluative,
            cue_word=attribution.cue_word,
        )
        if not speech:
            continue
        results.append(
            InnerQuote(
                span.text,
                attribution.speaker,
                span.start,
                "inner:" + attribution.rule,
                is_partial(span.text, before),
            )
        )
    return results
