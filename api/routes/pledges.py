"""`/pledges`: commitments, their status, and the evidence behind it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from api.caching import resource_etag
from api.deps import SessionDep
from api.errors import NotFound
from api.iso_date import IsoDate
from api.pagination import date_uuid_key, next_url
from api.pledge_status import rate_as_of
from api.responses import json_response, page_response
from api.routes.list_params import CountParam, UpdatedSince
from api.schemas.common import BAD_REQUEST, INVALID, NOT_FOUND, NOT_MODIFIED
from api.schemas.pledges import PledgeDetail, PledgePage
from api.vocabulary import PledgeStatusParam, require_known
from db.models.vocab import PLEDGE_STATUSES
from db.repositories import pledges as repo

router = APIRouter(tags=["pledges"])


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
        list[PledgeStatusParam] | None,
        Query(
            description="Status; repeat for several. One of `/vocabulary`'s "
            "`pledge_statuses`; another is a 422 problem listing them.",
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
    as_of: Annotated[
        IsoDate | None,
        Query(
            description="Pledges reported by sources published by this day (`published_end` "
            "on or before it), each with the status those sources supported: ingestion's "
            "rule applied to what was reported by then (a status an editor set stands from "
            "the day its evidence was reported). `status=` filters on that status.",
            openapi_examples={"before": {"summary": "Before the 300 left", "value": "2021-11-01"}},
        ),
    ] = None,
    updated_since: UpdatedSince = None,
    count: CountParam = False,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> Response:
    """Pledges by the date they were made, filtered by actor, status, deadline and `as_of`."""
    require_known([("status", status or (), PLEDGE_STATUSES)])
    after = date_uuid_key(cursor or None, "pledges")
    actor_ids = None
    if actor is not None:
        actor_ids = await request.app.state.actor_lookup.resolve(session, actor)
    filter = repo.PledgeFilter(
        actor_ids=actor_ids,
        statuses=() if as_of else tuple(status or ()),
        due_before=due_before,
        as_of=as_of,
        updated_since=updated_since,
    )
    if as_of is None:
        items, key = await repo.list_pledges(session, filter=filter, after=after, limit=limit)
        total = await repo.count_pledges(session, filter=filter) if count else None
    else:
        # The status as of a day is computed, so its filter and the page follow it.
        rated, _ = await repo.list_pledges(session, filter=filter, after=None, limit=None)
        await rate_as_of(session, rated, as_of)
        matching = [p for p in rated if not status or p["status"] in status]
        following = [p for p in matching if after is None or (p["made_start"], p["id"]) > after]
        items = following[:limit]
        key = (items[-1]["made_start"], items[-1]["id"]) if len(following) > limit else None
        total = len(matching) if count else None
    return page_response(request, items, next_url(request, "pledges", key), total=total)


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
