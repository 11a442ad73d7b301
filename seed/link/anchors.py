"""Anchors: the precisely dated happenings of dated articles, indexed for the publication
inference of undated ones (`seed.link.publication`).

A lookup goes through the anchors of the persons an undated candidate names; of a large corpus
those are thousands, of which only the few sharing enough words with the candidate can match.
Each bucket therefore also has an inverted index (word -> its anchors), so the shared words are
counted in bulk rather than by a set intersection per anchor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
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

    def sharing(
        self,
        persons: Iterable[str],
        weekday: int | None,
        words: AbstractSet[str],
        enough: int,
        acts: Mapping[str, AbstractSet[str]],
    ) -> list[Anchor]:
        """Of `candidates(persons, weekday)`, in the same order, those sharing at least
        `enough` of `words`, or one of the words `acts` gives for the anchor's type."""
        found: dict[tuple[object, ...], Anchor] = {}
        named = set().union(*acts.values())
        for person in sorted(persons):
            for day in _days(weekday):
                bucket = self.buckets.get((person, day))
                if not bucket:
                    continue
                postings = self._postings_of((person, day), bucket)
                counts: Counter[int] = Counter()
                for word in words:
                    hits = postings.words.get(word)
                    if hits:
                        counts.update(hits)
                chosen = {i for i, n in counts.items() if n >= enough}
                for word in words & named:
                    for i in postings.words.get(word, ()):
                        if i not in chosen and word in acts.get(postings.anchors[i].type, ()):
                            chosen.add(i)
                for i in sorted(chosen):
                    anchor = postings.anchors[i]
                    found[(anchor.date, anchor.type, anchor.persons, anchor.words)] = anchor
        return list(found.values())

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
