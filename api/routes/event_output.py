"""Shape a filtered event query as a JSON page or as a streamed export."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from api.caching import weak_etag
from api.exports.icalendar import ics_chunks
from api.exports.negotiation import MEDIA_TYPES, Format
from api.exports.tabular import csv_chunks, ndjson_chunks
from api.exports.timelinejs import timelinejs_chunks
from api.pagination import date_uuid_key, next_url
from api.responses import raw_page_response, stream_response
from api.routes.event_params import EventParams
from api.schemas.common import (
    BAD_REQUEST,
    INVALID,
    NOT_ACCEPTABLE,
    NOT_FOUND,
    NOT_MODIFIED,
    Responses,
)
from api.schemas.events import EventPage, Timeline
from db.repositories import events as repo
from db.repositories.event_pages import SortKey
from db.repositories.facets import count_events
from db.repositories.filters import EventFilter
from db.repositories.quoted_events import iter_quoted_events
from db.repositories.raw import Reader

CALENDAR_NAME = "Libya ceasefire timeline"
# The same URL answers JSON, CSV, NDJSON or iCalendar depending on Accept.
VARY = {"Vary": "Accept"}

EVENT_LIST_RESPONSES: Responses = {
    200: {
        # `format=timelinejs` is application/json too, hence the union.
        "model": EventPage | Timeline,
        "description": "A page of events (JSON), or every matching event as an export. "
        'A `Link: <...>; rel="next"` header accompanies `next` on JSON pages.',
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "text/calendar": {"schema": {"type": "string"}},
        },
    },
    **BAD_REQUEST,
    **NOT_FOUND,
    **INVALID,
    **NOT_MODIFIED,
    **NOT_ACCEPTABLE,
}


async def render_events(
    request: Request,
    session: AsyncSession,
    params: EventParams,
    fmt: Format,
    *,
    extra_groups: tuple[tuple[uuid.UUID, ...], ...] = (),
) -> Response:
    kind = f"events:{params.sort}"
    after = date_uuid_key(params.cursor, kind)
    filter = await params.to_filter(
        session, request.app.state.actor_lookup, extra_groups=extra_groups
    )
    descending = params.sort == "-date"
    if fmt == "json":
        total = await count_events(session, filter=filter) if params.count else None
        return await json_page(request, session, params, filter, after, total=total)

    # An empty TimelineJS export dates its notice slide (see api.exports.timelinejs).
    empty_day = params.date_from or params.as_of or params.date_to or date.today()
    etag = weak_etag(
        fmt,
        request.url.path,
        request.url.query,
        empty_day if fmt == "timelinejs" else "",
        *await repo.fingerprint(session, filter=filter),
    )
    chunks: AsyncIterator[bytes]
    if fmt == "timelinejs":
        # Slides credit their sources: these batches bring each event's mentions.
        chunks = timelinejs_chunks(
            iter_quoted_events(session, filter=filter, after=after, descending=descending),
            headline=CALENDAR_NAME,
            text=_describe(request.query_params),
            # The configured public base, never the Host header (see api.pagination.next_url).
            base_url=request.app.state.settings.public_base + "/",
            empty_day=empty_day,
        )
    else:
        chunks = _rows_export(
            fmt, repo.iter_events(session, filter=filter, after=after, descending=descending)
        )
    extension = {"timelinejs": "timelinejs.json"}.get(fmt, fmt)
    return stream_response(
        request,
        chunks,
        media_type=MEDIA_TYPES[fmt],
        etag=etag,
        filename=f"events.{extension}",
        headers=VARY,
    )


async def json_page(
    request: Request,
    reader: Reader,
    params: EventParams,
    filter: EventFilter,
    after: SortKey | None,
    *,
    total: int | None = None,
    kept: str | None = None,
) -> Response:
    """A JSON page of events (PostgreSQL's JSON), its `next` link and Link header (`kept`: see
    `api.pagination.next_url`)."""
    kind = f"events:{params.sort}"
    page = await repo.list_events_json(
        reader, filter=filter, after=after, descending=params.sort == "-date", limit=params.limit
    )
    return raw_page_response(
        request, page.items, next_url(request, kind, page.next_key, kept), headers=VARY, total=total
    )


def _rows_export(fmt: Format, batches: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    if fmt == "csv":
        return csv_chunks(batches)
    if fmt == "ndjson":
        return ndjson_chunks(batches)
    return ics_chunks(batches, name=CALENDAR_NAME)


def _describe(query: Any) -> str:
    shown = [f"{k}={v}" for k, v in query.multi_items() if k not in {"format", "cursor"}]
    return "Filtered by " + ", ".join(shown) if shown else "All events"
