"""Storing a linked `Timeline`: reconcile the database with it through the repositories.

- ids are deterministic: a stored event keeps its id as long as one of its quotes is still
  extracted, so URLs stay stable across runs (`seed.stored_ids`);
- rows are rewritten only when a value changed, never where an editor set a field;
- flushes, never commits: the caller's transaction covers the whole run.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id, mention_id, source_id
from db.models import EventActor, PledgeActor
from db.repositories import stored_targets
from db.repositories import timeline_sync as repo
from db.text_norm import normalise_name
from seed.extract.gazetteer import place_columns
from seed.extract.types import (
    ActorRecord,
    ActorRelation,
    Mention,
    Timeline,
    TimelineEvent,
    TimelinePledge,
)
from seed.link.timeline import quoted_sources
from seed.names import slugify
from seed.store_keys import store_keys
from seed.stored_ids import assign_ids, span, split_deleted

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Scope:
    """What an incremental run rewrites: its fresh sources (file names) and the stored events
    and pledges whose mentions it re-linked."""

    fresh: frozenset[str]
    events: frozenset[uuid.UUID]
    pledges: frozenset[uuid.UUID] = frozenset()
    # Events the timeline's pledges refer to that are stored as linked (key -> id): left out
    # of the timeline, not stored again.
    kept: Mapping[str, uuid.UUID] = field(default_factory=dict)

    @property
    def relinked(self) -> list[uuid.UUID]:
        return sorted(self.events | self.pledges)


@dataclass(frozen=True, slots=True)
class Stored:
    """The ids of the events and pledges a run stored."""

    events: list[uuid.UUID]
    pledges: list[uuid.UUID]


async def store_timeline(
    session: AsyncSession,
    timeline: Timeline,
    progress: Progress | None = None,
    *,
    scope: Scope | None = None,
) -> Stored:
    """Reconcile the database with `timeline` (flushes, never commits).

    With a `scope` (an incremental run), `timeline` is the reading of a neighbourhood: only
    its fresh sources and the stored events it re-linked are rewritten; every other stored row
    stands, and no new item takes the id of one. Returns the ids of what it stored."""
    slug_of = {s.file_name: slugify(s.file_name) for s in timeline.sources}
    source_rows = [
        {
            "id": source_id(slug_of[s.file_name]),
            "slug": slug_of[s.file_name],
            "file_name": s.file_name,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "text": s.text,
            "sha256": s.sha256,
            "published_start": s.publication.interval.start,
            "published_end": s.publication.interval.end,
            "published_precision": s.publication.interval.precision,
            "published_explicit": s.publication.explicit,
            "published_reason": s.publication.reason,
        }
        for s in timeline.sources
        if scope is None or s.file_name in scope.fresh
    ]
    await repo.upsert_sources(session, source_rows)
    # An incremental run reads with the registry the corpus was linked with (same extractor
    # version): its curated actors are stored already, only discovered ones can be new.
    await _store_actors(
        session,
        timeline.actors if scope is None else [a for a in timeline.actors if a.discovered],
        timeline.relations if scope is None else [],
    )
    merged = await repo.merged_actors(session)

    def source_of(m: Mention) -> uuid.UUID:
        return source_id(slug_of[m.file_name])

    # What the stored mentions of these sources point at; in an incremental run, only the
    # sources of what it stores (the events it left as they were are not in `timeline`).
    quoted = set(slug_of) if scope is None else scope.fresh | quoted_sources(timeline)
    existing = await stored_targets.existing_mention_targets(
        session, [source_id(slug_of[name]) for name in sorted(quoted)]
    )
    held = {t for targets in existing.values() for t in targets}
    # Stored rows outside the neighbourhood keep their ids: nothing new may take one.
    reserved = held - scope.events - scope.pledges if scope is not None else set()
    deleted = await stored_targets.deleted_events(session, held)
    pinned = await stored_targets.pinned(session, held)
    events, pledges = split_deleted(timeline.events, timeline.pledges, existing, deleted, source_of)
    timeline = dataclasses.replace(timeline, events=events, pledges=pledges)
    # A mention's place in content order: its source's earliest publication day, its text's
    # hash, then the quote (see seed.stored_ids).
    by_name = {s.file_name: s for s in timeline.sources}

    def order_of(m: Mention) -> tuple[str, str, int, int, str]:
        s = by_name[m.file_name]
        return (s.publication.interval.start.isoformat(), s.sha256, *span(m), m.date_text or "")

    event_ids = assign_ids(
        timeline.events, "event", existing, source_of, order_of, pinned=pinned, reserved=reserved
    )
    pledge_ids = assign_ids(
        timeline.pledges, "pledge", existing, source_of, order_of, pinned=pinned, reserved=reserved
    )
    # What pledges may refer to: the events stored here and those kept as stored.
    referred = {**(scope.kept if scope is not None else {}), **event_ids}

    await repo.upsert_events(
        session,
        [
            {
                "id": event_ids[e.key],
                "title": e.title[:500],
                "summary": e.summary,
                "type": e.type,
                "date_start": e.date.start,
                "date_end": e.date.end,
                "date_precision": e.date.precision,
                "date_resolved": e.date_resolved,
                "location": e.location,
                **place_columns(e.location),
            }
            for e in timeline.events
        ],
    )
    await repo.upsert_pledges(
        session,
        [
            {
                "id": pledge_ids[p.key],
                "text": p.text,
                "made_start": p.made.start,
                "made_end": p.made.end,
                "made_precision": p.made.precision,
                "deadline_start": p.deadline.start if p.deadline else None,
                "deadline_end": p.deadline.end if p.deadline else None,
                "deadline_precision": p.deadline.precision if p.deadline else None,
                "quantity": p.quantity,
                "unit": p.unit,
                "status": p.status,
                "status_reason": p.status_reason,
                "event_id": referred.get(p.event_key) if p.event_key else None,
            }
            for p in timeline.pledges
        ],
    )
    await repo.replace_links(
        session,
        model=EventActor,
        owner_column="event_id",
        owner_ids=list(event_ids.values()),
        rows=_links(timeline.events, event_ids, "event_id", merged),
    )
    await repo.replace_links(
        session,
        model=PledgeActor,
        owner_column="pledge_id",
        owner_ids=list(pledge_ids.values()),
        rows=_links(timeline.pledges, pledge_ids, "pledge_id", merged),
    )

    mention_rows: dict[uuid.UUID, dict[str, Any]] = {}
    for item_ids, items, kind in (
        (event_ids, timeline.events, "event"),
        (pledge_ids, timeline.pledges, "pledge"),
    ):
        for item in items:
            target = item_ids[item.key]
            for m in item.mentions:
                mid = mention_id(slug_of[m.file_name], f"{kind}:{target}", *span(m))
                mention_rows[mid] = {
                    "id": mid,
                    "source_id": source_of(m),
                    "event_id": target if kind == "event" else None,
                    "pledge_id": target if kind == "pledge" else None,
                    "quote": m.quote.text,
                    "char_start": m.quote.char_start,
                    "char_end": m.quote.char_end,
                    "date_text": m.date_text,
                    "origin": m.origin[:64],
                }
    await repo.upsert_mentions(session, list(mention_rows.values()))
    if scope is None:
        await repo.delete_stale_mentions(
            session, [source_id(slug) for slug in slug_of.values()], list(mention_rows)
        )
    else:
        await repo.delete_stale_mentions(
            session,
            [source_id(slug_of[name]) for name in scope.fresh],
            list(mention_rows),
            relinked=scope.relinked,
        )
    # Where each pledge was made, and the later events its status rests on (a withdrawal that
    # fulfils it or shows progress); in an incremental run re-rating writes the latter, from
    # the whole corpus (`seed.rerate`).
    later = scope is None
    evidence = [(p, p.event_key, "made_at") for p in timeline.pledges if p.event_key]
    if later:
        evidence += [(p, key, relation) for p in timeline.pledges for key, relation in p.evidence]
    await repo.replace_pledge_evidence(
        session,
        list(pledge_ids.values()),
        [
            {
                "pledge_id": pledge_ids[p.key],
                "event_id": referred[key],
                "relation": relation,
                "note": None,
            }
            for p, key, relation in evidence
            if key in referred
        ],
        later=later,
    )
    await repo.delete_orphans(session, scope.relinked if scope is not None else None)
    await repo.refresh_search(session, list(event_ids.values()))
    await store_keys(session, timeline, event_ids, scope.fresh if scope is not None else None)
    if progress:
        progress("store", 1, 1)
    return Stored(list(event_ids.values()), list(pledge_ids.values()))


def _links(
    items: Sequence[TimelineEvent | TimelinePledge],
    ids: dict[str, uuid.UUID],
    owner_column: str,
    merged: dict[uuid.UUID, uuid.UUID],
) -> list[dict[str, Any]]:
    rows: dict[tuple[uuid.UUID, uuid.UUID, str], dict[str, Any]] = {}
    for item in items:
        for link in item.actors:
            # An actor an editor folded into another is linked as that other one.
            target = actor_id(link.actor_key)
            target = merged.get(target, target)
            key = (ids[item.key], target, link.role[:32])
            rows[key] = {owner_column: key[0], "actor_id": key[1], "role": key[2]}
    return list(rows.values())


async def _store_actors(
    session: AsyncSession, actors: Sequence[ActorRecord], relations: Sequence[ActorRelation]
) -> None:
    actor_rows = [
        {
            "id": actor_id(a.key),
            "key": a.key,
            "name": a.name,
            "type": a.type,
            "description": a.description,
            "discovered": a.discovered,
        }
        for a in actors
    ]
    # Every spelling is kept ("UN" and "U.N."); lookups go through the normalised form.
    alias_rows: dict[tuple[uuid.UUID, str], dict[str, Any]] = {}
    for a in actors:
        for alias in (a.name, *a.aliases, *a.lookup_aliases):
            norm = normalise_name(alias)
            if norm:
                alias_rows.setdefault(
                    (actor_id(a.key), alias),
                    {"actor_id": actor_id(a.key), "alias": alias, "alias_norm": norm},
                )
    relation_rows = [
        {
            "subject_id": actor_id(r.subject_key),
            "relation": r.relation,
            "object_id": actor_id(r.object_key),
        }
        for r in relations
    ]
    await repo.upsert_actors(session, actor_rows, list(alias_rows.values()), relation_rows)
