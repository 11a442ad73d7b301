"""Near-duplicate paragraphs: copied wire text and syndicated reprints share one origin.

Paragraphs are compared by their sets of word 4-shingles (Jaccard similarity). Candidates are
found through a bottom-k sketch index (paragraphs that share one of their k smallest shingle
hashes), so the cost grows with the number of paragraphs, not with its square.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

from seed.link.shingled import Shingled
from seed.link.unionfind import UnionFind

SHINGLE = 4
SKETCH = 4
THRESHOLD = 0.6
# A sketch bucket with more paragraphs than this (boilerplate every article repeats) is not
# compared: its members are alike by chance, and comparing them all would be quadratic.
BUCKET_CAP = 200
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def text_key(text: str) -> str:
    """The key two paragraphs with the same words (whatever their spacing and punctuation)
    share; the smallest key of a group names it (`origin_id`)."""
    return normalise(text).replace(" ", "")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode())})
    # As `seed.link.copies.shingles`: the loop in C.
    grams = zip(*(words[i:] for i in range(SHINGLE)), strict=False)
    return frozenset(map(zlib.crc32, map(str.encode, map(" ".join, grams))))


def sketch(found: frozenset[int]) -> tuple[int, ...]:
    """A paragraph's bottom-k sketch: its `SKETCH` smallest shingle hashes, the buckets it is
    compared in."""
    return tuple(sorted(found)[:SKETCH])


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def origins(paragraphs: Sequence[str], shingled: Shingled | None = None) -> list[str]:
    """An origin id per paragraph; near-identical paragraphs get the same id. Each
    paragraph's sketch goes into `shingled`, when given."""
    # A paragraph repeated word for word (wire copy, boilerplate) is keyed and hashed once.
    read: dict[str, tuple[str, frozenset[int]]] = {}
    for paragraph in paragraphs:
        if paragraph not in read:
            read[paragraph] = (text_key(paragraph), shingles(paragraph))
    keys = [read[p][0] for p in paragraphs]
    sets = [read[p][1] for p in paragraphs]
    if shingled is not None:
        for paragraph, (_, found) in read.items():
            shingled.sketches[paragraph] = sketch(found)
    # Paragraphs with one text key are one node; the smallest key of a group is its root, so
    # the id does not depend on order.
    groups: UnionFind[str] = UnionFind()
    first: dict[str, frozenset[int]] = {}
    buckets: dict[int, list[str]] = defaultdict(list)
    for key, found in zip(keys, sets, strict=True):
        if key in first:
            continue
        first[key] = found
        groups.find(key)
        for h in sketch(found):
            buckets[h].append(key)
    for members in buckets.values():
        if len(members) < 2 or len(members) > BUCKET_CAP:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if groups.find(a) != groups.find(b) and jaccard(first[a], first[b]) >= THRESHOLD:
                    groups.union(a, b)
    ids: dict[str, str] = {}
    for root in map(groups.find, first):
        if root not in ids:
            ids[root] = origin_id(root)
    return [ids[groups.find(key)] for key in keys]


def origin_id(key: str) -> str:
    """The id of a near-duplicate group: the hash of the smallest normalised text in it."""
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def independent_origins(mentions: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Per event: articles linked by a shared paragraph (copied wire text, a syndicated
    reprint) form one independent source. Returns each article's group id, so that counting
    distinct ids gives the independent sources, never more than the articles."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for file_name, spans in mentions:
        for origin in spans:
            a, b = find("f:" + file_name), find("o:" + origin)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for file_name, spans in mentions:
        groups.setdefault(find("f:" + file_name), []).extend(spans)
    label = {root: min(found) for root, found in groups.items()}
    return {file_name: label[find("f:" + file_name)] for file_name, _ in mentions}
