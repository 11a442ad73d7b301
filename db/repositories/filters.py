"""The `/events` filter, turned into SQL conditions shared by pages, exports and counts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Uuid,
    bindparam,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
)

from db.models import Event, EventActor, Mention, Pledge, Source


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What `/events` was asked for. Every field narrows the result (they combine with AND).

    `actor_groups`: each group is the set of actor ids one `actor` reference resolved to (an
    ambiguous alias gives several); an event must involve an actor of every group.
    """

    actor_groups: tuple[tuple[uuid.UUID, ...], ...] = ()
    actor_role: str | None = None
    types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    source_id: uuid.UUID | None = None
    location: str | None = None
    # The gazetteer place `location` names, if any: then any event placed there matches too.
    place: str | None = None
    q: str | None = None
    min_sources: int | None = None
    as_of: date | None = None
    updated_since: datetime | None = None
    # Internal: only events with coordinates (the GeoJSON export).
    placed: bool = False
    # Internal: restrict to these ids (the detail view reuses the list query).
    ids: tuple[uuid.UUID, ...] = ()
    # The hash, worked out on first use: a filter keys the compiled-statement cache on every
    # page, and hashing its fields (UUIDs, dates) each time cost a page several microseconds.
    _hash: int | None = field(default=None, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        known = self._hash
        if known is None:
            known = hash(tuple(getattr(self, f.name) for f in _FILTER_FIELDS))
            object.__setattr__(self, "_hash", known)
        return known

    def __reduce__(self) -> tuple[Any, ...]:
        # Without the cached hash: another process hashes strings differently.
        return (_filter_of, (tuple(getattr(self, f.name) for f in _FILTER_FIELDS),))


_FILTER_FIELDS = tuple(f for f in fields(EventFilter) if f.compare)


def _filter_of(values: tuple[Any, ...]) -> EventFilter:
    return EventFilter(**{f.name: v for f, v in zip(_FILTER_FIELDS, values, strict=True)})


def inline_ids(ids: tuple[uuid.UUID, ...]) -> Any:
    """Ids rendered into the SQL text rather than sent as parameters.

    PostgreSQL then plans each actor's statement once (a generic plan of a prepared statement)
    instead of re-planning on every execution: with the actor as a parameter its plan depends
    on how frequent the actor is, so every execution would get a custom plan (~2 ms each).
    """
    return bindparam(None, list(ids), type_=Uuid, expanding=True, literal_execute=True)


def search_condition(vector: Any, q: str) -> ColumnElement[bool]:
    """`vector` matches the web-search query `q` (English stemming)."""
    condition: ColumnElement[bool] = vector.op("@@")(func.websearch_to_tsquery("english", q))
    return condition


def visible_mention(as_of: date | None) -> ColumnElement[bool] | None:
    """Mentions a reader could have seen by `as_of`.

    Conservative for inferred publication dates: a source counts only when even the latest
    possible publication day (`published_end`) is on or before `as_of`.
    """
    if as_of is None:
        return None
    published = select(Source.id).where(Source.published_end <= as_of)
    return Mention.source_id.in_(published.scalar_subquery())


def pledge_visible(as_of: date | None) -> list[ColumnElement[bool]]:
    """Pledges a source published by `as_of` reported (no condition without `as_of`)."""
    visible = visible_mention(as_of)
    if visible is None:
        return []
    return [select(Mention.id).where(Mention.pledge_id == Pledge.id, visible).exists()]


def mention_conditions(event_id: Any, as_of: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Mention.event_id == event_id]
    visible = visible_mention(as_of)
    if visible is not None:
        conditions.append(visible)
    return conditions


def actor_link_conditions(
    link: Any, group: tuple[uuid.UUID, ...], role: str | None
) -> list[ColumnElement[bool]]:
    """A link row (of `event_actors` or an alias of it) to an actor of `group`, in `role`."""
    conditions: list[ColumnElement[bool]] = [link.actor_id.in_(inline_ids(group))]
    if role is not None:
        conditions.append(link.role == role)
    return conditions


def max_span_days() -> Any:
    """The longest event (date_end - date_start, in days): one lookup in ix_events_span_days."""
    spans = Event.__table__.alias("spans")
    return select(func.coalesce(func.max(spans.c.span_days), 0)).scalar_subquery()


def event_conditions(f: EventFilter, *, skip_groups: int = 0) -> list[ColumnElement[bool]]:
    """SQL conditions on `events` for a filter; soft-deleted events never match.

    `skip_groups`: that many leading actor groups are left out because the caller already
    joins their links (the page query drives an actor's page from its links).
    """
    conditions: list[ColumnElement[bool]] = [Event.deleted_at.is_(None)]
    if f.ids:
        conditions.append(Event.id.in_(f.ids))
    for group in f.actor_groups[skip_groups:]:
        link = [
            EventActor.event_id == Event.id,
            *actor_link_conditions(EventActor, group, f.actor_role),
        ]
        conditions.append(select(EventActor.event_id).where(*link).exists())
    if f.actor_role is not None and not f.actor_groups:
        conditions.append(
            select(EventActor.event_id)
            .where(EventActor.event_id == Event.id, EventActor.role == f.actor_role)
            .exists()
        )
    if f.types:
        conditions.append(Event.type.in_(f.types))
    # Interval overlap: [date_start, date_end] meets [date_from, date_to].
    if f.date_from is not None:
        conditions.append(Event.date_end >= f.date_from)
        # Implied by the line above, but it is a bound on date_start, the index's order: the
        # scan starts near date_from instead of at the first event ever.
        conditions.append(
            Event.date_start >= cast(literal(f.date_from, Date), Date) - max_span_days()
        )
    if f.date_to is not None:
        conditions.append(Event.date_start <= f.date_to)
    if f.location is not None:
        same_text = func.lower(Event.location) == f.location.lower()
        conditions.append(same_text if f.place is None else or_(Event.place == f.place, same_text))
    if f.placed:
        conditions.append(Event.latitude.is_not(None))
    if f.updated_since is not None:
        conditions.append(Event.updated_at >= f.updated_since)
    if f.q is not None:
        conditions.append(search_condition(Event.search, f.q))
    if f.source_id is not None:
        conditions.append(
            select(Mention.id)
            .where(*mention_conditions(Event.id, f.as_of), Mention.source_id == f.source_id)
            .exists()
        )
    if f.as_of is not None:
        conditions.append(select(Mention.id).where(*mention_conditions(Event.id, f.as_of)).exists())
    if f.min_sources is not None:
        origins = (
            select(func.count(distinct(Mention.origin)))
            .where(*mention_conditions(Event.id, f.as_of))
            .scalar_subquery()
        )
        conditions.append(origins >= f.min_sources)
    return conditions
