"""Linking a neighbourhood in one call to the pool: its events, then, where they change, the
pledges made at them (`seed.incremental` says what a neighbourhood is).

Of a stored source, linking a neighbourhood reads only the quotes of the events (pledges) it
links again, their near-duplicate groups as stored, and the source's publication: the
readings rebuilt from the member readings (`seed.link.members`) hold exactly those, so the
timeline is the one the whole readings cut down to those quotes give. Only the new articles'
mentions' readings are handed back (the stored ones are stored already).

The pledges made at an event whose mentions change are grouped and dated with it, so they are
linked again too, and so are the stored pledges a new pledge may join (those of its actors:
`StoredNeighbourhood.related`): grouped against the clusters the linking of the events merged
(`seed.link.timeline.pledges_linked_again`; with whole readings, linked again with the
events as that linking found them, `seed.link.regroup`). The others, made at an event that
keeps its mentions, keep what they had. Both steps run in the same worker call, which is
handed the pledges of every touched event with what is stored of the events: shipping the
neighbourhood to a worker and its timeline back cost as much as linking it. Events that keep
their mentions are not handed back either. A worker keeps the stored mentions it decoded, and
each linking puts back what it changed of them (`as_decoded`).
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import uuid
from collections.abc import Callable, Mapping, Sequence, Set
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache

from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.extract.types import Timeline
from seed.link.members import (
    MemberReading,
    StoredSource,
    as_decoded,
    decode_member,
    stand_ins,
)
from seed.link.regroup import QuoteKey, labels_of, mention_key
from seed.link.timeline import KnownOrigins, Merged, pledges_linked_again, quoted_sources
from seed.workers import Clustered, Keep, _link, _only, default_registry

# (file name, kind, serialised reading) of each stored mention.
Payloads = Sequence[tuple[str, str, bytes]]


@dataclass(frozen=True, slots=True)
class StoredReadings:
    """What linking reads of the neighbourhood's stored sources: the readings of their
    mentions (`sources` and `payloads`), or, for mentions stored before those were kept, the
    whole readings (`whole`: file name -> serialised reading)."""

    sources: Sequence[StoredSource] = ()
    payloads: Payloads = ()
    whole: Mapping[str, bytes] | None = None


@dataclass(frozen=True, slots=True)
class StoredNeighbourhood:
    """The touched events and the pledges made at them, as stored."""

    # Event -> its mentions (file name, start, end, date text).
    events: Mapping[uuid.UUID, frozenset[QuoteKey]]
    # Pledge -> the event it was made at (None if none), and its mentions as `Keep` names them.
    pledges: Mapping[uuid.UUID, tuple[uuid.UUID | None, Keep]]
    # The pledges a new pledge may be grouped with: linked again whatever their events do.
    related: frozenset[uuid.UUID] = frozenset()


@dataclass(slots=True)
class LinkedNeighbourhood:
    # Without the events stored as they are (`same`).
    timeline: Timeline
    # The stored pledges linked again (those made at events whose mentions change).
    pledges: frozenset[uuid.UUID]
    # Linked event -> the touched event stored with exactly its mentions, left out.
    same: dict[str, uuid.UUID]
    # Those of `same` the timeline's pledges refer to (made at, evidence).
    kept: dict[str, uuid.UUID] = dataclasses.field(default_factory=dict)


def link_neighbourhood(
    stored: StoredReadings,
    fresh: Sequence[ArticleExtraction],
    registry: Registry,
    keep: Keep,
    known_origins: KnownOrigins,
    neighbourhood: StoredNeighbourhood,
    decode: Callable[[bytes], MemberReading] = decode_member,
) -> LinkedNeighbourhood:
    """The `fresh` articles linked with the stored mentions `keep` names (the touched events'),
    then, if those events change, with the pledges made at them too. `decode` reads a stored
    mention's reading (it may hand back what it decoded for an earlier linking: see
    `_decoded_before`)."""
    # The stored mentions are decoded once, for the events and the pledges made at them.
    pledged = {name for _, keys in neighbourhood.pledges.values() for name in keys}
    decoded = _decoded(stored, keep.keys() | pledged, decode)
    restore = as_decoded(decoded or [])
    try:
        # Linking annotates the readings it is given: the fallback below starts from the same.
        linked_fresh = copy.deepcopy(list(fresh))
        merged = Merged()
        first = _linked(stored, decoded, linked_fresh, registry, keep, known_origins, merged=merged)
        # (The pledges add no candidate: the timeline's events below are `first`'s.)
        unchanged = _unchanged(first, neighbourhood)
        changed = set(neighbourhood.events) - set(unchanged.values())
        pledges = frozenset(
            p
            for p, (event, _) in neighbourhood.pledges.items()
            if event in changed or p in neighbourhood.related
        )
        timeline = first
        if pledges:
            both = _with_pledge_mentions(keep, neighbourhood, pledges)
            # The same quotes, so the same events: the pledges are grouped against the
            # clusters the first linking merged, its candidates as it left them.
            readings = [
                *(_only(x, both[x.file_name]) for x in decoded or () if x.file_name in both),
                *linked_fresh,
            ]
            again = (
                None
                if decoded is None
                else pledges_linked_again(first, readings, registry, known_origins, merged)
            )
            if again is None:
                # Whole readings (mentions stored before their own readings were kept):
                # linked again, the events taken from the first linking's clusters.
                restore()
                clustered = labels_of(first.events)
                again = _linked(stored, decoded, fresh, registry, both, known_origins, clustered)
            timeline = again
    finally:
        # As decoded again, for the next linking `decode` hands them to (the timeline holds
        # values only, none of these objects).
        restore()
    timeline.events = [e for e in timeline.events if e.key not in unchanged]
    # Storing reads the stored sources only for the mentions it writes: the others (most of
    # a large neighbourhood's) are not handed back.
    quoted = quoted_sources(timeline) | {x.file_name for x in fresh}
    timeline.sources = [s for s in timeline.sources if s.file_name in quoted]
    kept = _referred(timeline, unchanged)
    return LinkedNeighbourhood(_with_stored_sha(timeline, stored), pledges, unchanged, kept)


def _with_pledge_mentions(
    keep: Keep, neighbourhood: StoredNeighbourhood, pledges: Set[uuid.UUID]
) -> Keep:
    """`keep` with the mentions of the stored `pledges` added."""
    both = {name: set(keys) for name, keys in keep.items()}
    for pledge in sorted(pledges):
        for name, keys in neighbourhood.pledges[pledge][1].items():
            both.setdefault(name, set()).update(keys)
    return both


def _decoded(
    stored: StoredReadings, names: Set[str], decode: Callable[[bytes], MemberReading]
) -> list[ArticleExtraction] | None:
    """The stand-ins of the stored sources `names` holds, from their mentions' readings (None
    for whole readings: `_linked` loads those itself)."""
    if stored.whole is not None:
        return None
    sources = [s for s in stored.sources if s.file_name in names]
    return stand_ins(sources, [p for p in stored.payloads if p[0] in names], decode)


def _linked(
    stored: StoredReadings,
    decoded: Sequence[ArticleExtraction] | None,
    fresh: Sequence[ArticleExtraction],
    registry: Registry,
    keep: Keep,
    known_origins: KnownOrigins,
    clustered: Clustered | None = None,
    merged: Merged | None = None,
) -> Timeline:
    """The stored sources `keep` names, cut down to the mentions it lists, linked with `fresh`
    (`decoded`: the stand-ins of the stored sources, from their mentions' readings); `merged`
    receives what merging made of them."""
    if decoded is None:
        assert stored.whole is not None
        whole = [reading for name, reading in sorted(stored.whole.items()) if name in keep]
        # Mentions without their own reading: all of them are handed back, to be stored.
        return _link(
            whole, fresh, registry, keep, known_origins, clustered=clustered, merged=merged
        )
    return _link(
        [x for x in decoded if x.file_name in keep],
        fresh,
        registry,
        keep,
        known_origins,
        members={x.file_name for x in fresh},
        clustered=clustered,
        merged=merged,
    )


def _with_stored_sha(timeline: Timeline, stored: StoredReadings) -> Timeline:
    """The rebuilt readings hold no text: each stored source keeps its text's hash."""
    sha = {s.file_name: s.sha256 for s in stored.sources}
    timeline.sources = [
        dataclasses.replace(s, sha256=sha[s.file_name]) if s.file_name in sha else s
        for s in timeline.sources
    ]
    return timeline


def _unchanged(timeline: Timeline, neighbourhood: StoredNeighbourhood) -> dict[str, uuid.UUID]:
    """Event of the linked timeline -> the touched event stored with exactly its mentions.

    Linking is deterministic: the same members in the same clusters give the same date, type,
    title, actors and origins, so such an event is stored already as it is."""
    stored_as = {mentions: event for event, mentions in neighbourhood.events.items()}
    found: dict[str, uuid.UUID] = {}
    for event in timeline.events:
        if (mentions := frozenset(map(mention_key, event.mentions))) in stored_as:
            found[event.key] = stored_as[mentions]
    return found


def _referred(timeline: Timeline, unchanged: dict[str, uuid.UUID]) -> dict[str, uuid.UUID]:
    """Of the `unchanged` events, those the timeline's pledges refer to: they are not stored
    again (that would write what is stored), the pledges' rows take their ids."""
    needed = {p.event_key for p in timeline.pledges if p.event_key}
    needed |= {key for p in timeline.pledges for key, _ in p.evidence}
    return {key: event for key, event in unchanged.items() if key in needed}


def _link_neighbourhood_in_worker(
    stored: StoredReadings,
    fresh: Sequence[ArticleExtraction],
    keep: Keep,
    known_origins: KnownOrigins,
    neighbourhood: StoredNeighbourhood,
) -> LinkedNeighbourhood:
    return link_neighbourhood(
        stored, fresh, default_registry(), keep, known_origins, neighbourhood, _decoded_before
    )


# Mentions' readings a worker process decoded for earlier linkings, kept as decoded (each
# linking puts them back: `as_decoded`). The neighbourhoods of the articles of one day
# overlap, and decoding their stored mentions took a fifth of linking one (45 ms of 230 at
# 10,000 stored articles). Only in a worker process: it links one neighbourhood at a time.
DECODED_KEPT = 20_000
_decoded_before = lru_cache(maxsize=DECODED_KEPT)(decode_member)


async def link_in_pool(
    stored: StoredReadings,
    fresh: Sequence[ArticleExtraction],
    registry: Registry | None,
    pool: Executor | None,
    keep: Keep,
    known_origins: KnownOrigins,
    neighbourhood: StoredNeighbourhood,
) -> LinkedNeighbourhood:
    """`link_neighbourhood` in `pool` when given (with the default registry), else in a thread."""
    if pool is None or registry is not None:
        chosen = registry or default_registry()
        return await asyncio.to_thread(
            link_neighbourhood, stored, fresh, chosen, keep, known_origins, neighbourhood
        )
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        pool,
        _link_neighbourhood_in_worker,
        stored,
        list(fresh),
        keep,
        dict(known_origins),
        neighbourhood,
    )
