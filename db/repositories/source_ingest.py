"""Reads and locks around ingesting one article through the API."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

from sqlalchemy import distinct, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge, Source

# pg_advisory_xact_lock key for "an ingestion run is writing": 'LCTI' as a 32-bit integer.
INGEST_LOCK_KEY = 0x4C435449


async def lock_ingestion(session: AsyncSession, *, wait: float = 120.0) -> bool:
    """Wait (up to `wait` seconds) for other ingestion transactions; False when it timed out.
    Held until this transaction ends.

    Polled with `pg_try_advisory_xact_lock` rather than a blocking `pg_advisory_xact_lock`: a
    statement blocked on the lock would run into the connection's command timeout and look
    like an unreachable database; each try returns at once.
    One lock for all articles: linking writes events several articles share.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    pause = 0.01
    while True:
        taken = await session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": INGEST_LOCK_KEY}
        )
        if taken:
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(pause)
        pause = min(pause * 2, 0.2)


async def get_by_sha(session: AsyncSession, *, sha256: str) -> Source | None:
    found: Source | None = await session.scalar(select(Source).where(Source.sha256 == sha256))
    return found


async def get_by_slug(session: AsyncSession, *, slug: str) -> Source | None:
    found: Source | None = await session.scalar(select(Source).where(Source.slug == slug))
    return found


async def get(
    session: AsyncSession, *, source_id: uuid.UUID, for_update: bool = False
) -> Source | None:
    return await session.get(Source, source_id, with_for_update=for_update)


async def extracted_events(
    session: AsyncSession, *, source_id: uuid.UUID
) -> Sequence[tuple[uuid.UUID, str]]:
    """(id, title) of the live events this source mentions, by date."""
    ids = select(distinct(Mention.event_id)).where(Mention.source_id == source_id)
    rows = await session.execute(
        select(Event.id, Event.title)
        .where(Event.id.in_(ids), Event.deleted_at.is_(None))
        .order_by(Event.date_start, Event.id)
    )
    return list(rows.tuples())


async def extracted_pledges(
    session: AsyncSession, *, source_id: uuid.UUID
) -> Sequence[tuple[uuid.UUID, str]]:
    """(id, text) of the live pledges this source mentions."""
    ids = select(distinct(Mention.pledge_id)).where(Mention.source_id == source_id)
    rows = await session.execute(
        select(Pledge.id, Pledge.text)
        .where(Pledge.id.in_(ids), Pledge.deleted_at.is_(None))
        .order_by(Pledge.made_start, Pledge.id)
    )
    return list(rows.tuples())
