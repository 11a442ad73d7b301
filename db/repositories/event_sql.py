"""The statements behind an event page: which events, their listing, their JSON.

A page is selected first (a subquery with ORDER BY/LIMIT, so the planner can walk the
(date_start, id) index), and each of its rows brings its actors (JSON) and source counts from
the event's listing columns, kept by the triggers of migration 0003; only an `as_of` page counts
mentions per event (a LATERAL subquery), as its counts depend on the date. `page_statement`
returns plain rows; `json_page_statement` one JSON text per event, built by PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    Date,
    Select,
    Subquery,
    Text,
    Uuid,
    bindparam,
    case,
    cast,
    distinct,
    func,
    join,
    literal_column,
    select,
    true,
    tuple_,
)

from db.models import Event, EventActor, Mention
from db.repositories.event_pages import SortKey
from db.repositories.filters import (
    EventFilter,
    actor_link_conditions,
    event_conditions,
    mention_conditions,
)
from db.repositories.search_pages import search_keys

_EVENT_COLUMNS = (
    Event.id,
    Event.title,
    Event.summary,
    Event.type,
    Event.date_start,
    Event.date_end,
    Event.date_precision,
    Event.date_resolved,
    Event.location,
    Event.place,
    Event.latitude,
    Event.longitude,
    Event.location_precision,
    Event.version,
    Event.updated_at,
)


# Kept by triggers (migration 0003): a page reads them instead of aggregating per event.
_LISTING_COLUMNS = (Event.actors_doc, Event.source_count, Event.independent_source_count)

# Built once: ORM aliased() per request cost ~1.5 ms of Python, a quarter of a page's CPU.
_LINK = EventActor.__table__.alias("link")


def _page_rows(f: EventFilter, *, after: SortKey | None, descending: bool, limit: int) -> Subquery:
    """The page's events (ORDER BY/LIMIT) with their listing columns.

    With an actor filter the page is driven from the first group's links, whose
    (actor_id, date_start, event_id) index is in page order: PostgreSQL reads the actor's next
    ~limit links and their events, instead of walking events by date and testing each one's
    actors (~15x more rows for an actor in 5% of events).

    A search (`q=`) without an actor selects the page's keys first (a bounded walk of live
    events in date order, migration 0011, else the GIN index for a rare term: see
    db.repositories.search_pages): only the page's own events are then read whole.
    """
    distinct_on: tuple[Any, ...] = ()
    search_first = f.q is not None and not f.actor_groups
    if not f.actor_groups:
        # A search's keys are chosen apart (db.repositories.search_pages): the rest here.
        conditions = event_conditions(replace(f, q=None) if search_first else f)
        start: Any = Event.date_start
        ident: Any = Event.id
        source: Any = Event
    else:
        link = _LINK.c
        conditions = [
            *actor_link_conditions(link, f.actor_groups[0], f.actor_role),
            *event_conditions(f, skip_groups=1),
        ]
        start, ident = link.date_start, link.event_id
        source = join(_LINK, Event, Event.id == link.event_id)
        # An event linked to the group twice (two roles, or two of an ambiguous alias's
        # actors) has several link rows, adjacent in page order: DISTINCT ON keeps one.
        distinct_on = (start, ident)
    key = tuple_(start, ident)
    if after is not None:
        bound = tuple_(
            bindparam("after_date", after[0], type_=Date),
            bindparam("after_id", after[1], type_=Uuid),
        )
        conditions.append(key < bound if descending else key > bound)
    order = (start.desc(), ident.desc()) if descending else (start, ident)
    # The limit is inlined for the same reason as actor ids (see filters.inline_ids).
    page_size: Any = literal_column(str(int(limit)))
    if search_first:
        assert f.q is not None
        keys = search_keys(conditions, f.q, descending=descending, page_size=page_size)
        source = join(keys, Event, Event.id == keys.c.id)
        conditions = []
        start, ident = keys.c.date_start, keys.c.id
        order = (start.desc(), ident.desc()) if descending else (start, ident)
    stmt = select(*_EVENT_COLUMNS, *_LISTING_COLUMNS)
    if distinct_on:
        stmt = stmt.distinct(*distinct_on)
    return (
        stmt.select_from(source)
        .where(*conditions)
        .order_by(*order)
        .limit(page_size)
        .subquery("page")
    )


class _Counts(NamedTuple):
    """A page joined to its events' source counts."""

    source: Any  # the FROM clause: the page, or the page joined to per-event counts
    sources: Any
    independent: Any
    # What a correlated subquery of the page takes from the outer query.
    outer: tuple[Any, ...]


def _with_counts(page: Subquery, as_of: date | None) -> _Counts:
    """Without `as_of` the counts are the events' own listing columns; with it only the
    mentions of sources published by then count, so they are aggregated per event."""
    if as_of is None:
        return _Counts(page, page.c.source_count, page.c.independent_source_count, (page,))
    counts = (
        select(
            func.count(distinct(Mention.source_id)).label("sources"),
            func.count(distinct(Mention.origin)).label("independent_sources"),
        )
        .where(*mention_conditions(page.c.id, as_of))
        .lateral("counts")
    )
    return _Counts(
        page.join(counts, true()),
        counts.c.sources,
        counts.c.independent_sources,
        (page, counts),
    )


def page_statement(
    f: EventFilter, *, after: SortKey | None, descending: bool, limit: int
) -> Select[Any]:
    page = _page_rows(f, after=after, descending=descending, limit=limit)
    source, sources, independent, _ = _with_counts(page, f.as_of)
    outer_order = (
        (page.c.date_start.desc(), page.c.id.desc())
        if descending
        else (page.c.date_start, page.c.id)
    )
    return (
        select(
            *(page.c[c.key] for c in _EVENT_COLUMNS),
            cast(page.c.actors_doc, Text).label("actors"),
            sources.label("sources"),
            independent.label("independent_sources"),
        )
        .select_from(source)
        .order_by(*outer_order)
    )


def json_page_statement(
    f: EventFilter, *, after: SortKey | None, descending: bool, limit: int
) -> Select[Any]:
    """The page as one JSON text per event, built by PostgreSQL, with its sort key.

    Byte for byte what orjson makes of `list_events` items: the same keys in the same order,
    compact separators, `updated_at` in UTC with microseconds only when non-zero.
    """
    page = _page_rows(f, after=after, descending=descending, limit=limit)
    source, sources, independent, outer = _with_counts(page, f.as_of)
    # orjson's form: UTC, "+00:00", microseconds only when they are not zero. (The format
    # quotes its colons so that pgbench, which the benchmark feeds this SQL, leaves them alone.)
    utc = func.timezone(_text("UTC"), page.c.updated_at)
    whole_second = func.date_trunc(_text("second"), page.c.updated_at) == page.c.updated_at
    updated_at = case(
        (whole_second, func.to_char(utc, _text('YYYY-MM-DD"T"HH24":"MI":"SS'))),
        else_=func.to_char(utc, _text('YYYY-MM-DD"T"HH24":"MI":"SS.US')),
    ) + _text("+00:00")
    item = (
        select(
            page.c.id,
            page.c.title,
            page.c.summary,
            page.c.type,
            page.c.date_start,
            page.c.date_end,
            page.c.date_precision,
            page.c.date_resolved,
            page.c.location,
            page.c.place,
            page.c.latitude,
            page.c.longitude,
            page.c.location_precision,
            page.c.version,
            updated_at.label("updated_at"),
            sources.label("sources"),
            independent.label("independent_sources"),
            page.c.actors_doc.label("actors"),
        )
        .correlate(*outer)
        .lateral("item")
    )
    outer_order = (
        (page.c.date_start.desc(), page.c.id.desc())
        if descending
        else (page.c.date_start, page.c.id)
    )
    return (
        select(
            cast(func.row_to_json(literal_column("item")), Text),
            page.c.date_start,
            page.c.id,
        )
        .select_from(source.join(item, true()))
        .order_by(*outer_order)
    )


def _text(value: str) -> Any:
    """A constant string written into the SQL (not a parameter)."""
    return literal_column("'" + value.replace("'", "''") + "'", Text)
