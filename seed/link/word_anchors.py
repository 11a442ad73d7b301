"""Anchors an undated article's happening finds by what it tells, when it names no person.

`seed.link.publication` anchors a relative date on a dated source's happening of a person both
name. Many tellings name no person the dated source names ("the coastal road between two towns
reopened on Sunday"): they are anchored here, on stricter evidence.

1. A weekday ("on Sunday"): a dated source's happening on that very weekday, of a compatible
   kind, sharing at least `MIN_WORDS` content words besides names. The weekday itself confirms
   the match; the words say it is the same happening.
2. A day with a year counted from publication ("December 24 this year"): a dated source's
   happening of the same kind on that month and day, naming the same act ("elections"). Its year
   is then the publication's year (give or take the one the text counts).
3. A weekday naming a gathering ("ahead of Wednesday's Tunis conference"): a dated source's
   gathering of that weekday whose words hold the gathering's name and noun. Its day may have
   been counted from another ("three days before the conference"): the weekday confirms the
   count. Gatherings of that name on different days make no match.

Words found in the dated happenings of very many articles of one weekday say nothing: they are
not counted. (Articles, not happenings: a stored corpus counts the articles holding a key
without reading them, `crowded` below.) The keys `undated_keys` and `dated_keys` tell the
incremental path which stored undated articles a new dated one may date (a match shares
`MIN_WORDS` words of a weekday, or a day and an act), and which stored dated articles may date
a new undated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from seed.extract.candidate import Candidate
from seed.extract.tokens import content_tokens
from seed.link.merge import SIGNATURES

if TYPE_CHECKING:
    from seed.link.anchors import Anchor

# Content words (besides names) a weekday match without a shared person must share.
MIN_WORDS = 4
# A word in the dated happenings of more articles of one weekday than this tells none apart.
MAX_BUCKET = 200
_YEAR_OFFSET = {"this": 0, "last": -1, "next": 1}
# The kind of happening a gathering is.
GATHERING = "meeting"
# Right after a weekday: "'s Tunis conference" (its name, then its noun; either apostrophe).
_NAMED_GATHERING = re.compile(
    r"['\u2019]s\s+(?P<name>(?:[A-Z][\w-]*\s+(?:\d+\s+)?){1,3})"
    r"(?P<noun>conference|summit|talks|meeting|forum)\b"
)


@dataclass(slots=True)
class WordIndex:
    """Day-precise anchors by (content word, weekday) and by (month, day)."""

    by_word: dict[tuple[str, int], dict[tuple[object, ...], Anchor]] = field(default_factory=dict)
    by_day: dict[tuple[int, int], dict[tuple[object, ...], Anchor]] = field(default_factory=dict)
    # Gatherings by weekday, also those whose day was counted from another.
    gatherings: dict[int, dict[tuple[object, ...], Anchor]] = field(default_factory=dict)
    # The articles of each (word, weekday) bucket, and the buckets known to hold more than
    # `MAX_BUCKET` of them where only part of a stored corpus's articles was read.
    files: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    crowded: set[tuple[str, int]] = field(default_factory=set)

    def add(self, anchor: Anchor, identity: tuple[object, ...]) -> None:
        day = anchor.date.start
        if day != anchor.date.end:
            return
        self.add_gathering(anchor, identity)
        for w in anchor.words:
            self.files.setdefault((w, day.weekday()), set()).add(anchor.file_name)
        buckets = [self.by_word.setdefault((w, day.weekday()), {}) for w in anchor.words]
        buckets.append(self.by_day.setdefault((day.month, day.day), {}))
        for bucket in buckets:
            _keep_first(bucket, identity, anchor)

    def crowded_bucket(self, word: str, weekday: int) -> bool:
        """Whether `word` on `weekday` is found in too many articles to tell any apart."""
        key = (word, weekday)
        return key in self.crowded or len(self.files.get(key, ())) > MAX_BUCKET

    def add_gathering(self, anchor: Anchor, identity: tuple[object, ...]) -> None:
        """Index a day-precise gathering (its day stated, or counted from another)."""
        day = anchor.date.start
        if anchor.type != GATHERING or day != anchor.date.end:
            return
        _keep_first(self.gatherings.setdefault(day.weekday(), {}), identity, anchor)


def _keep_first(
    bucket: dict[tuple[object, ...], Anchor], identity: tuple[object, ...], anchor: Anchor
) -> None:
    """The first file (in sorted order) names an anchor told by several: deterministic."""
    if identity not in bucket or anchor.file_name < bucket[identity].file_name:
        bucket[identity] = anchor


def gathering_words(cand: Candidate) -> frozenset[str]:
    """The words of the gathering a weekday names ("Wednesday's Tunis conference": its name
    and noun), nothing when the weekday names none or the name is no content word."""
    if cand.hit is None or cand.hit.kind != "weekday" or cand.type != GATHERING:
        return frozenset()
    m = _NAMED_GATHERING.match(cand.summary, cand.hit.end)
    if m is None:
        return frozenset()
    name = content_tokens(m.group("name"))
    return name | content_tokens(m.group("noun")) if name else frozenset()


def gathering_match(cand: Candidate, weekday: int, index: WordIndex) -> Anchor | None:
    """The dated gathering of `weekday` in another file that `cand` names by its name and
    noun; None when there is none or they fall on different days."""
    found = named_gatherings(cand, weekday, index)
    if len({a.date.start for a in found}) != 1:
        return None
    return min(found, key=lambda a: a.file_name)


def named_gatherings(cand: Candidate, weekday: int, index: WordIndex) -> list[Anchor]:
    """The dated gatherings of `weekday` in other files whose words hold the name and noun of
    the gathering `cand` names with that weekday."""
    words = gathering_words(cand)
    if not words:
        return []
    return [
        a
        for a in index.gatherings.get(weekday, {}).values()
        if words <= a.words and a.file_name != cand.file_name
    ]


def weekday_matches(
    words: frozenset[str], weekday: int, index: WordIndex, own: str
) -> list[tuple[int, Anchor]]:
    """Dated happenings of `weekday` in files other than `own` sharing at least `MIN_WORDS` of
    `words`, with how many, most first (ties by file name)."""
    counts: dict[tuple[object, ...], int] = {}
    found: dict[tuple[object, ...], Anchor] = {}
    for word in sorted(words):
        if index.crowded_bucket(word, weekday):
            continue
        bucket = index.by_word.get((word, weekday), {})
        for identity, anchor in bucket.items():
            if anchor.file_name == own:
                continue
            counts[identity] = counts.get(identity, 0) + 1
            found[identity] = anchor
    ranked = [(n, found[i]) for i, n in counts.items() if n >= MIN_WORDS]
    ranked.sort(key=lambda x: (-x[0], x[1].file_name, x[1].date.start))
    return ranked


def year_offset(cand: Candidate) -> int | None:
    """How many years after publication a "December 24 this year" date lies; None for any
    other expression."""
    if cand.hit is None or cand.hit.kind != "day":
        return None
    words = cand.hit.text.lower().split()
    if len(words) < 2 or words[-1] != "year":
        return None
    return _YEAR_OFFSET.get(words[-2])


def day_matches(cand: Candidate, index: WordIndex) -> list[Anchor]:
    """For a "<month> <day> this year" happening: the dated happenings in other files of its
    kind, naming its act, on that month and day (of any year)."""
    acts = SIGNATURES.get(cand.type, set()) & cand.tokens
    if year_offset(cand) is None or cand.hit is None or not acts:
        return []
    day = cand.hit.interval.start
    return [
        a
        for a in index.by_day.get((day.month, day.day), {}).values()
        if a.type == cand.type and a.words & acts and a.file_name != cand.file_name
    ]


def year_window(cand: Candidate, index: WordIndex) -> tuple[date, date, Anchor] | None:
    """The publication year a "<month> <day> this year" happening gives, when dated sources
    place a happening of its kind naming its act on that month and day (of one year)."""
    offset = year_offset(cand)
    matches = day_matches(cand, index)
    if offset is None or not matches:
        return None
    years = {a.date.start.year - offset for a in matches}
    if len(years) != 1:
        return None  # none, or happenings of that kind on that day in several years
    year = years.pop()
    first = min(matches, key=lambda a: (a.file_name, a.date.start))
    return date(year, 1, 1), date(year, 12, 31), first


# Key prefixes: actor keys (slugs) hold no colon.
WORD_KEY = "word:"
DAY_KEY = "day:"
GATHERING_KEY = "gathering:"


def undated_keys(cand: Candidate, weekday: int | None, name_words: frozenset[str]) -> set[str]:
    """Keys of an undated article's relative happening that a dated source matching it shares
    (see `dated_keys`): a weekday match shares `MIN_WORDS` word keys, a day match or a named
    gathering one key."""
    keys: set[str] = set()
    if weekday is not None:
        keys |= {f"{WORD_KEY}{weekday}:{w}" for w in cand.tokens - name_words}
        keys |= {f"{GATHERING_KEY}{weekday}:{w}" for w in gathering_words(cand)}
    if year_offset(cand) is not None and cand.hit is not None:
        day = cand.hit.interval.start
        acts = SIGNATURES.get(cand.type, set()) & cand.tokens
        keys |= {f"{DAY_KEY}{day.month}-{day.day}:{act}" for act in acts}
    return keys


def dated_keys(cand: Candidate, indexed: bool = True) -> set[str]:
    """Keys of a dated source's day-precise happening (see `undated_keys`), exactly the
    buckets `WordIndex` files it under: `indexed` is False for a happening the anchors leave
    out (a speaker's date, one counted from another: `seed.link.anchors.index_anchors`), of
    which only a gathering is filed, by its weekday."""
    day = cand.date.start
    if day != cand.date.end:
        return set()
    keys: set[str] = set()
    if indexed:
        keys |= {f"{WORD_KEY}{day.weekday()}:{w}" for w in cand.tokens}
        keys |= {f"{DAY_KEY}{day.month}-{day.day}:{act}" for act in cand.tokens & _ALL_ACTS}
    if cand.type == GATHERING:
        keys |= {f"{GATHERING_KEY}{day.weekday()}:{w}" for w in cand.tokens}
    return keys


def word_bucket(key: str) -> tuple[str, int] | None:
    """The (word, weekday) bucket of a word key (`undated_keys`), None for any other key."""
    if not key.startswith(WORD_KEY):
        return None
    weekday, word = key[len(WORD_KEY) :].split(":", 1)
    return word, int(weekday)


_ALL_ACTS = frozenset(t for tokens in SIGNATURES.values() for t in tokens)
