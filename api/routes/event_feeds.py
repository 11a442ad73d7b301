"""`/events/facets`, `/events.atom` and `/events.geojson`: the timeline's filters, other views."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from api.caching import weak_etag
from api.deps import SessionDep
from api.exports.atom import atom_chunks
from api.exports.geojson import geojson_chunks
from api.pagination import public_url
from api.responses import json_response, stream_response
from api.routes.event_output import CALENDAR_NAME
from api.routes.event_params import EventParams, event_params
from api.schemas.common import BAD_REQUEST, INVALID, NOT_FOUND, NOT_MODIFIED, Responses
from api.schemas.facets import EventFacets
from db.repositories import events as repo
from db.repositories import facets
from db.repositories.filters import EventFilter
from db.repositories.quoted_events import iter_quoted_events
from seed.extract.gazetteer import load_gazetteer

router = APIRouter(tags=["events"])

Params = Annotated[EventParams, Depends(event_params)]
_ERRORS: Responses = {**BAD_REQUEST, **NOT_FOUND, **INVALID, **NOT_MODIFIED}
# Before any event: the feed's `updated` when nothing matches and nothing was ever stored.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@router.get(
    "/events/facets",
    response_model=None,
    responses={200: {"model": EventFacets}, **_ERRORS},
)
async def event_facets(
    request: Request,
    session: SessionDep,
    params: Params,
    top: Annotated[
        int,
        Query(
            ge=1,
            le=100,
            description="How many actors the actor facet lists (most events first).",
            openapi_examples={"ten": {"summary": "Top ten", "value": 10}},
        ),
    ] = 10,
) -> Response:
    """Counts of the events /events would list: total, by type, year, month, actor, place."""
    filter = await _filter(request, session, params)
    found = await facets.event_facets(session, filter=filter, top_actors=top)
    gazetteer = load_gazetteer()
    for bucket in found["location"]:
        known = gazetteer.places.get(bucket["place"]) if bucket["place"] else None
        bucket["name"] = known.name if known else bucket["location"]
    return json_response(request, found)


@router.get(
    "/events.atom",
    response_model=None,
    responses={
        200: {
            "description": "An Atom feed (RFC 4287), newest event first.",
            "content": {"application/atom+xml": {"schema": {"type": "string"}}},
        },
        **_ERRORS,
    },
)
async def events_atom(request: Request, session: SessionDep, params: Params) -> Response:
    """Every matching event as Atom, newest first, each entry linking the event and its sources."""
    filter = await _filter(request, session, params)
    summary = await repo.fingerprint(session, filter=filter)
    updated = summary[1]
    if updated is None:
        updated = (await repo.fingerprint(session, filter=EventFilter()))[1] or _EPOCH
    # The public base, not the request's Host (see api.pagination.public_url).
    base = request.app.state.settings.public_base + "/"
    # Each event with its mentions and their sources: the entry credits every source.
    batches = iter_quoted_events(session, filter=filter, descending=True, batch_size=200)
    return stream_response(
        request,
        atom_chunks(
            batches,
            title=CALENDAR_NAME,
            subtitle=_subtitle(request),
            self_url=public_url(request),
            base=base,
            updated=updated,
        ),
        media_type="application/atom+xml; charset=utf-8",
        etag=weak_etag("atom", request.url.path, request.url.query, *summary),
    )


@router.get(
    "/events.geojson",
    response_model=None,
    responses={
        200: {
            "description": "A GeoJSON FeatureCollection (RFC 7946) of the placed events.",
            "content": {"application/geo+json": {"schema": {"type": "object"}}},
        },
        **_ERRORS,
    },
)
async def events_geojson(request: Request, session: SessionDep, params: Params) -> Response:
    """Every matching event the gazetteer placed, as GeoJSON Points ([longitude, latitude])."""
    filter = dataclasses.replace(await _filter(request, session, params), placed=True)
    summary = await repo.fingerprint(session, filter=filter)
    batches = repo.iter_events(session, filter=filter, descending=params.sort == "-date")
    return stream_response(
        request,
        geojson_chunks(batches),
        media_type="application/geo+json",
        etag=weak_etag("geojson", request.url.path, request.url.query, *summary),
        filename="events.geojson",
    )


def _subtitle(request: Request) -> str:
    shown = [f"{k}={v}" for k, v in request.query_params.multi_items()]
    return "Events matching " + ", ".join(shown) if shown else "Every event, newest first"


async def _filter(request: Request, session: AsyncSession, params: EventParams) -> EventFilter:
    return await params.to_filter(session, request.app.state.actor_lookup)
