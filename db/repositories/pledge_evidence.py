"""Pledges with their sources and the evidence behind their status, in one statement.

For the pledges page: each pledge of `/pledges` (same filter, same order) brings the quotes
that tell it (with their sources) and the live events its status rests on, as JSON arrays.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from sqlalchemy import Text, cast, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, PledgeEvidence, Source
from db.repositories.pledges import PledgeFilter, _select


async def list_pledges_with_evidence(
    session: AsyncSession, *, filter: PledgeFilter, limit: int
) -> list[dict[str, Any]]:
    """Live pledges by (made_start, id) with `mentions` and `evidence`, at most `limit`."""
    listed = _select(filter).subquery("listed")
    quote = func.json_build_object(
        "quote",
        Mention.quote,
        "source_slug",
        Source.slug,
        "source_title",
        Source.title,
        "source_publisher",
        Source.publisher,
    )
    mentions = (
        select(
            func.json_agg(
                aggregate_order_by(quote, Source.published_start, Source.slug, Mention.char_start)
            )
        )
        .select_from(Mention)
        .join(Source, Source.id == Mention.source_id)
        .where(Mention.pledge_id == listed.c.id)
        .scalar_subquery()
    )
    fact = func.json_build_object(
        "relation",
        PledgeEvidence.relation,
        "note",
        PledgeEvidence.note,
        "id",
        Event.id,
        "title",
        Event.title,
        "date_start",
        Event.date_start,
        "date_end",
        Event.date_end,
        "date_precision",
        Event.date_precision,
    )
    evidence = (
        select(func.json_agg(aggregate_order_by(fact, Event.date_start, Event.id)))
        .select_from(PledgeEvidence)
        .join(Event, Event.id == PledgeEvidence.event_id)
        .where(PledgeEvidence.pledge_id == listed.c.id, Event.deleted_at.is_(None))
        .scalar_subquery()
    )
    stmt = (
        select(
            *listed.c,
            cast(mentions, Text).label("mentions"),
            cast(evidence, Text).label("evidence"),
        )
        .order_by(listed.c.made_start, listed.c.id)
        .limit(limit)
    )
    items = []
    for row in await session.execute(stmt):
        item: dict[str, Any] = dict(row._mapping)
        for field in ("actors", "mentions", "evidence"):
            item[field] = orjson.loads(item[field]) if item[field] else []
        for fact_ in item["evidence"]:
            for field in ("date_start", "date_end"):
                fact_[field] = date.fromisoformat(fact_[field])
        items.append(item)
    return items
