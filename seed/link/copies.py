"""Article-level copies: syndicated or re-paragraphed wire text, found over the whole text.

Paragraph matching (see seed.link.origins) misses copies that were re-paragraphed, truncated or
given a new opening. Here each article's reporting text is one sequence of words, whatever its
paragraph breaks, and two articles are copies when most word 5-shingles of the shorter one occur
in the longer one (containment, not similarity: a truncated copy is still a copy). Candidate
pairs come from an inverted index over a fixed sample of shingles, so the cost grows with the
number of articles, not with its square.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import repeat

from seed.extract.article import ArticleExtraction
from seed.link.shingled import Shingled
from seed.link.unionfind import UnionFind

SHINGLE = 5
CONTAINMENT = 0.3
MIN_SHINGLES = 30
# One shingle in SAMPLE goes into the index (a deterministic choice by hash).
SAMPLE = 4
# Shingles shared by more articles than this are boilerplate, not evidence of copying.
MAX_POSTINGS = 50
_WORD = re.compile(r"[a-z0-9]+")


def reporting_text(reading: ArticleExtraction) -> str:
    """The text copies are compared by: the article's sentences, whatever its paragraphs."""
    return " ".join(s.text for s in reading.parsed.sentences)


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    # The CRC-32 of each run of SHINGLE words joined by spaces, built in C (zip, map): a
    # Python loop per shingle cost a tenth of linking a large corpus.
    grams = zip(*(words[i:] for i in range(SHINGLE)), strict=False)
    return frozenset(map(zlib.crc32, map(str.encode, map(" ".join, grams))))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def sample(found: frozenset[int]) -> tuple[frozenset[int], int]:
    """The shingles of a text that go into the index, and how many it has: none for a text
    too short to be taken for a copy."""
    if len(found) < MIN_SHINGLES:
        return frozenset(), len(found)
    return frozenset(h for h in found if h % SAMPLE == 0), len(found)


def copy_groups(texts: Mapping[str, str], shingled: Shingled | None = None) -> dict[str, str]:
    """Per article that copies (or is copied by) another: an id shared by its group of copies.

    `texts` maps an article name to its reporting text. Articles without a copy are absent.
    Each text's sample (`sample`) goes into `shingled`, when given."""
    sets = {name: shingles(text) for name, text in texts.items()}
    if shingled is not None:
        for name, text in texts.items():
            shingled.samples[text] = sample(sets[name])
    postings: dict[int, list[str]] = defaultdict(list)
    for name in sorted(sets):
        if len(sets[name]) < MIN_SHINGLES:
            continue
        for h in sets[name]:
            if h % SAMPLE == 0:
                postings[h].append(name)
    pairs: Counter[tuple[str, str]] = Counter()
    for names in postings.values():
        if len(names) > MAX_POSTINGS:
            continue
        for i, a in enumerate(names):
            # Counted by Counter.update (in C): a Python loop per pair cost a tenth of linking.
            pairs.update(zip(repeat(a), names[i + 1 :]))
    components: UnionFind[str] = UnionFind()
    for (a, b), shared in sorted(pairs.items()):
        sampled = min(len(sets[a]), len(sets[b])) / SAMPLE
        if shared < CONTAINMENT * sampled / 2:
            continue  # far below the bar even allowing for the sample's luck
        if containment(sets[a], sets[b]) >= CONTAINMENT:
            components.union(a, b)
    found: dict[str, str] = {}
    for members in components.groups().values():
        if len(members) < 2:
            continue
        group = group_id(texts[m] for m in members)
        for member in members:
            found[member] = group
    return found


def group_id(texts: Iterable[str]) -> str:
    """The id of a group of copies, of its members' reporting texts: named by the smallest
    normalised text, the same group gets the same id whatever other articles are read with
    it."""
    key = min(" ".join(_WORD.findall(text.lower())) for text in texts)
    return "copy:" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
