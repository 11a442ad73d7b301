"""What the stored mentions of some sources point at, and which of those rows are pinned (an
editor deleted them or set a field): the state `seed.stored_ids` keeps ids by."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import any_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge
from db.repositories.arrays import array_param

Targets = dict[tuple[uuid.UUID, int, int, str], list[uuid.UUID]]


async def existing_mention_targets(
    session: AsyncSession, source_ids: Sequence[uuid.UUID]
) -> Targets:
    """(source, char_start, char_end, "event"|"pledge") -> ids of what stored mentions point at."""
    found: Targets = {}
    if not source_ids:
        return found
    rows = await session.execute(
        select(
            Mention.source_id,
            Mention.char_start,
            Mention.char_end,
            Mention.event_id,
            Mention.pledge_id,
        ).where(Mention.source_id == any_(array_param(source_ids)))
    )
    for src, start, end, event_id, pledge_id in rows.tuples():
        kind, target = ("event", event_id) if event_id is not None else ("pledge", pledge_id)
        if target is not None:
            found.setdefault((src, start, end, kind), []).append(target)
    return found


async def deleted_events(session: AsyncSession, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The ones among `ids` that are soft-deleted events."""
    wanted = list(ids)
    if not wanted:
        return set()
    rows = await session.scalars(
        select(Event.id).where(Event.id == any_(array_param(wanted)), Event.deleted_at.is_not(None))
    )
    return set(rows.all())


async def pinned(session: AsyncSession, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The events and pledges among `ids` an editor deleted or set a field of."""
    wanted = list(ids)
    if not wanted:
        return set()
    found: set[uuid.UUID] = set()
    for model in (Event, Pledge):
        rows = await session.scalars(
            select(model.id).where(
                model.id == any_(array_param(wanted)),
                or_(model.deleted_at.is_not(None), func.cardinality(model.edited_fields) > 0),
            )
        )
        found |= set(rows.all())
    return found
