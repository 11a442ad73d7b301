"""Anchors: the precisely dated happenings of dated articles, indexed for the publication
inference of undated ones (`seed.link.publication`).

A lookup goes through the anchors of the persons an undated candidate names; of a large corpus
those are thousands, of which only the few sharing enough words with the candidate can match.
Each bucket therefore also has an inverted index (word -> its anchors): the shared words are
counted in bulk, and anchors are valued most shared words first, until no other can win.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from seed.extract.candidate import Candidate
from seed.extract.events import UNSTATED_KINDS
from seed.extract.types import DateInterval


@dataclass(frozen=True, slots=True)
class Anchor:
    """A precisely dated happening of a dated article, reduced to what matching needs."""

    file_name: str
    date: DateInterval
    type: str
    persons: frozenset[str]
    words: frozenset[str]


Bucket = dict[tuple[object, ...], Anchor]


@dataclass(slots=True)
class _Postings:
    """A bucket's anchors in their order, and per word the positions of those holding it."""

    anchors: list[Anchor]
    words: dict[str, list[int]]


@dataclass(slots=True)
class AnchorIndex:
    """Anchors by (person, weekday of the anchor's day or -1 for a wider date).

    Identical anchors (the same wire paragraph in many dated reprints) are kept once, so the
    cost of a lookup grows with the number of distinct statements of a person, not of articles.
    """

    buckets: dict[tuple[str, int], Bucket]
    _postings: dict[tuple[str, int], _Postings] = field(default_factory=dict)

    def candidates(self, persons: Iterable[str], weekday: int | None) -> list[Anchor]:
        found: dict[tuple[object, ...], Anchor] = {}
        for person in sorted(persons):
            for day in _days(weekday):
                found.update(self.buckets.get((person, day), {}))
        # Insertion order is already deterministic (articles are read sorted by name).
        return list(found.values())

    def best(
        self,
        persons: AbstractSet[str],
        weekday: int | None,
        words: AbstractSet[str],
        value: Callable[[Anchor], float | None],
    ) -> Anchor | None:
        """Of `candidates(persons, weekday)`, the anchor of the highest (value, file name),
        the first of them on a tie; `value` is None for an anchor that does not fit, else at
        most the persons it shares plus a fifth of the `words` it shares.

        The same choice as going through them all, without valuing most: within a bucket,
        anchors are taken by the number of `words` they share, most first, and the rest of the
        bucket is skipped once even sharing every person could not reach the best value found.
        """
        valued: dict[tuple[object, ...], tuple[tuple[int, int], Anchor, float | None]] = {}
        found = float("-inf")
        ceiling = len(persons)
        buckets = [(p, d) for p in sorted(persons) for d in _days(weekday)]
        for number, key in enumerate(buckets):
            bucket = self.buckets.get(key)
            if not bucket:
                continue
            postings = self._postings_of(key, bucket)
            counts: Counter[int] = Counter()
            for word in words:
                hits = postings.words.get(word)
                if hits:
                    counts.update(hits)
            for i, shared in counts.most_common():
                if ceiling + shared / 5 < found:
                    break
                anchor = postings.anchors[i]
                identity = (anchor.date, anchor.type, anchor.persons, anchor.words)
                if identity in valued:
                    continue
                worth = value(anchor)
                valued[identity] = ((number, i), anchor, worth)
                if worth is not None and worth > found:
                    found = worth
        best: tuple[float, str, Anchor] | None = None
        # In the order `candidates` gives them: the first of equals is chosen.
        for _, anchor, worth in sorted(valued.values(), key=lambda v: v[0]):
            if worth is None:
                continue
            if best is None or (worth, anchor.file_name) > best[:2]:
                best = (worth, anchor.file_name, anchor)
        return best[2] if best else None

    def _postings_of(self, key: tuple[str, int], bucket: Bucket) -> _Postings:
        postings = self._postings.get(key)
        if postings is None:
            anchors = list(bucket.values())
            words: dict[str, list[int]] = {}
            for i, anchor in enumerate(anchors):
                for word in anchor.words:
                    words.setdefault(word, []).append(i)
            postings = self._postings[key] = _Postings(anchors, words)
        return postings


def _days(weekday: int | None) -> tuple[int, ...]:
    return (weekday,) if weekday is not None else (*range(7), -1)


def index_anchors(candidates: Iterable[Candidate], person_keys: set[str]) -> AnchorIndex:
    """Index the precisely dated (at most a week wide) happenings that name a person."""
    buckets: dict[tuple[str, int], Bucket] = {}
    for cand in candidates:
        # a speaker's date (often a plan) or one counted from another date anchors nothing
        if (cand.date.end - cand.date.start).days > 7 or cand.date_kind in UNSTATED_KINDS:
            continue
        persons = frozenset(k for k, _ in cand.actors) & person_keys
        if not persons:
            continue
        anchor = Anchor(cand.file_name, cand.date, cand.type, persons, cand.tokens)
        identity = (anchor.date, anchor.type, anchor.persons, anchor.words)
        day = cand.date.start.weekday() if cand.date.start == cand.date.end else -1
        for person in persons:
            bucket = buckets.setdefault((person, day), {})
            # The first file (in sorted order) names the anchor: deterministic.
            if identity not in bucket or anchor.file_name < bucket[identity].file_name:
                bucket[identity] = anchor
    return AnchorIndex(buckets)
