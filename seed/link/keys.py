"""Keys that find, in a stored corpus, what a new article can touch (pure: readings in, keys
out). They mirror the candidate generation of the linking steps, so a stored source or event
that no key finds cannot be affected by the new article:

- paragraph sketches: the k smallest shingle hashes of each paragraph, the buckets in which
  `seed.link.origins` looks for near-duplicate paragraphs;
- copy samples: the sampled shingles `seed.link.copies` indexes to find copied articles;
- undated persons: the actors named by relative dates and leads of an undated article ("X said
  Sunday", "X said ..."), by weekday, which an article dating X's statement on that weekday
  may date (`seed.link.publication`), and the words and gatherings its weekdays name;
- event blocks: (month, key) pairs as `seed.link.merge` indexes a cluster: its months, its
  actors (as the registry relates them) and the words naming a happening; a candidate is only
  ever compared with clusters sharing one of its own blocks.

Also what an incremental linking needs back from the last one: the near-duplicate groups
(`origins`) of each quote and pledge of a source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from seed.extract.article import ArticleExtraction
from seed.extract.candidate import Candidate
from seed.extract.pledges import PledgeCandidate
from seed.extract.registry import Registry
from seed.extract.types import DateInterval, TimelineEvent
from seed.link import copies, origins
from seed.link.anchors import ANCHORED_KINDS, COUNTED_KINDS, anchors_by_date
from seed.link.members import MemberKey
from seed.link.merge import _block_keys, expanded_actors, months_of
from seed.link.recycled_years import yearless_keys
from seed.link.shingled import Shingled
from seed.link.vague_days import named_weekday
from seed.link.word_anchors import dated_keys, undated_keys

Related = Callable[[str], set[str]]


@dataclass(frozen=True, slots=True)
class SourceKeys:
    # Sketch hashes of its paragraphs, and the (start, end) of the paragraph of each.
    paragraphs: tuple[int, ...]
    paragraph_spans: tuple[int, ...]
    copies: tuple[int, ...]
    copy_size: int
    # Persons its relative dates and leads name, by weekday (`person_key`), and the keys of
    # its happenings a dated one may find by their words or the gathering they name
    # (seed.link.word_anchors): a new dated article sharing one may date it.
    undated_persons: tuple[str, ...]
    # The keys of the happenings it dates precisely enough to anchor others (`anchor_actors`;
    # of an undated article, as the reading the second round of inference weighs dates them):
    # a new undated article sharing one may be dated by it (`seed.fresh_undated`).
    anchors: tuple[str, ...]
    # (quote start, quote end) of each candidate and pledge, and its origins joined by " ".
    spans: tuple[int, ...]
    origins: tuple[str, ...]


def paragraph_sketch(
    reading: ArticleExtraction, shingled: Shingled | None = None
) -> list[tuple[int, int, int]]:
    """(sketch hash, paragraph start, paragraph end) of each paragraph's sketch (as linking
    worked it out, when `shingled` holds it)."""
    known = shingled.sketches if shingled is not None else {}
    found: list[tuple[int, int, int]] = []
    for paragraph in reading.parsed.paragraphs:
        sketch = known.get(paragraph.text)
        if sketch is None:
            sketch = origins.sketch(origins.shingles(paragraph.text))
        found += [(h, paragraph.start, paragraph.end) for h in sketch]
    return found


def copy_sample(
    reading: ArticleExtraction, shingled: Shingled | None = None
) -> tuple[set[int], int]:
    """The sampled shingles of the reporting text and how many shingles it has; nothing for a
    text too short to be taken for a copy."""
    text = copies.reporting_text(reading)
    known = shingled.samples.get(text) if shingled is not None else None
    sampled, size = known if known is not None else copies.sample(copies.shingles(text))
    return set(sampled), size


def _persons(reading: ArticleExtraction, registry: Registry) -> set[str]:
    """Keys that may name a person: the registry's persons and what the article discovered
    (another article may discover the same key as a person)."""
    return {k for k, r in registry.actors.items() if r.type == "person"} | set(reading.discovered)


def source_keys(
    reading: ArticleExtraction,
    registry: Registry,
    *,
    undated: bool,
    shingled: Shingled | None = None,
) -> SourceKeys:
    """`reading` is the final one (against the publication linking settled on), its quotes
    and pledges carrying their origins; `shingled`, what linking it worked out."""
    sample, size = copy_sample(reading, shingled)
    persons = undated_anchor_keys(reading, registry) if undated else set()
    spans: list[int] = []
    joined: list[str] = []
    items: list[Candidate | PledgeCandidate] = [*reading.candidates, *reading.pledges]
    for item in items:
        spans += [item.quote_start, item.quote_end]
        joined.append(" ".join(item.origins))
    sketch = paragraph_sketch(reading, shingled)
    return SourceKeys(
        tuple(h for h, _, _ in sketch),
        tuple(x for _, start, end in sketch for x in (start, end)),
        tuple(sorted(sample)),
        size,
        tuple(sorted(persons)),
        tuple(sorted(anchor_actors(reading, registry))),
        tuple(spans),
        tuple(joined),
    )


def undated_anchor_keys(reading: ArticleExtraction, registry: Registry) -> set[str]:
    """The keys of an undated article's happenings that a dated one anchoring them shares
    (`anchor_actors`): the persons its relative dates and leads name, by the weekday named
    (`person_key`), and what a dated happening found by its words alone, its month and day or
    the gathering it names shares (seed.link.word_anchors)."""
    known = _persons(reading, registry)
    found: set[str] = set()
    for cand in reading.candidates:
        weekday = named_weekday(cand)
        if cand.hit is not None and cand.hit.kind in ANCHORED_KINDS:
            found.update(person_key(k, weekday) for k, _ in cand.actors if k in known)
        found |= undated_keys(cand, weekday, frozenset())
    return found


def anchor_actors(reading: ArticleExtraction, registry: Registry) -> set[str]:
    """Persons of the happenings a dated article dates precisely enough to anchor others, and
    the keys of those an undated article may find by their words (seed.link.word_anchors)."""
    known = _persons(reading, registry)
    found: set[str] = set()
    for cand in reading.candidates:
        if (cand.date.end - cand.date.start).days > 7:
            continue
        # Exactly what the anchor index files a happening under (`index_anchors`).
        if not anchors_by_date(cand):
            found |= dated_keys(cand, indexed=False) if cand.date_kind in COUNTED_KINDS else set()
            continue
        found |= dated_keys(cand)
        # A happening of one day may be the one a weekday names; any precise one, a happening
        # told without a weekday (`seed.link.anchors.best_anchor`).
        days = [None] if cand.date.start != cand.date.end else [None, cand.date.start.weekday()]
        found |= {person_key(key, day) for key, _ in cand.actors if key in known for day in days}
    return found


def person_key(person: str, weekday: int | None) -> str:
    """The key of a person's happening on `weekday` (None: told without one)."""
    return f"{person}@{'*' if weekday is None else weekday}"


def _blocks(date: DateInterval, keys: set[str]) -> set[str]:
    """`keys` as the merge step indexes a cluster by them (`_block_keys`), under each month."""
    return {f"{month}:{key}" for month in months_of(date) for key in keys}


def candidate_blocks(cand: Candidate, related: Related, default: str | None) -> set[str]:
    """The blocks under which the merge step looks for clusters `cand` may join."""
    return _blocks(cand.date, _block_keys(expanded_actors(cand, related), cand.tokens, (), default))


def member_key(file_name: str, start: int, end: int, date_text: str | None) -> tuple[object, ...]:
    return (file_name, start, end, date_text or "")


def event_blocks(
    event: TimelineEvent,
    members: dict[tuple[object, ...], Candidate],
    related: Related,
    default: str | None,
) -> list[str]:
    """The blocks under which the merge step indexes the cluster `event` was made from."""
    actors: set[str] = set()
    for link in event.actors:
        actors |= related(link.actor_key)
    read = _mentions_read(event, members)
    tokens: set[str] = set().union(*(cand.tokens for cand in read))
    # also under the months of its narrowest mentions' dates: the event's date may be narrower
    # than the date the merge step compares the cluster through (seed.link.timeline.told_date)
    dates = [cand.date for cand in read]
    narrowest = min((d.end - d.start for d in dates), default=None)
    keys = _block_keys(actors, tokens, (), default)
    blocks = _blocks(event.date, keys)
    # and its yearless days, which a telling with its year may move (seed.link.recycled_years)
    for cand in read:
        blocks |= yearless_keys(cand)
    # each date once: the mentions of a large event share a few dates
    for interval in {d for d in dates if d.end - d.start == narrowest}:
        blocks |= _blocks(interval, keys)
    return sorted(blocks)


def _mentions_read(
    event: TimelineEvent, members: dict[tuple[object, ...], Candidate]
) -> list[Candidate]:
    """The candidates `event`'s mentions were read as (those `members` holds)."""
    found = (
        members.get(member_key(m.file_name, m.quote.char_start, m.quote.char_end, m.date_text))
        for m in event.mentions
    )
    return [cand for cand in found if cand is not None]


def member_dates(
    event: TimelineEvent, members: dict[tuple[object, ...], Candidate]
) -> list[tuple[date, date]]:
    """The days covered by the date of `event` and those of its mentions as read, as sorted,
    disjoint (start, end) intervals: a candidate of a date outside them meets neither the
    cluster nor any of its members (the merge step compares only overlapping dates)."""
    dates = [(event.date.start, event.date.end)]
    dates += [(cand.date.start, cand.date.end) for cand in _mentions_read(event, members)]
    merged: list[tuple[date, date]] = []
    for start, end in sorted(dates):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def members_of(readings: Iterable[ArticleExtraction]) -> dict[tuple[object, ...], Candidate]:
    return {
        member_key(c.file_name, c.quote_start, c.quote_end, c.date_text): c
        for reading in readings
        for c in reading.candidates
    }


@dataclass(slots=True)
class LinkKeys:
    sources: dict[str, SourceKeys]
    events: dict[str, list[str]]  # event key -> blocks
    # Event key -> the days its mentions' dates cover (`member_dates`).
    event_dates: dict[str, list[tuple[date, date]]] = field(default_factory=dict)
    # Undated article -> its final reading, stored (see `seed.stored_extractions.dump`), and
    # of those the first round of inference left wide, their reading after that round.
    dated: dict[str, bytes] = field(default_factory=dict)
    first: dict[str, bytes] = field(default_factory=dict)
    # The reading of each mention of the linked events and pledges (`seed.link.members`).
    members: dict[MemberKey, bytes] = field(default_factory=dict)


def timeline_keys(
    readings: Iterable[ArticleExtraction],
    events: Iterable[TimelineEvent],
    undated: set[str],
    registry: Registry,
    *,
    only: set[str] | None = None,
    shingled: Shingled | None = None,
) -> LinkKeys:
    """The keys of a linked timeline, from its final `readings`; `undated` names the articles
    whose publication was inferred. Source keys of the articles in `only` (all when None)."""
    readings = list(readings)
    found = members_of(readings)
    related, default = registry.related, registry.default_actor
    return LinkKeys(
        sources={
            r.file_name: source_keys(r, registry, undated=r.file_name in undated, shingled=shingled)
            for r in readings
            if only is None or r.file_name in only
        },
        events={e.key: event_blocks(e, found, related, default) for e in events},
        event_dates={e.key: member_dates(e, found) for e in events},
    )


def keep_first_round(
    keys: LinkKeys,
    first_round: Mapping[str, ArticleExtraction],
    registry: Registry,
    dump: Callable[[ArticleExtraction], bytes],
) -> None:
    """Of the undated articles among `keys.sources` that the first round of inference left
    wide (`first_round`: their readings after it): that reading, stored, and the anchor keys
    it gives, for the second round weighs them as it dates them (`seed.fresh_undated`)."""
    for name, first in first_round.items():
        if name in keys.sources:
            keys.first[name] = dump(first)
            anchors = tuple(sorted(anchor_actors(first, registry)))
            keys.sources[name] = dataclasses.replace(keys.sources[name], anchors=anchors)
