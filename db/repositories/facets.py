"""Counts of the events a filter matches: in total, and by type, year, month, actor and place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, null, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Event, EventActor
from db.repositories.filters import EventFilter, event_conditions


def _matched(f: EventFilter) -> Any:
    return (
        select(
            Event.id,
            Event.type,
            Event.date_start,
            Event.date_end,
            Event.place,
            Event.location,
        )
        .where(*event_conditions(f))
        .cte("matched")
    )


async def count_events(session: AsyncSession, *, filter: EventFilter) -> int:
    """How many live events match (`count=true` on lists)."""
    total = await session.scalar(select(func.count()).where(*event_conditions(filter)))
    return int(total or 0)


async def event_facets(
    session: AsyncSession, *, filter: EventFilter, top_actors: int
) -> dict[str, Any]:
    """Every facet of the matching events, each bucket as {value, count}, largest first.

    An event counts in a year (a month) only when its whole date interval lies in it: an
    event known only to within two years is in no year bucket but in the `null` one, instead
    of being credited to the year it may have started in.
    """
    m = _matched(filter)
    total = await session.scalar(select(func.count()).select_from(m))
    same_year = func.date_trunc("year", m.c.date_start) == func.date_trunc("year", m.c.date_end)
    same_month = func.date_trunc("month", m.c.date_start) == func.date_trunc("month", m.c.date_end)
    year = case((same_year, func.to_char(m.c.date_start, "YYYY")), else_=null())
    month = case((same_month, func.to_char(m.c.date_start, "YYYY-MM")), else_=null())

    async def buckets(value: Any, *, by_value: bool = False) -> list[dict[str, Any]]:
        count = func.count().label("count")
        order = (value.asc().nulls_last(),) if by_value else (count.desc(), value.nulls_last())
        rows = await session.execute(
            select(value.label("value"), count).select_from(m).group_by(value).order_by(*order)
        )
        return [{"value": r.value, "count": r.count} for r in rows]

    actor_count = func.count(func.distinct(m.c.id)).label("count")
    actors = await session.execute(
        select(Actor.id, Actor.key, Actor.name, actor_count)
        .select_from(m)
        .join(EventActor, EventActor.event_id == m.c.id)
        .join(Actor, Actor.id == EventActor.actor_id)
        .group_by(Actor.id, Actor.key, Actor.name)
        .order_by(actor_count.desc(), Actor.name, Actor.id)
        .limit(top_actors)
    )
    # Placed events by gazetteer place; the others by their location text (null: none).
    unplaced_text = case((m.c.place.is_(None), m.c.location), else_=null()).label("location")
    place_count = func.count().label("count")
    places = await session.execute(
        select(m.c.place, unplaced_text, place_count)
        .group_by(m.c.place, unplaced_text)
        .order_by(place_count.desc(), m.c.place.nulls_last(), unplaced_text.nulls_last())
    )
    return {
        "total": int(total or 0),
        "type": await buckets(m.c.type),
        "year": await buckets(year, by_value=True),
        "month": await buckets(month, by_value=True),
        "actor": [{"id": a.id, "key": a.key, "name": a.name, "count": a.count} for a in actors],
        "location": [{"place": p.place, "location": p.location, "count": p.count} for p in places],
    }
