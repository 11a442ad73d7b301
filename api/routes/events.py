"""`/events`: the timeline, one event, and its exports."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Request
from starlette.responses import Response

from api.caching import resource_etag
from api.deps import SessionDep
from api.errors import NotFound
from api.exports.negotiation import Format, choose_format
from api.openapi_docs import EVENT_ID
from api.responses import json_response
from api.routes.event_output import EVENT_LIST_RESPONSES, render_events
from api.routes.event_page_route import PageRoute
from api.routes.event_params import EventParams, FormatParam, event_params, export_params
from api.routes.list_params import AsOf
from api.schemas.common import (
    BAD_REQUEST,
    INVALID,
    NOT_FOUND,
    NOT_MODIFIED,
    Responses,
)
from api.schemas.events import EventDetail, Timeline
from db.repositories import events as repo

router = APIRouter(tags=["events"])

Params = Annotated[EventParams, Depends(event_params)]
ExportParams = Annotated[EventParams, Depends(export_params)]
_EXPORT_ERRORS: Responses = {**BAD_REQUEST, **NOT_FOUND, **INVALID, **NOT_MODIFIED}


async def list_events(
    request: Request,
    session: SessionDep,
    params: Params,
    format: FormatParam = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """The timeline: events by date, filtered, paged, or exported (format= or Accept)."""
    return await render_events(request, session, params, choose_format(format, accept))


# A plain JSON page skips FastAPI's parameter solving (see api.routes.event_page_route). The
# route has a router of its own, included first: the busiest path matches on the first try.
page_router = APIRouter(tags=["events"])
page_router.add_api_route(
    "/events",
    list_events,
    methods=["GET"],
    response_model=None,
    responses=EVENT_LIST_RESPONSES,
    route_class_override=PageRoute,
)


MEDIA_TYPE_BY_FORMAT = {"csv": "text/csv", "ndjson": "application/x-ndjson", "ics": "text/calendar"}


def _export_route(fmt: Format, path: str, summary: str, model: Any = None) -> None:
    content = {"schema": {"type": "string"}} if model is None else None
    responses: dict[int | str, dict[str, Any]] = {
        200: {"description": summary, **({"model": model} if model else {})},
        **_EXPORT_ERRORS,
    }
    if content is not None:
        responses[200]["content"] = {MEDIA_TYPE_BY_FORMAT[fmt]: content}

    async def export(request: Request, session: SessionDep, params: ExportParams) -> Response:
        return await render_events(request, session, params, fmt)

    export.__doc__ = summary
    router.add_api_route(
        path,
        export,
        methods=["GET"],
        response_model=None,
        responses=responses,
        name=f"export_events_{fmt}",
        summary=summary.rstrip("."),
    )


_export_route("csv", "/events.csv", "Every matching event as CSV (streamed).")
_export_route(
    "ndjson", "/events.ndjson", "Every matching event as NDJSON, one per line (streamed)."
)
_export_route("ics", "/events.ics", "Every matching event as an iCalendar feed of all-day events.")
_export_route(
    "timelinejs",
    "/events.timelinejs.json",
    "Every matching event as TimelineJS3 JSON (one group per event type).",
    Timeline,
)


@router.get(
    "/events/{event_id}",
    response_model=None,
    responses={200: {"model": EventDetail}, **NOT_FOUND, **INVALID, **NOT_MODIFIED},
)
async def get_event(
    request: Request,
    session: SessionDep,
    event_id: Annotated[
        str,
        Path(
            description="Event id (UUID). A malformed or unknown id is a 404 problem.",
            openapi_examples={"event": {"summary": "The JMC meeting in Geneva", "value": EVENT_ID}},
        ),
    ],
    as_of: AsOf = None,
) -> Response:
    """One event with its actors, mentions (quote, offsets, source), pledges; `as_of`: as then."""
    try:
        parsed = uuid.UUID(event_id)
    except ValueError:
        raise NotFound(f"No event {event_id!r}.") from None
    event = await repo.get_event(session, event_id=parsed, as_of=as_of)
    if event is None:
        when = f" in a source published by {as_of}" if as_of else ""
        raise NotFound(f"No event {event_id!r}{when}.")
    # As of a day the body differs from the current version's: its own tag, from the body.
    etag = None if as_of else resource_etag(event["id"], event["version"])
    return json_response(request, event, etag=etag)
