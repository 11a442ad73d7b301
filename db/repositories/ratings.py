"""What re-rating pledges after an incremental linking reads and writes (`seed.rerate`)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    String,
    Table,
    Text,
    all_,
    any_,
    delete,
    func,
    literal,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Event, EventActor, Mention, Pledge, PledgeActor, PledgeEvidence
from db.repositories.arrays import array_param


def _keys_of(link: Any, owner: Any, column: Any, role: str | None = None) -> Any:
    stmt = (
        select(func.array_agg(Actor.key))
        .join(link, link.actor_id == Actor.id)
        .where(column == owner.id)
    )
    if role is not None:
        stmt = stmt.where(link.role == role)
    return stmt.scalar_subquery()


async def withdrawals(
    session: AsyncSession,
    event_ids: Iterable[uuid.UUID] | None = None,
    *,
    after: date | None = None,
) -> list[dict[str, Any]]:
    """Withdrawal events (all, or those among `event_ids`; only those starting after `after`
    when given), deleted ones too (linking still reads their quotes): date interval, summary,
    actor keys."""
    stmt = select(
        Event.date_start,
        Event.date_end,
        Event.date_precision,
        Event.summary,
        _keys_of(EventActor, Event, EventActor.event_id),
        Event.id,
    ).where(Event.type == "withdrawal")
    if event_ids is not None:
        stmt = stmt.where(Event.id == any_(array_param(event_ids)))
    if after is not None:
        stmt = stmt.where(Event.date_start > after)
    rows = await session.execute(stmt)
    return [
        {
            "start": r[0],
            "end": r[1],
            "precision": r[2],
            "summary": r[3],
            "actors": set(r[4] or ()),
            "id": r[5],
        }
        for r in rows.tuples()
    ]


async def pledges_by_id(
    session: AsyncSession, pledge_ids: Iterable[uuid.UUID]
) -> list[dict[str, Any]]:
    wanted = list(pledge_ids)
    if not wanted:
        return []
    rows = await session.execute(_pledge_rows().where(Pledge.id == any_(array_param(wanted))))
    return [dict(zip(_PLEDGE_COLUMNS, r, strict=True)) for r in rows.tuples()]


async def pledges_all(session: AsyncSession) -> list[dict[str, Any]]:
    rows = await session.execute(_pledge_rows())
    return [dict(zip(_PLEDGE_COLUMNS, r, strict=True)) for r in rows.tuples()]


def _pledge_rows() -> Any:
    return select(
        Pledge.id,
        Pledge.made_start,
        Pledge.made_end,
        Pledge.made_precision,
        Pledge.deadline_start,
        Pledge.deadline_end,
        Pledge.deadline_precision,
        Pledge.status,
        Pledge.status_reason,
        _keys_of(PledgeActor, Pledge, PledgeActor.pledge_id, "pledger"),
    )


async def pledges_of(
    session: AsyncSession, actor_keys: Sequence[str], made_before: date
) -> list[dict[str, Any]]:
    """Pledges one of `actor_keys` made before `made_before` (ended), with their pledgers."""
    if not actor_keys:
        return []
    named = (
        select(PledgeActor.pledge_id)
        .join(Actor, Actor.id == PledgeActor.actor_id)
        .where(Actor.key == any_(array_param(actor_keys, Text())))
    )
    rows = await session.execute(
        _pledge_rows().where(Pledge.id.in_(named), Pledge.made_end < made_before)
    )
    return [dict(zip(_PLEDGE_COLUMNS, r, strict=True)) for r in rows.tuples()]


_PLEDGE_COLUMNS = (
    "id",
    "made_start",
    "made_end",
    "made_precision",
    "deadline_start",
    "deadline_end",
    "deadline_precision",
    "status",
    "status_reason",
    "pledgers",
)


async def set_ratings(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Set (id, status, status_reason); a status an editor set stands. One statement for all
    rows (a new withdrawal re-words the rating of each earlier pledge of its actors)."""
    if not rows:
        return
    table = cast(Table, Pledge.__table__)
    given = (
        func.unnest(
            array_param([r["id"] for r in rows]),
            array_param([r["status"] for r in rows], String()),
            array_param([r["status_reason"] for r in rows], Text()),
        )
        .table_valued("pid", "new_status", "new_reason")
        .render_derived(name="v")
    )
    await session.execute(
        update(table)
        .where(
            table.c.id == given.c.pid,
            literal("status") != all_(table.c.edited_fields),
        )
        .values(
            status=given.c.new_status,
            status_reason=given.c.new_reason,
            version=table.c.version + 1,
            updated_at=func.now(),
        )
    )


async def pledge_quotes(
    session: AsyncSession, pledge_ids: Iterable[uuid.UUID], among: Collection[str] | None = None
) -> dict[uuid.UUID, set[str]]:
    """The quotes that state each pledge (its own sentences tell no later withdrawal); only
    those among `among`, when given (a pledge of a busy actor has thousands of mentions)."""
    wanted = list(pledge_ids)
    found: dict[uuid.UUID, set[str]] = {p: set() for p in wanted}
    if wanted and (among is None or among):
        query = select(Mention.pledge_id, Mention.quote).where(
            Mention.pledge_id == any_(array_param(wanted))
        )
        if among is not None:
            query = query.where(Mention.quote == any_(array_param(sorted(among), Text())))
        rows = await session.execute(query)
        for pledge_id, quote in rows.tuples():
            if pledge_id is not None:  # the filter above: never None here
                found[pledge_id].add(quote)
    return found


async def replace_withdrawal_evidence(
    session: AsyncSession,
    pledge_ids: Sequence[uuid.UUID],
    rows: Sequence[dict[str, Any]],
    *,
    events: Sequence[uuid.UUID] | None = None,
) -> None:
    """Replace the later-withdrawal evidence ('fulfils', 'progress') of `pledge_ids` with
    `rows` (only that on `events`, when given); where a pledge was made ('made_at') and what
    an editor attached stay.

    Only the difference is written: a pledge of a busy actor has evidence in every later
    withdrawal of theirs, and a new article changes few of them."""
    if not pledge_ids or (events is not None and not events):
        return
    query = select(
        PledgeEvidence.pledge_id, PledgeEvidence.event_id, PledgeEvidence.relation
    ).where(PledgeEvidence.pledge_id == any_(array_param(pledge_ids)))
    if events is not None:
        query = query.where(PledgeEvidence.event_id == any_(array_param(events)))
    stored = await session.execute(query)
    wanted = {(r["pledge_id"], r["event_id"], r["relation"]) for r in rows}
    stale, kept = [], set()
    for pledge_id, event_id, relation in stored.tuples():
        if relation in _LATER and (pledge_id, event_id, relation) not in wanted:
            stale.append((pledge_id, event_id))
        else:
            kept.add((pledge_id, event_id))
    if stale:
        pairs = (
            func.unnest(array_param([p for p, _ in stale]), array_param([e for _, e in stale]))
            .table_valued("p", "e")
            .render_derived(name="v")
        )
        await session.execute(
            delete(PledgeEvidence).where(
                tuple_(PledgeEvidence.pledge_id, PledgeEvidence.event_id).in_(
                    select(pairs.c.p, pairs.c.e)
                ),
                PledgeEvidence.relation.in_(_LATER),
            )
        )
    # The primary key is (pledge, event): a pair holding another relation keeps it.
    new = {(p, e): rel for p, e, rel in sorted(wanted) if (p, e) not in kept}
    if new:
        values = (
            func.unnest(
                array_param([p for p, _ in new]),
                array_param([e for _, e in new]),
                array_param(list(new.values()), String()),
            )
            .table_valued("p", "e", "r")
            .render_derived(name="v")
        )
        await session.execute(
            insert(PledgeEvidence)
            .from_select(
                ["pledge_id", "event_id", "relation"], select(values.c.p, values.c.e, values.c.r)
            )
            .on_conflict_do_nothing()
        )


_LATER = ("fulfils", "progress")
