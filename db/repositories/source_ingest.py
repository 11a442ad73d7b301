"""Reads and locks around ingesting one article through the API."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import distinct, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge, Source

# pg_advisory_xact_lock key for "an ingestion run is writing": 'LCTI' as a 32-bit integer.
INGEST_LOCK_KEY = 0x4C435449


async def lock_ingestion(session: AsyncSession) -> None:
    """Wait for other ingestion transactions; released when this transaction ends.

    One lock for all articles, not one per sha256: a run re-reads and reconciles the whole stored
    corpus (cross-article merging), so two runs of different articles would still race on the
    same event rows. Same-text duplicates are then found by `get_by_sha` under the lock.
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK_KEY})


async def get_by_sha(session: AsyncSession, *, sha256: str) -> Source | None:
    found: Source | None = await session.scalar(select(Source).where(Source.sha256 == sha256))
    return found


async def get(session: AsyncSession, *, source_id: uuid.UUID) -> Source | None:
    return await session.get(Source, source_id)


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
