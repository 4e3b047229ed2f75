"""Who posted an embedded post: its display name, the fullest name the article gives for
it, or the one person the article says posts on that platform."""

from __future__ import annotations

import re

from bot.extraction.speakers import (
    Mention,
    SpeakerRegistry,
    letters_key,
    name_from_handle,
)
from bot.extraction.tweets import Embed


def embed_speaker(registry: SpeakerRegistry, embed: Embed) -> str | None:
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


def platform_posters(
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
    credited = {(embed.platform, embed_speaker(registry, embed)) for embed in embeds if embed.name}
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
