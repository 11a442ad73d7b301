"""Reads of sources (articles) and of everything extracted from one."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Uuid, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge, Source
from db.repositories.quotes import QUOTE_COLUMNS, quote_fields

SourceKey = tuple[date, uuid.UUID]

_SOURCE_COLUMNS = (
    Source.id,
    Source.slug,
    Source.file_name,
    Source.title,
    Source.publisher,
    Source.url,
    Source.published_start,
    Source.published_end,
    Source.published_precision,
    Source.published_explicit,
    Source.published_reason,
)


async def list_sources(
    session: AsyncSession,
    *,
    after: SourceKey | None,
    limit: int,
    updated_since: datetime | None = None,
) -> tuple[list[dict[str, Any]], SourceKey | None]:
    """Sources by (published_start, id), each with its number of mentions."""
    mentions = (select(func.count()).where(Mention.source_id == Source.id).scalar_subquery()).label(
        "mention_count"
    )
    stmt = select(*_SOURCE_COLUMNS, mentions)
    if updated_since is not None:
        stmt = stmt.where(Source.updated_at >= updated_since)
    if after is not None:
        bound = tuple_(literal(after[0], Date), literal(after[1], Uuid))
        stmt = stmt.where(tuple_(Source.published_start, Source.id) > bound)
    stmt = stmt.order_by(Source.published_start, Source.id).limit(limit + 1)
    rows = (await session.execute(stmt)).all()
    items = [dict(r._mapping) for r in rows[:limit]]
    more = len(rows) > limit
    return items, ((items[-1]["published_start"], items[-1]["id"]) if more and items else None)


async def get_source(session: AsyncSession, *, ref: str) -> dict[str, Any] | None:
    """One source (by id or slug) with its text and every mention extracted from it."""
    try:
        condition = Source.id == uuid.UUID(ref)
    except ValueError:
        condition = Source.slug == ref
    row = (await session.execute(select(*_SOURCE_COLUMNS, Source.text).where(condition))).first()
    if row is None:
        return None
    source = dict(row._mapping)
    # Mentions of soft-deleted events or pledges are hidden with their target.
    mentions = await session.execute(
        select(
            *QUOTE_COLUMNS,
            Mention.origin,
            Event.id.label("event_id"),
            Event.title.label("event_title"),
            Pledge.id.label("pledge_id"),
            Pledge.text.label("pledge_text"),
        )
        .outerjoin(Event, (Event.id == Mention.event_id) & Event.deleted_at.is_(None))
        .outerjoin(Pledge, (Pledge.id == Mention.pledge_id) & Pledge.deleted_at.is_(None))
        .where(Mention.source_id == source["id"])
        .where((Event.id.is_not(None)) | (Pledge.id.is_not(None)))
        .order_by(Mention.char_start, Mention.char_end, Mention.id)
    )
    source["mentions"] = [
        quote_fields(m)
        | {
            "origin": m.origin,
            "event": {"id": m.event_id, "title": m.event_title} if m.event_id else None,
            "pledge": {"id": m.pledge_id, "text": m.pledge_text} if m.pledge_id else None,
        }
        for m in mentions
    ]
    return source
