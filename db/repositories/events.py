"""Reads of events: keyset pages, exports in batches, one event with its evidence.

Hot path: a page costs one statement whatever its size (see `db.repositories.event_sql`). Rows
come back as plain dicts (Core, no ORM objects) ready for orjson, or as JSON built by
PostgreSQL (`list_events_json`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge, PledgeEvidence, Source
from db.repositories.event_pages import EventPage, SortKey, iter_pages, read_page
from db.repositories.event_sql import json_page_statement, page_statement
from db.repositories.filters import (
    EventFilter,
    event_conditions,
    mention_conditions,
    pledge_visible,
)
from db.repositories.quotes import QUOTE_COLUMNS, quote_fields
from db.repositories.raw import QueryCache, Reader, fetch

_JSON_PAGES = QueryCache()


@dataclass(frozen=True, slots=True)
class JsonPage:
    # A JSON array of the page's events, ready to embed in a response.
    items: bytes
    next_key: SortKey | None


async def list_events_json(
    session: Reader,
    *,
    filter: EventFilter,
    after: SortKey | None = None,
    descending: bool = False,
    limit: int = 50,
) -> JsonPage:
    """`list_events` as JSON built by PostgreSQL (the hot path of `GET /events`).

    The compiled statement is cached per filter, sort and page size; the cursor is a parameter.
    """

    def build() -> Select[Any]:
        return json_page_statement(filter, after=after, descending=descending, limit=limit + 1)

    query = _JSON_PAGES.get(session, (filter, after is None, descending, limit), build)
    overrides = {} if after is None else {"after_date": after[0], "after_id": after[1]}
    rows = await fetch(session, query, overrides)
    more = len(rows) > limit
    body = "[" + ",".join([r[0] for r in rows[:limit]]) + "]"
    last = rows[limit - 1] if more else None
    next_key = (last[1], last[2]) if last is not None else None
    return JsonPage(items=body.encode(), next_key=next_key)


def _item(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = dict(row._mapping)
    actors = item.pop("actors")
    item["actors"] = orjson.loads(actors) if actors else []
    return item


async def list_events(
    session: AsyncSession,
    *,
    filter: EventFilter,
    after: SortKey | None = None,
    descending: bool = False,
    limit: int = 50,
) -> EventPage:
    """One page of events in (date_start, id) order, with actors and source counts."""
    stmt = page_statement(filter, after=after, descending=descending, limit=limit + 1)
    return await read_page(session, stmt, limit=limit, item=_item)


async def iter_events(
    session: AsyncSession,
    *,
    filter: EventFilter,
    after: SortKey | None = None,
    descending: bool = False,
    batch_size: int = 1000,
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every matching event, in batches: keyset iteration keeps memory constant for exports."""
    async for batch in iter_pages(
        list_events, session, filter=filter, after=after, descending=descending, size=batch_size
    ):
        yield batch


async def fingerprint(session: AsyncSession, *, filter: EventFilter) -> tuple[Any, ...]:
    """A cheap summary of the matching set that changes when its events or mentions change.

    A weak validator for streamed exports, whose body cannot be hashed before it is sent.
    """
    live = Mention.event_id.is_not(None)
    mention_count = select(func.count()).where(live).scalar_subquery()
    mention_max = select(func.max(Mention.updated_at)).where(live).scalar_subquery()
    stmt = select(
        func.count(),
        func.max(Event.updated_at),
        func.sum(Event.version),
        mention_count,
        mention_max,
    ).where(*event_conditions(filter))
    row = (await session.execute(stmt)).one()
    return tuple(row)


async def get_event(
    session: AsyncSession, *, event_id: uuid.UUID, as_of: date | None = None
) -> dict[str, Any] | None:
    """One live event with actors, counts, every mention with its source, related pledges.

    With `as_of`, as sources published by then told it: their mentions and counts only, the
    pledges they reported, and None when none of them mentioned the event.
    """
    f = EventFilter(ids=(event_id,), as_of=as_of)
    stmt = page_statement(f, after=None, descending=False, limit=1)
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    event = _item(row)
    mentions = await session.execute(
        select(
            *QUOTE_COLUMNS,
            Mention.origin,
            Source.id.label("source_id"),
            Source.slug.label("source_slug"),
            Source.title.label("source_title"),
            Source.publisher.label("source_publisher"),
            Source.url.label("source_url"),
            Source.published_start.label("source_published_start"),
            Source.published_end.label("source_published_end"),
            Source.published_precision.label("source_published_precision"),
            Source.published_explicit.label("source_published_explicit"),
        )
        .join(Source, Source.id == Mention.source_id)
        .where(*mention_conditions(event_id, as_of))
        .order_by(Source.published_start, Source.slug, Mention.char_start, Mention.id)
    )
    event["mentions"] = [_mention(m) for m in mentions]
    evidence = select(PledgeEvidence.pledge_id).where(PledgeEvidence.event_id == event_id)
    pledges = await session.execute(
        select(
            Pledge.id,
            Pledge.text,
            Pledge.status,
            Pledge.made_start,
            Pledge.made_end,
            Pledge.made_precision,
            Pledge.deadline_start,
            Pledge.deadline_end,
            Pledge.deadline_precision,
        )
        .where(
            Pledge.deleted_at.is_(None),
            or_(Pledge.event_id == event_id, Pledge.id.in_(evidence.scalar_subquery())),
            *pledge_visible(as_of),
        )
        .order_by(Pledge.made_start, Pledge.id)
    )
    event["pledges"] = [dict(p._mapping) for p in pledges]
    return event


def _mention(m: Any) -> dict[str, Any]:
    return quote_fields(m) | {
        "origin": m.origin,
        "source": {
            "id": m.source_id,
            "slug": m.source_slug,
            "title": m.source_title,
            "publisher": m.source_publisher,
            "url": m.source_url,
            "published_start": m.source_published_start,
            "published_end": m.source_published_end,
            "published_precision": m.source_published_precision,
            "published_explicit": m.source_published_explicit,
        },
    }
