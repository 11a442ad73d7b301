"""`/pledges`: commitments, their status, and the evidence behind it."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from api.caching import resource_etag
from api.deps import SessionDep
from api.errors import NotFound
from api.iso_date import IsoDate
from api.pagination import date_uuid_key, next_url
from api.responses import json_response, page_response
from api.schemas.common import BAD_REQUEST, INVALID, NOT_FOUND, NOT_MODIFIED
from api.schemas.pledges import PledgeDetail, PledgePage
from db.repositories import pledges as repo

router = APIRouter(tags=["pledges"])

PledgeStatus = Literal["not_yet_rated", "in_the_works", "stalled", "compromise", "kept", "broken"]


@router.get(
    "/pledges",
    response_model=None,
    responses={200: {"model": PledgePage}, **BAD_REQUEST, **NOT_FOUND, **INVALID, **NOT_MODIFIED},
)
async def list_pledges(
    request: Request,
    session: SessionDep,
    actor: Annotated[
        str | None,
        Query(
            description="Actor by name, alias, key or id (as on /events); unknown: 404.",
            openapi_examples={"haftar": {"summary": "Haftar", "value": "Haftar"}},
        ),
    ] = None,
    status: Annotated[
        list[PledgeStatus] | None,
        Query(
            description="Status; repeat for several.",
            openapi_examples={"broken": {"summary": "Broken", "value": ["broken"]}},
        ),
    ] = None,
    due_before: Annotated[
        IsoDate | None,
        Query(
            description="Deadline (its latest possible day) on or before this ISO date.",
            openapi_examples={
                "deadline": {"summary": "Withdrawal deadline", "value": "2021-01-23"}
            },
        ),
    ] = None,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> Response:
    """Pledges by the date they were made, filtered by actor, status and deadline."""
    after = date_uuid_key(cursor or None, "pledges")
    actor_ids = None
    if actor is not None:
        actor_ids = await request.app.state.actor_lookup.resolve(session, actor)
    filter = repo.PledgeFilter(
        actor_ids=actor_ids, statuses=tuple(status or ()), due_before=due_before
    )
    items, key = await repo.list_pledges(session, filter=filter, after=after, limit=limit)
    return page_response(request, items, next_url(request, "pledges", key))


@router.get(
    "/pledges/{pledge_id}",
    response_model=None,
    responses={200: {"model": PledgeDetail}, **NOT_FOUND, **INVALID, **NOT_MODIFIED},
)
async def get_pledge(
    request: Request,
    session: SessionDep,
    pledge_id: Annotated[
        str, Path(description="Pledge id (UUID). A malformed or unknown id is a 404 problem.")
    ],
) -> Response:
    """One pledge with its quotes and the dated evidence (events, quotes) behind its status."""
    try:
        parsed = uuid.UUID(pledge_id)
    except ValueError:
        raise NotFound(f"No pledge {pledge_id!r}.") from None
    pledge = await repo.get_pledge(session, pledge_id=parsed)
    if pledge is None:
        raise NotFound(f"No pledge {pledge_id!r}.")
    return json_response(request, pledge, etag=resource_etag(pledge["id"], pledge["version"]))
