"""Quotebank-style JSON lines for tests and benchmarks, deterministic for a given seed."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

_TEXT = (
    "the people of this city deserve better than promises we will keep fighting for jobs "
    "schools roads and clean water nobody should be left behind when the river rises again "
    "our team worked day and night to bring this deal home it is a great day for families "
    "I never said that and I never will the report is wrong on every count"
)
_WORDS = _TEXT.split()


def quotebank_lines(count: int, *, seed: int = 7, start: int = 0) -> Iterator[str]:
    """``count`` lines shaped like Quotebank's quotation-centric files."""
    rng = random.Random(seed)
    for number in range(start, start + count):
        words = rng.choices(_WORDS, k=rng.randint(6, 40))
        speaker = f"Speaker {rng.randint(1, 5000)}" if rng.random() > 0.1 else "None"
        record = {
            "quoteID": f"2020-02-{1 + number % 28:02d}-{number:07d}",
            "quotation": " ".join(words) + f" ({number})",
            "speaker": speaker,
            "qids": [f"Q{rng.randint(1, 10**7)}"] if speaker != "None" else [],
            "date": f"2020-02-{1 + number % 28:02d} 10:{number % 60:02d}:00",
            "numOccurrences": rng.randint(1, 5),
            "probas": [[speaker, f"{rng.random():.4f}"], ["None", "0.1"]],
            "urls": [f"http://news.example/{number}", f"http://other.example/a/{number}"],
            "phase": "E",
        }
        yield json.dumps(record)
