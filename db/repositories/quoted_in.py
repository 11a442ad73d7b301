"""What stored sources are quoted in: the events, and the pledges with their quotes' offsets."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import any_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mention, Pledge
from db.repositories.arrays import array_param


async def events_quoting(session: AsyncSession, source_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The events these sources are quoted in."""
    wanted = sorted(set(source_ids))
    if not wanted:
        return set()
    rows = await session.execute(
        select(Mention.event_id)
        .where(Mention.source_id == any_(array_param(wanted)), Mention.event_id.is_not(None))
        .distinct()
    )
    return {event for event in rows.scalars() if event is not None}


async def pledges_quoted_by(
    session: AsyncSession, source_ids: Iterable[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID | None, uuid.UUID, int, int]]:
    """(pledge, the event it was made at or None, source, char_start, char_end) of every
    mention of a pledge in these sources."""
    wanted = sorted(set(source_ids))
    if not wanted:
        return []
    rows = await session.execute(
        select(
            Mention.pledge_id, Pledge.event_id, Mention.source_id, Mention.char_start,
            Mention.char_end,
        )
        .join(Pledge, Pledge.id == Mention.pledge_id)
        .where(Mention.source_id == any_(array_param(wanted)))
        .order_by(Mention.pledge_id, Mention.source_id, Mention.char_start)
    )  # fmt: skip
    return [tuple(r) for r in rows.tuples()]  # type: ignore[misc]
