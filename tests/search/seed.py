"""The seed article for search tests: as the extractor reads it, and as labelled by hand.

The answer tests run on the real extraction of the bundled article (what users get); the
index tests use the hand labels, so they do not depend on the extractor.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.models import Article, Quote, Speaker

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = ROOT / "data" / "article-2018-04-26-kanye-west-john-legend.txt"
# The seed article's hand labels, kept with the tests (a copy of shared/seed/expected-quotes.json).
SEED_LABELS_IN_REPO = ROOT / "tests" / "seed-expected-quotes.json"


def extracted_seed_article(guild_id: int | None = None) -> Article:
    from dataclasses import replace

    from bot.extraction import read_article_file

    return replace(read_article_file(SEED_TEXT), guild_id=guild_id)


def seed_paragraphs() -> tuple[str, ...]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    blocks = [" ".join(b.split()) for b in text.split("\n\n")]
    blocks = [b for b in blocks if b]
    if blocks and blocks[0].startswith("date "):
        blocks[0] = blocks[0].split(" ", 2)[2]
    return tuple(blocks)


def labelled_seed_article(article_id: str = "seed", guild_id: int | None = None) -> Article:
    labels = json.loads(SEED_LABELS_IN_REPO.read_text(encoding="utf-8"))
    paragraphs = seed_paragraphs()
    quotes = []
    speakers: dict[str, set[str]] = {}
    handles: dict[str, str] = {}
    for number, item in enumerate(labels["quotes"], start=1):
        paragraph = next((i for i, p in enumerate(paragraphs, start=1) if item["text"] in p), None)
        aliases = [a for a in item.get("aliases", []) if not a.startswith("@")]
        handle = next((a for a in item.get("aliases", []) if a.startswith("@")), None)
        speakers.setdefault(item["speaker"], set()).update(aliases)
        if handle:
            handles[item["speaker"]] = handle
        quotes.append(
            Quote(
                text=item["text"],
                speaker=item["speaker"],
                kind=item["kind"],
                id=f"{article_id}-{number}",
                article_id=article_id,
                paragraph=paragraph,
                date=labels["date"],
                handle=handle if item["kind"] == "tweet" else None,
                partial=bool(item.get("partial", False)),
            )
        )
    return Article(
        id=article_id,
        paragraphs=paragraphs,
        title="Kanye West reveals John Legend text",
        outlet=labels["outlet"],
        author=labels["author"],
        date=labels["date"],
        quotes=tuple(quotes),
        speakers=tuple(
            Speaker(name, tuple(sorted(a - {name})), handles.get(name))
            for name, a in speakers.items()
        ),
        guild_id=guild_id,
    )
