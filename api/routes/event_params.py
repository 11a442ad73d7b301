"""Query parameters of `/events` (shared by `/actors/{id}/events` and the export routes)."""

from __future__ import annotations

import inspect
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Query
from sqlalchemy.ext.asyncio import AsyncSession

from api.actor_lookup import ActorLookup
from api.errors import InvalidParameters
from api.exports.negotiation import Format
from api.iso_date import IsoDate
from api.openapi_docs import SOURCE_ID
from api.routes.list_params import CountParam, UpdatedSince
from api.vocabulary import ActorRoleParam, EventTypeParam, require_known
from db.models.vocab import ACTOR_ROLES, EVENT_TYPES
from db.repositories.filters import EventFilter
from seed.extract.gazetteer import load_gazetteer


@dataclass(frozen=True, slots=True)
class EventParams:
    actor: str | None
    actor_role: str | None
    type: tuple[str, ...]
    date_from: date | None
    date_to: date | None
    source: uuid.UUID | None
    location: str | None
    q: str | None
    min_sources: int | None
    as_of: date | None
    updated_since: datetime | None
    count: bool
    sort: Literal["date", "-date"]
    cursor: str | None
    limit: int

    async def to_filter(
        self,
        session: AsyncSession,
        actors: ActorLookup,
        *,
        extra_groups: tuple[tuple[uuid.UUID, ...], ...] = (),
    ) -> EventFilter:
        """Resolve `actor` to ids (404 when it names nobody) and build the repository filter."""
        groups = extra_groups
        if self.actor is not None:
            groups = (*groups, await actors.resolve(session, self.actor))
        return self.filter_with(groups)

    def filter_with(self, groups: tuple[tuple[uuid.UUID, ...], ...]) -> EventFilter:
        """The repository filter, the actor groups already resolved."""
        return EventFilter(
            actor_groups=groups,
            actor_role=self.actor_role,
            types=self.type,
            date_from=self.date_from,
            date_to=self.date_to,
            source_id=self.source,
            location=self.location,
            place=load_gazetteer().key_of(self.location) if self.location else None,
            q=self.q,
            min_sources=self.min_sources,
            as_of=self.as_of,
            updated_since=self.updated_since,
        )


# async although it awaits nothing: FastAPI runs a plain `def` dependency in a worker thread,
# and that hand-off cost ~10% of an uncached page's CPU.
async def event_params(
    actor: Annotated[
        str | None,
        Query(
            description="Actor by canonical name, any alias (case- and accent-insensitive), "
            "key or id. An alias shared by several actors matches all of them; a name "
            "matching no actor is a 404 problem, not an empty list.",
            openapi_examples={
                "name": {"summary": "Canonical name", "value": "Haftar"},
                "alias": {"summary": "Alias, any case", "value": "hifter"},
            },
        ),
    ] = None,
    actor_role: Annotated[
        ActorRoleParam | None,
        Query(
            description="Only the actor's part with this role (with `actor`), or any actor "
            "with this role. One of `/vocabulary`'s `actor_roles`; another is a 422 problem.",
            openapi_examples={"signatory": {"summary": "Signatory", "value": "signatory"}},
        ),
    ] = None,
    type: Annotated[
        list[EventTypeParam] | None,
        Query(
            description="Event type; repeat for several (`type=agreement&type=meeting`). "
            "One of `/vocabulary`'s `event_types`; another is a 422 problem listing them.",
            openapi_examples={"agreement": {"summary": "Agreements", "value": ["agreement"]}},
        ),
    ] = None,
    date_from: Annotated[
        IsoDate | None,
        Query(
            description="ISO date. Events whose [date_start, date_end] interval ends on or "
            "after this day (interval overlap).",
            openapi_examples={"ceasefire": {"summary": "Geneva ceasefire", "value": "2020-10-23"}},
        ),
    ] = None,
    date_to: Annotated[
        IsoDate | None,
        Query(
            description="ISO date. Events whose interval starts on or before this day.",
            openapi_examples={
                "deadline": {"summary": "Withdrawal deadline", "value": "2021-01-23"}
            },
        ),
    ] = None,
    source: Annotated[
        uuid.UUID | None,
        Query(
            description="Only events mentioned by this source (id).",
            openapi_examples={
                "source": {
                    "summary": "The article on the JMC meeting in Geneva",
                    "value": SOURCE_ID,
                }
            },
        ),
    ] = None,
    location: Annotated[
        str | None,
        Query(
            description="A place: its name or any variant in the gazetteer, any case "
            "(`al-Jufra` finds events placed at Jufra); a name the gazetteer lacks matches "
            "the stored location exactly, case-insensitively.",
            openapi_examples={
                "geneva": {"summary": "Geneva", "value": "geneva"},
                "variant": {"summary": "A variant spelling", "value": "Misurata"},
            },
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Full-text search (English stemming) over title, summary and quotes; "
            "web-search syntax: quotes for phrases, `or`, `-` to exclude.",
            openapi_examples={"mercenaries": {"summary": "Mercenaries", "value": "mercenaries"}},
        ),
    ] = None,
    min_sources: Annotated[
        int | None,
        Query(
            ge=1,
            le=10_000,
            description="At least this many independent sources (distinct origins: copies of "
            "one wire story count once).",
            openapi_examples={"corroborated": {"summary": "Corroborated", "value": 2}},
        ),
    ] = None,
    as_of: Annotated[
        IsoDate | None,
        Query(
            description="The timeline as sources published by this day told it: only mentions "
            "from sources whose latest possible publication day (`published_end`) is on or "
            "before `as_of` count; events without such a mention are hidden. Conservative for "
            "inferred publication dates: an article known only to date from a range counts "
            "from the end of that range.",
            openapi_examples={
                "october": {"summary": "As known at the end of October 2021", "value": "2021-10-31"}
            },
        ),
    ] = None,
    updated_since: UpdatedSince = None,
    count: CountParam = False,
    sort: Annotated[
        Literal["date", "-date"],
        Query(
            description="`date`: oldest first (date_start, then id); `-date`: newest first.",
            openapi_examples={"newest": {"summary": "Newest first", "value": "-date"}},
        ),
    ] = "date",
    cursor: Annotated[
        str | None,
        Query(
            description="Opaque position from the previous page's `next` link.",
            openapi_examples={"first": {"summary": "First page: omit", "value": ""}},
        ),
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=500,
            description="Page size (JSON pages only; exports contain every matching event).",
            openapi_examples={"fifty": {"summary": "Default", "value": 50}},
        ),
    ] = 50,
) -> EventParams:
    # (NUL characters, which PostgreSQL text cannot hold, are refused by api.middleware.)
    require_known(
        [
            ("type", type or (), EVENT_TYPES),
            ("actor_role", [actor_role] if actor_role is not None else [], ACTOR_ROLES),
        ]
    )
    if date_from is not None and date_to is not None and date_from > date_to:
        raise InvalidParameters(
            "date_from is after date_to.",
            [{"name": "date_from", "in": "query", "reason": "must not be after date_to"}],
        )
    return EventParams(
        actor=actor,
        actor_role=actor_role,
        type=tuple(type or ()),
        date_from=date_from,
        date_to=date_to,
        source=source,
        location=location,
        q=q or None,
        min_sources=min_sources,
        as_of=as_of,
        updated_since=updated_since,
        count=count,
        sort=sort,
        cursor=cursor or None,
        limit=limit,
    )


FormatParam = Annotated[
    Format | None,
    Query(
        description="Representation; overrides the Accept header. `json` (paged), `csv`, "
        "`ndjson`, `ics` (iCalendar) and `timelinejs` (TimelineJS3) contain every match.",
        openapi_examples={"csv": {"summary": "CSV", "value": "csv"}},
    ),
]


async def export_params(**kwargs: Any) -> EventParams:
    """`event_params` without `limit`: an export holds every matching event, so the export
    routes neither take nor document a page size."""
    return await event_params(**kwargs, limit=500)


_signature = inspect.signature(event_params)
export_params.__signature__ = _signature.replace(  # type: ignore[attr-defined]
    parameters=[p for p in _signature.parameters.values() if p.name != "limit"]
)
