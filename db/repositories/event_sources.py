"""The sources that mention each of a batch of events (credits of feed entries)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mention, Source
from db.repositories.filters import visible_mention


async def sources_of_events(
    session: AsyncSession, *, event_ids: Sequence[uuid.UUID], as_of: date | None = None
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Per event, its distinct sources (earliest published first); with `as_of`, only those
    published by then. One statement for the whole batch."""
    if not event_ids:
        return {}
    conditions: list[ColumnElement[bool]] = [Mention.event_id.in_(event_ids)]
    visible = visible_mention(as_of)
    if visible is not None:
        conditions.append(visible)
    rows = await session.execute(
        select(
            Mention.event_id,
            Source.id,
            Source.slug,
            Source.title,
            Source.publisher,
            Source.url,
            Source.published_start,
        )
        .distinct()
        .join(Source, Source.id == Mention.source_id)
        .where(*conditions)
        .order_by(Mention.event_id, Source.published_start, Source.slug, Source.id)
    )
    found: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for r in rows:
        found.setdefault(r.event_id, []).append(
            {
                "id": r.id,
                "slug": r.slug,
                "title": r.title,
                "publisher": r.publisher,
                "url": r.url,
                "published_start": r.published_start,
            }
        )
    return found
