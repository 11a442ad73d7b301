"""Which id each extracted event and pledge is stored under.

Ids are stable across runs: an event keeps the id of the stored event most of its quotes
belonged to, so URLs survive re-reading. A new one gets a deterministic id from its first quote,
never one another event holds already (unique by construction, whatever collides).

An event an editor deleted stays deleted: the quotes it held stay with it, and what a later
reading adds to the same happening forms a live event of its own.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import Literal

from db.ids import stable_id
from seed.extract.types import Mention, TimelineEvent, TimelinePledge

Existing = dict[tuple[uuid.UUID, int, int, str], list[uuid.UUID]]
SourceOf = Callable[[Mention], uuid.UUID]
# Suffix of the key of the live part of an event split off a deleted one.
LIVE = "+live"


def span(m: Mention) -> tuple[int, int]:
    return m.quote.char_start, m.quote.char_end


def assign_ids(
    items: Sequence[TimelineEvent | TimelinePledge],
    kind: Literal["event", "pledge"],
    existing: Existing,
    source_of: SourceOf,
    slug_of: Callable[[str], str],
) -> dict[str, uuid.UUID]:
    """Keep the id of the stored event (pledge) that most of this one's quotes belonged to."""
    assigned: dict[str, uuid.UUID] = {}
    taken: set[uuid.UUID] = set()
    # Ids stored mentions point at belong to stored rows: a new item never takes one of them.
    held = {target for targets in existing.values() for target in targets}
    for item in sorted(items, key=lambda i: (-len(i.mentions), i.key)):
        votes: Counter[uuid.UUID] = Counter()
        for m in item.mentions:
            for old in existing.get((source_of(m), *span(m), kind), []):
                if old not in taken:
                    votes[old] += 1
        if votes:
            best = sorted(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
        else:
            first = min(item.mentions, key=lambda m: (m.file_name, *span(m)))
            parts = (kind, slug_of(first.file_name), *span(first), item.key)
            best, attempt = stable_id(*parts), 0
            while best in taken or best in held:
                attempt += 1
                best = stable_id(*parts, attempt)
        assigned[item.key] = best
        taken.add(best)
    return assigned


def split_deleted(
    events: Sequence[TimelineEvent],
    pledges: Sequence[TimelinePledge],
    existing: Existing,
    deleted: Collection[uuid.UUID],
    source_of: SourceOf,
) -> tuple[list[TimelineEvent], list[TimelinePledge]]:
    """Events whose quotes partly belong to a deleted event: those quotes stay on it (it stays
    deleted), the others form a live event. Pledges follow the live part."""
    if not deleted:
        return list(events), list(pledges)
    result: list[TimelineEvent] = []
    moved: dict[str, str] = {}
    for event in events:
        on_deleted = [
            m
            for m in event.mentions
            if any(t in deleted for t in existing.get((source_of(m), *span(m), "event"), []))
        ]
        if not on_deleted or len(on_deleted) == len(event.mentions):
            result.append(event)
            continue
        live = tuple(m for m in event.mentions if m not in on_deleted)
        result.append(dataclasses.replace(event, mentions=tuple(on_deleted)))
        result.append(dataclasses.replace(event, key=event.key + LIVE, mentions=live))
        moved[event.key] = event.key + LIVE
    kept = [
        dataclasses.replace(p, event_key=moved[p.event_key]) if p.event_key in moved else p
        for p in pledges
    ]
    return result, kept
