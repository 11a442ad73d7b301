"""Which id each extracted event and pledge is stored under.

An id follows from content, not from arrival order: it is derived from the event's (pledge's)
first mention in content order (the earliest published source, then the source text's hash,
then the quote's offsets), so ingesting the same articles in any order, one at a time or in one
call, gives the same ids, and an unrelated article never moves one. Unique by construction: a
derived id another item holds (or a pinned id, below) is derived again with a counter, in
content order.

An event (pledge) an editor touched (an edited field) or deleted is pinned: it keeps its id and
state, and the quotes it held stay with it. What a later reading adds to a deleted happening
forms a live event of its own.
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
# (earliest day of the source's publication, sha256 of its text, quote start, quote end,
# date text): a mention's place in content order, and (without the day) its identity.
OrderOf = Callable[[Mention], tuple[str, str, int, int, str]]
# Suffix of the key of the live part of an event split off a deleted one.
LIVE = "+live"


def span(m: Mention) -> tuple[int, int]:
    return m.quote.char_start, m.quote.char_end


def content_id(kind: str, first: tuple[str, str, int, int, str], attempt: int = 0) -> uuid.UUID:
    """The id derived from an item's first mention (see `OrderOf`); the day is left out, so an
    id does not move when only a source's inferred publication interval does."""
    parts: tuple[object, ...] = (kind, *first[1:])
    return stable_id(*parts, attempt) if attempt else stable_id(*parts)


def assign_ids(
    items: Sequence[TimelineEvent | TimelinePledge],
    kind: Literal["event", "pledge"],
    existing: Existing,
    source_of: SourceOf,
    order_of: OrderOf,
    *,
    pinned: Collection[uuid.UUID] = frozenset(),
    reserved: Collection[uuid.UUID] = frozenset(),
) -> dict[str, uuid.UUID]:
    """Ids for `items`: a pinned stored id that most of an item's quotes belonged to, else
    the id derived from its first mention in content order.

    `existing` maps stored mentions to what they point at; `reserved` are ids of stored items
    this run does not rewrite: no item takes one of them, nor a pinned id it does not keep.
    """
    assigned: dict[str, uuid.UUID] = {}
    taken: set[uuid.UUID] = set()
    # Pinned ids go first, to the item holding most of their quotes (ties: content order).
    firsts = {item.key: min(order_of(m) for m in item.mentions) for item in items}
    for item in sorted(items, key=lambda i: (-len(i.mentions), firsts[i.key], i.key)):
        votes: Counter[uuid.UUID] = Counter()
        for m in item.mentions:
            for old in existing.get((source_of(m), *span(m), kind), []):
                if old in pinned and old not in taken:
                    votes[old] += 1
        if votes:
            best = sorted(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
            assigned[item.key] = best
            taken.add(best)
    blocked = taken | set(pinned) | set(reserved)
    for item in sorted(items, key=lambda i: (firsts[i.key], i.key)):
        if item.key in assigned:
            continue
        attempt = 0
        best = content_id(kind, firsts[item.key])
        while best in blocked:
            attempt += 1
            best = content_id(kind, firsts[item.key], attempt)
        assigned[item.key] = best
        blocked.add(best)
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
