"""The inverted index behind large collections: same answers as scoring everything, typo
lookup, and quotes added or removed without a rebuild."""

from __future__ import annotations

import random

import numpy as np
import pytest

from bot import postings
from bot.models import Quote
from bot.postings import hash_words
from bot.search import SCORE_ALL_BELOW, QuoteIndex
from bot.symspell import DeletionIndex

from .seed import labelled_seed_article
from .test_who_said_table import FOUND

_FILLER_TEXT = (
    "the of and to in is it you that he was for on are with as his they be at one have this "
    "from or had by not but what some we can out other were all there when up use your how "
    "said each she which do their time if will way about many then them would like so these "
    "her long make thing see him two has look more day could go come did number sound no most "
    "people my over know water than call first who may down side been now find any new work "
    "part take get place made live where after back little only round man year came show every "
    "good me give our under name very through just form sentence great think say help low line"
)
FILLER_WORDS = _FILLER_TEXT.split()


def filler_quotes(count: int, seed: int = 3) -> list[Quote]:
    rng = random.Random(seed)
    return [
        Quote(
            " ".join(rng.choices(FILLER_WORDS, k=rng.randint(5, 40))),
            f"Filler {i % 50}",
            id=f"filler-{i}",
        )
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def big_index() -> QuoteIndex:
    index = QuoteIndex(filler_quotes(3000))
    assert len(index) > SCORE_ALL_BELOW
    index.add(labelled_seed_article().quotes)  # added later: goes to the delta segment
    return index


@pytest.mark.parametrize(("query", "speaker"), FOUND)
def test_a_large_index_finds_the_same_speakers(
    big_index: QuoteIndex, query: str, speaker: str
) -> None:
    found = big_index.search(query, limit=1)
    assert found and found[0].quote.speaker == speaker


def test_removed_quotes_are_never_found() -> None:
    seed = labelled_seed_article().quotes
    index = QuoteIndex([*filler_quotes(1000), *seed])
    assert index.search("dragon enrgy", limit=1)[0].quote.speaker == "Kanye West"
    removed = index.remove(q.id for q in seed if q.speaker == "Kanye West")
    assert removed == 9
    assert all(m.quote.speaker != "Kanye West" for m in index.search("dragon energy", limit=20))
    assert index.remove(["no-such-id"]) == 0


def test_many_additions_merge_and_stay_searchable() -> None:
    index = QuoteIndex(filler_quotes(600))
    for batch in range(4):  # small batches fill the delta segment until it is merged
        index.add(filler_quotes(1200, seed=100 + batch))
    index.add([Quote("a perfectly unusual zebra sentence", "Zed", id="zebra")])
    found = index.search("perfectly unusual zebra", limit=1)
    assert found[0].quote.id == "zebra"
    index.add([Quote("replaced words entirely", "Zed", id="zebra")])
    assert index.get("zebra") is not None
    assert all(m.quote.id != "zebra" for m in index.search("perfectly unusual zebra"))
    assert index.search("replaced words entirely", limit=1)[0].quote.id == "zebra"


def test_word_hashes_split_like_str_split() -> None:
    texts = ["hello world hello", "", "héllo wörld 日本", "x"]
    hashes, counts, starts, ends, buffer = hash_words(texts)
    words = [buffer[a:b].decode() for a, b in zip(starts, ends, strict=True)]
    assert words == " ".join(texts).split()
    assert counts.tolist() == [3, 0, 3, 1]
    assert hashes[0] == hashes[2] and hashes[0] != hashes[1]


def test_typos_map_to_indexed_words() -> None:
    typos = DeletionIndex()
    words = ["energy", "dragon", "illusion", "fear", "complete"]
    typos.add_terms(words, 0)
    found = {w: [typos.word(t) for t in typos.lookup(w)] for w in ["enrgy", "dragn", "ilusion"]}
    assert found == {"enrgy": ["energy"], "dragn": ["dragon"], "ilusion": ["illusion"]}
    assert [typos.word(t) for t in typos.lookup("compelte")] == ["complete"]
    assert typos.lookup("fe") == []  # two-letter words are not corrected
    assert typos.lookup("zzzzzz") == []


def test_a_rare_word_next_to_a_common_one_counts_as_both() -> None:
    # "teh" is (rarely) a real word here; a user typing it most likely meant "the".
    quotes = [Quote(f"the cat number {i}", None, id=str(i)) for i in range(300)]
    quotes.append(Quote("teh odd one", None, id="odd"))
    index = QuoteIndex(quotes)
    assert "the" in index._postings.corrections("teh")
    assert index._postings.corrections("the") == []


def test_a_repeated_id_keeps_the_last_quote() -> None:
    index = QuoteIndex(
        [Quote("alpha beta gamma", "A", id="x"), Quote("delta epsilon", "B", id="x")]
    )
    assert len(index) == 1
    found = index.get("x")
    assert found is not None and found.text == "delta epsilon"
    assert [m.quote.text for m in index.search("alpha beta gamma", min_score=50)] == []


def test_postings_built_in_blocks_match_a_plain_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings, "_BLOCK", 3)  # keys straddle many blocks
    rng = random.Random(5)
    pairs = [(rng.randrange(6), rng.randrange(10)) for _ in range(200)]
    keys = np.array([(k << 32) | d for k, d in pairs], dtype=np.int64)
    present, counts, docs = postings._split_sorted(keys)
    expected = sorted(set(pairs))
    assert docs.tolist() == [d for _, d in expected]
    by_key: dict[int, int] = {}
    for k, _ in expected:
        by_key[k] = by_key.get(k, 0) + 1
    assert dict(zip(present.tolist(), counts.tolist(), strict=True)) == by_key
