"""Stored near-duplicate group ids renamed in place (`seed.origin_renames`): the origins of the
quotes of the sources holding a renamed group's paragraphs, and the independent-source labels
of the mentions of the events and pledges those sources are quoted in."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import any_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mention, Source, SourceSketch
from db.repositories.arrays import array_param, unnest_rows


async def span_origins(
    session: AsyncSession, source_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[list[int], list[str]]]:
    """Per source, the (start, end) pairs of its quotes and pledges, flat, and their origins
    as stored (`SourceSketch.spans`, `SourceSketch.origins`)."""
    rows = await session.execute(
        select(SourceSketch.source_id, SourceSketch.spans, SourceSketch.origins).where(
            SourceSketch.source_id == any_(array_param(sorted(set(source_ids))))
        )
    )
    return {source: (list(spans), list(found)) for source, spans, found in rows.tuples()}


async def save_span_origins(session: AsyncSession, rows: Mapping[uuid.UUID, list[str]]) -> None:
    """Store each source's quote and pledge origins (one statement per source: the arrays
    differ in length, and a renamed group holds few sources)."""
    for source, found in sorted(rows.items()):
        await session.execute(
            update(SourceSketch).where(SourceSketch.source_id == source).values(origins=found)
        )


async def mentions_beside(
    session: AsyncSession, source_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, str, int, int, str]]:
    """(mention, event or pledge, source, its file name, char_start, char_end, origin) of every
    mention of the events and pledges any of `source_ids` is quoted in."""
    sources = array_param(source_ids)
    quoted = select(Mention.event_id, Mention.pledge_id).where(Mention.source_id == any_(sources))
    events = quoted.with_only_columns(Mention.event_id).where(Mention.event_id.is_not(None))
    pledges = quoted.with_only_columns(Mention.pledge_id).where(Mention.pledge_id.is_not(None))
    rows = await session.execute(
        select(
            Mention.id,
            func.coalesce(Mention.event_id, Mention.pledge_id),
            Mention.source_id,
            Source.file_name,
            Mention.char_start,
            Mention.char_end,
            Mention.origin,
        )
        .join(Source, Source.id == Mention.source_id)
        .where(or_(Mention.event_id.in_(events), Mention.pledge_id.in_(pledges)))
        .order_by(Mention.id)
    )
    return [tuple(r) for r in rows.tuples()]  # type: ignore[misc]


async def save_mention_origins(session: AsyncSession, origins: Mapping[uuid.UUID, str]) -> None:
    """Set the origin (independent-source label) of these mentions, in one statement (the
    event triggers of migration 0003 then count each event's origins once)."""
    if not origins:
        return
    given = unnest_rows(Mention, sorted(origins.items()), ["id", "origin"]).subquery("given")
    await session.execute(
        update(Mention)
        .where(Mention.id == given.c.id)
        .values(origin=given.c.origin, updated_at=func.now())
    )
