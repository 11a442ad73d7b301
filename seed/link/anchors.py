"""Anchors: precisely dated happenings of dated articles, and the one an undated article's
happening most plausibly reports (seed.link.publication turns the match into a window).

"The same happening" needs a shared person, a compatible event type, shared content words
beyond the names, and, for a weekday, the anchor falling on that very weekday; without a
weekday, the same act of the same kind or many shared words: a shared name alone links
unrelated stories.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from seed.extract.candidate import Candidate
from seed.extract.events import UNSTATED_KINDS
from seed.extract.types import DateInterval
from seed.link.merge import DISTINCT_ACTS, SIGNATURES
from seed.link.vague_days import named_weekday
from seed.link.word_anchors import WordIndex

# Relative date kinds an anchor turns into a publication window ("said Sunday").
RELATIVE_KINDS = frozenset({"weekday", "relative_unit", "named_day"})
# An undated lead ("X said ...", "X has approved ..."): the news of the last days (see
# seed.extract.events), so a dated source's day for the same statement bounds publication.
UNDATED_NEWS = frozenset({"lead", "perfect"})
# The kinds of an undated article's happenings that are matched with anchors (`best_anchor`).
ANCHORED_KINDS = RELATIVE_KINDS | UNDATED_NEWS
# How many words a match without a weekday to confirm it (a lead, "last month") must share with
# a dated source, besides names, unless they name the same act of the same kind.
MIN_SHARED_LEAD_WORDS = 5
# Words (besides names) two tellings of one happening share at least, when no word naming the
# act ties them: two common words ("eastern", "months") are found between any two stories.
MIN_SHARED_WORDS = 3
# Dates counted from another date ("three days before the conference").
COUNTED_KINDS = frozenset({"chained"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """A precisely dated happening of a dated article, reduced to what matching needs."""

    file_name: str
    date: DateInterval
    type: str
    persons: frozenset[str]
    words: frozenset[str]


@dataclass(slots=True)
class AnchorIndex:
    """Anchors by (person, weekday of the anchor's day or -1 for a wider date).

    Identical anchors (the same wire paragraph in many dated reprints) are kept once, so the
    cost of a lookup grows with the number of distinct statements of a person, not of articles.
    """

    buckets: dict[tuple[str, int], dict[tuple[object, ...], Anchor]]
    # The day-precise ones (with a person or not) by their words (seed.link.word_anchors).
    words: WordIndex = field(default_factory=WordIndex)
    # `best_anchor`'s answers by what it reads of a candidate: the same statement reprinted
    # by many undated articles is matched against the anchors once.
    best: dict[tuple[object, ...], Anchor | None] = field(default_factory=dict)

    def candidates(self, persons: Iterable[str], weekday: int | None) -> list[Anchor]:
        found: dict[tuple[object, ...], Anchor] = {}
        wanted = (weekday,) if weekday is not None else (*range(7), -1)
        for person in sorted(persons):
            for day in wanted:
                found.update(self.buckets.get((person, day), {}))
        # Insertion order is already deterministic (articles are read sorted by name).
        return list(found.values())


def index_anchors(candidates: Iterable[Candidate], person_keys: set[str]) -> AnchorIndex:
    """Index the precisely dated (at most a week wide) happenings that name a person."""
    buckets: dict[tuple[str, int], dict[tuple[object, ...], Anchor]] = {}
    words = WordIndex()
    for cand in candidates:
        if (cand.date.end - cand.date.start).days > 7:
            continue
        persons = frozenset(k for k, _ in cand.actors) & person_keys
        anchor = Anchor(cand.file_name, cand.date, cand.type, persons, cand.tokens)
        identity = (anchor.date, anchor.type, anchor.persons, anchor.words)
        if not anchors_by_date(cand):
            if cand.date_kind in COUNTED_KINDS:
                words.add_gathering(anchor, identity)
            continue
        words.add(anchor, identity)
        day = cand.date.start.weekday() if cand.date.start == cand.date.end else -1
        for person in persons:
            bucket = buckets.setdefault((person, day), {})
            # The first file (in sorted order) names the anchor: deterministic.
            if identity not in bucket or anchor.file_name < bucket[identity].file_name:
                bucket[identity] = anchor
    return AnchorIndex(buckets, words)


def anchors_by_date(cand: Candidate) -> bool:
    """Whether a precise enough happening anchors others by its date: a speaker's date (often
    a plan) or one counted from another date anchors nothing (but a gathering counted from
    another day is found by the weekday it names, which confirms the count)."""
    return cand.date_kind not in UNSTATED_KINDS


def compatible(a: str, b: str) -> bool:
    return a == b or "statement" in (a, b)


def _same_act(kind: str, anchor: Anchor, shared: AbstractSet[str], acts: set[str]) -> bool:
    """Without a weekday to confirm it ("last month's killing of X", an undated lead), a match
    must be of the same kind and name the same act, or share many words: a person's other
    happenings of other months share a few common ones."""
    # a kind without words naming its act (a statement) is matched on the shared words alone
    same_kind = kind == anchor.type and (bool(shared & acts) or not acts)
    return same_kind or len(shared) >= MIN_SHARED_LEAD_WORDS


def best_anchor(
    cand: Candidate, anchors: AnchorIndex, person_keys: set[str], name_words: frozenset[str]
) -> Anchor | None:
    """The dated happening `cand` most plausibly reports, or None when nothing fits well."""
    mine = {key for key, _ in cand.actors} & person_keys
    if not mine:
        return None
    weekday = named_weekday(cand)
    words = cand.tokens - name_words
    asked = (frozenset(mine), weekday, words, cand.type)
    if asked not in anchors.best:
        anchors.best[asked] = _best_anchor(cand.type, mine, weekday, words, anchors)
    return anchors.best[asked]


def _best_anchor(
    kind: str, mine: set[str], weekday: int | None, words: frozenset[str], anchors: AnchorIndex
) -> Anchor | None:
    best: tuple[float, str, Anchor] | None = None
    for anchor in anchors.candidates(mine, weekday):
        if weekday is not None and anchor.date.start != anchor.date.end:
            continue
        if not compatible(kind, anchor.type):
            continue
        shared = words & anchor.words
        shared_words = len(shared)
        acts = SIGNATURES.get(anchor.type, set())
        if (
            anchor.type in DISTINCT_ACTS
            and words & acts
            and anchor.words & acts
            and not shared & acts
        ):
            continue  # an appointment does not report a resignation
        # Fewer words do when one of them names the act itself ("resign" for two resignations).
        if shared_words < MIN_SHARED_WORDS and not shared & acts:
            continue
        if weekday is None and not _same_act(kind, anchor, shared, acts):
            continue
        value = len(mine & anchor.persons) + shared_words / 5
        rank = (value, anchor.file_name)
        if best is None or rank > best[:2]:
            best = (value, anchor.file_name, anchor)
    return best[2] if best else None
