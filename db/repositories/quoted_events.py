"""Events with their quotes and the sources that tell them, in one statement per page.

For the timeline page and the TimelineJS export, which credit every source of every event. It
wraps the `/events` page statement itself (same filters, same order, same counts, same
`as_of` rule), so the page, the export and the API can never disagree on what matches; each
listed event brings its mentions, with their sources, as one JSON array.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mention, Source
from db.repositories.event_pages import EventPage, SortKey, iter_pages, read_page
from db.repositories.event_sql import page_statement
from db.repositories.filters import EventFilter, mention_conditions

_DATE_FIELDS = ("published_start", "published_end")


def _statement(
    f: EventFilter, *, after: SortKey | None, descending: bool, limit: int
) -> Select[Any]:
    listed = page_statement(f, after=after, descending=descending, limit=limit).subquery("listed")
    source = func.json_build_object(
        "id",
        Source.id,
        "slug",
        Source.slug,
        "title",
        Source.title,
        "publisher",
        Source.publisher,
        "url",
        Source.url,
        "published_start",
        Source.published_start,
        "published_end",
        Source.published_end,
        "published_precision",
        Source.published_precision,
    )
    mention = func.json_build_object(
        "id",
        Mention.id,
        "quote",
        Mention.quote,
        "date_text",
        Mention.date_text,
        "char_start",
        Mention.char_start,
        "char_end",
        Mention.char_end,
        "origin",
        Mention.origin,
        "source",
        source,
    )
    mentions = (
        select(
            func.json_agg(
                aggregate_order_by(
                    mention, Source.published_start, Source.slug, Mention.char_start, Mention.id
                )
            )
        )
        .select_from(Mention)
        .join(Source, Source.id == Mention.source_id)
        .where(*mention_conditions(listed.c.id, f.as_of))
        .scalar_subquery()
    )
    order = (
        (listed.c.date_start.desc(), listed.c.id.desc())
        if descending
        else (listed.c.date_start, listed.c.id)
    )
    return select(*listed.c, cast(mentions, Text).label("mentions")).order_by(*order)


def _item(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = dict(row._mapping)
    item["actors"] = orjson.loads(item["actors"]) if item["actors"] else []
    mentions = orjson.loads(item["mentions"]) if item["mentions"] else []
    for m in mentions:
        for field in _DATE_FIELDS:
            m["source"][field] = date.fromisoformat(m["source"][field])
    item["mentions"] = mentions
    return item


async def list_quoted_events(
    session: AsyncSession,
    *,
    filter: EventFilter,
    after: SortKey | None = None,
    descending: bool = False,
    limit: int = 50,
) -> EventPage:
    """One page of `/events`, each event with `mentions` (quote, offsets, origin, source)."""
    stmt = _statement(filter, after=after, descending=descending, limit=limit + 1)
    return await read_page(session, stmt, limit=limit, item=_item)


async def iter_quoted_events(
    session: AsyncSession,
    *,
    filter: EventFilter,
    after: SortKey | None = None,
    descending: bool = False,
    batch_size: int = 500,
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every matching event with its mentions, in keyset batches (constant memory)."""
    async for batch in iter_pages(
        list_quoted_events,
        session,
        filter=filter,
        after=after,
        descending=descending,
        size=batch_size,
    ):
        yield batch
