"""Reads of pledges: filtered keyset lists and one pledge with the evidence behind its status."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Date, Select, Text, Uuid, cast, func, literal, select, tuple_
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Actor,
    Event,
    EventActor,
    Mention,
    Pledge,
    PledgeActor,
    PledgeEvidence,
    Source,
)
from db.repositories.filters import pledge_visible, visible_mention
from db.repositories.quotes import QUOTE_COLUMNS, quote_fields

PledgeKey = tuple[date, uuid.UUID]

_PLEDGE_COLUMNS = (
    Pledge.id,
    Pledge.text,
    Pledge.made_start,
    Pledge.made_end,
    Pledge.made_precision,
    Pledge.deadline_start,
    Pledge.deadline_end,
    Pledge.deadline_precision,
    Pledge.quantity,
    Pledge.unit,
    Pledge.status,
    Pledge.status_reason,
    Pledge.event_id,
    Pledge.version,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PledgeFilter:
    actor_ids: tuple[uuid.UUID, ...] | None = None
    statuses: tuple[str, ...] = ()
    # Inclusive: the latest possible deadline day is on or before this date.
    due_before: date | None = None
    # Only pledges a source published by then reported.
    as_of: date | None = None
    updated_since: datetime | None = None
    ids: tuple[uuid.UUID, ...] = ()


def _select(f: PledgeFilter) -> Select[Any]:
    actors = (
        select(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_object(
                        "id",
                        Actor.id,
                        "key",
                        Actor.key,
                        "name",
                        Actor.name,
                        "role",
                        PledgeActor.role,
                    ),
                    Actor.name,
                    PledgeActor.role,
                )
            )
        )
        .select_from(PledgeActor)
        .join(Actor, Actor.id == PledgeActor.actor_id)
        .where(PledgeActor.pledge_id == Pledge.id)
        .scalar_subquery()
    )
    stmt = select(*_PLEDGE_COLUMNS, cast(actors, Text).label("actors")).where(
        Pledge.deleted_at.is_(None)
    )
    if f.ids:
        stmt = stmt.where(Pledge.id.in_(f.ids))
    if f.actor_ids is not None:
        stmt = stmt.where(
            select(PledgeActor.pledge_id)
            .where(PledgeActor.pledge_id == Pledge.id, PledgeActor.actor_id.in_(f.actor_ids))
            .exists()
        )
    if f.statuses:
        stmt = stmt.where(Pledge.status.in_(f.statuses))
    if f.due_before is not None:
        stmt = stmt.where(Pledge.deadline_end <= f.due_before)
    if f.updated_since is not None:
        stmt = stmt.where(Pledge.updated_at >= f.updated_since)
    stmt = stmt.where(*pledge_visible(f.as_of))
    return stmt


def _item(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = dict(row._mapping)
    actors = item.pop("actors")
    item["actors"] = orjson.loads(actors) if actors else []
    return item


async def list_pledges(
    session: AsyncSession, *, filter: PledgeFilter, after: PledgeKey | None, limit: int | None
) -> tuple[list[dict[str, Any]], PledgeKey | None]:
    """Live pledges by (made_start, id) with their actors (`limit` None: all that follow)."""
    stmt = _select(filter)
    if after is not None:
        bound = tuple_(literal(after[0], Date), literal(after[1], Uuid))
        stmt = stmt.where(tuple_(Pledge.made_start, Pledge.id) > bound)
    stmt = stmt.order_by(Pledge.made_start, Pledge.id)
    if limit is None:
        return [_item(r) for r in (await session.execute(stmt)).all()], None
    rows = (await session.execute(stmt.limit(limit + 1))).all()
    items = [_item(r) for r in rows[:limit]]
    more = len(rows) > limit
    return items, ((items[-1]["made_start"], items[-1]["id"]) if more and items else None)


async def count_pledges(session: AsyncSession, *, filter: PledgeFilter) -> int:
    total = await session.scalar(select(func.count()).select_from(_select(filter).subquery()))
    return int(total or 0)


async def get_pledge(session: AsyncSession, *, pledge_id: uuid.UUID) -> dict[str, Any] | None:
    """One live pledge, its own quotes, and the events (with quotes) its status rests on."""
    row = (await session.execute(_select(PledgeFilter(ids=(pledge_id,))))).first()
    if row is None:
        return None
    pledge = _item(row)
    quotes = await session.execute(
        select(
            *QUOTE_COLUMNS,
            Mention.event_id,
            Mention.pledge_id,
            Source.id.label("source_id"),
            Source.title.label("source_title"),
            Source.publisher.label("source_publisher"),
            Source.published_start.label("source_published_start"),
            Source.published_end.label("source_published_end"),
        )
        .join(Source, Source.id == Mention.source_id)
        .where(
            (Mention.pledge_id == pledge_id)
            | Mention.event_id.in_(
                select(PledgeEvidence.event_id).where(PledgeEvidence.pledge_id == pledge_id)
            )
        )
        .order_by(Source.published_start, Source.id, Mention.char_start, Mention.id)
    )
    by_event: dict[uuid.UUID, list[dict[str, Any]]] = {}
    own: list[dict[str, Any]] = []
    for q in quotes:
        quote = quote_fields(q) | {
            "source": {
                "id": q.source_id,
                "title": q.source_title,
                "publisher": q.source_publisher,
                "published_start": q.source_published_start,
                "published_end": q.source_published_end,
            },
        }
        if q.pledge_id is not None:
            own.append(quote)
        else:
            by_event.setdefault(q.event_id, []).append(quote)
    pledge["mentions"] = own
    evidence = await session.execute(
        select(
            PledgeEvidence.relation,
            PledgeEvidence.note,
            Event.id,
            Event.title,
            Event.type,
            Event.date_start,
            Event.date_end,
            Event.date_precision,
        )
        .join(Event, Event.id == PledgeEvidence.event_id)
        .where(PledgeEvidence.pledge_id == pledge_id, Event.deleted_at.is_(None))
        .order_by(Event.date_start, Event.id)
    )
    pledge["evidence"] = [
        {
            "relation": e.relation,
            "note": e.note,
            "event": {
                "id": e.id,
                "title": e.title,
                "type": e.type,
                "date_start": e.date_start,
                "date_end": e.date_end,
                "date_precision": e.date_precision,
            },
            "quotes": by_event.get(e.id, []),
        }
        for e in evidence
    ]
    return pledge


async def status_inputs(
    session: AsyncSession, *, pledge_ids: list[uuid.UUID], as_of: date
) -> tuple[list[dict[str, Any]], set[uuid.UUID]]:
    """What a pledge's status rests on as sources published by `as_of` told it.

    The withdrawals they reported (date interval, actor keys, summary), and the pledges whose
    status an editor set citing an event they had reported.
    """
    visible = visible_mention(as_of)
    assert visible is not None  # as_of is a date
    reported = select(Mention.id).where(Mention.event_id == Event.id, visible).exists()
    actor_keys = (
        select(func.array_agg(Actor.key))
        .join(EventActor, EventActor.actor_id == Actor.id)
        .where(EventActor.event_id == Event.id)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            Event.date_start, Event.date_end, Event.date_precision, Event.summary, actor_keys
        ).where(Event.deleted_at.is_(None), Event.type == "withdrawal", reported)
    )
    withdrawals = [
        {
            "start": r.date_start,
            "end": r.date_end,
            "precision": r.date_precision,
            "summary": r.summary,
            "actors": set(r[4] or ()),
        }
        for r in rows
    ]
    evidence_reported = (
        select(Mention.id).where(Mention.event_id == PledgeEvidence.event_id, visible).exists()
    )
    rated = await session.scalars(
        select(PledgeEvidence.pledge_id)
        .join(Pledge, Pledge.id == PledgeEvidence.pledge_id)
        .where(
            PledgeEvidence.pledge_id.in_(pledge_ids),
            PledgeEvidence.relation == "editor",
            literal("status") == func.any(Pledge.edited_fields),
            evidence_reported,
        )
    )
    return withdrawals, set(rated)
