"""`/actors`: people, states, armed groups and organisations, and their events."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from api.deps import SessionDep
from api.errors import NotFound
from api.exports.negotiation import choose_format
from api.pagination import decode_cursor, next_url, parse_key
from api.responses import json_response, page_response
from api.routes.event_output import EVENT_LIST_RESPONSES, render_events
from api.routes.event_params import EventParams, FormatParam, event_params
from api.routes.list_params import UpdatedSince
from api.schemas.actors import ActorDetail, ActorPage
from api.schemas.common import BAD_REQUEST, INVALID, NOT_FOUND, NOT_MODIFIED
from db.repositories import actors as repo

router = APIRouter(tags=["actors"])

ActorType = Literal[
    "person", "state", "armed_group", "government", "organization", "intergovernmental"
]
ActorRef = Annotated[
    str,
    Path(
        description="Actor id (UUID) or key slug. Unknown: 404 problem.",
        openapi_examples={"key": {"summary": "Key slug", "value": "khalifa-haftar"}},
    ),
]


@router.get(
    "/actors",
    response_model=None,
    responses={200: {"model": ActorPage}, **BAD_REQUEST, **INVALID, **NOT_MODIFIED},
)
async def list_actors(
    request: Request,
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            description=(
                "Part of a name or alias, case- and accent-insensitive; a leading 'the' or title "
                "is ignored. When no alias contains it, the closest actors by trigram "
                "similarity, each with a `score`."
            ),
            openapi_examples={"haftar": {"summary": "Haftar", "value": "haftar"}},
        ),
    ] = None,
    type: Annotated[
        list[ActorType] | None,
        Query(
            description="Actor type; repeat for several.",
            openapi_examples={"person": {"summary": "People", "value": ["person"]}},
        ),
    ] = None,
    updated_since: UpdatedSince = None,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> Response:
    """Actors by name, searchable by any alias (near matches with a `score` when none has it)."""
    after = None
    if cursor:
        name, actor_id = parse_key(decode_cursor(cursor, "actors"), str, uuid.UUID)
        after = (name, actor_id)
    items, key = await repo.list_actors(
        session,
        q=q or None,
        types=tuple(type or ()),
        after=after,
        limit=limit,
        updated_since=updated_since,
    )
    if q and not items and after is None:
        # Nothing contains the query: scored near matches (misspellings, transliterations).
        items = await repo.fuzzy_candidates(session, q=q, types=tuple(type or ()), limit=limit)
    return page_response(request, items, next_url(request, "actors", key))


@router.get(
    "/actors/{actor_id}",
    response_model=None,
    responses={200: {"model": ActorDetail}, **NOT_FOUND, **INVALID, **NOT_MODIFIED},
)
async def get_actor(request: Request, session: SessionDep, actor_id: ActorRef) -> Response:
    """One actor with aliases, relations in both directions and event/pledge counts."""
    found = await repo.get_actor(session, ref=actor_id)
    if found is None:
        raise NotFound(f"No actor with id or key {actor_id!r}.")
    return json_response(request, found)


@router.get(
    "/actors/{actor_id}/events",
    response_model=None,
    responses=EVENT_LIST_RESPONSES,
)
async def actor_events(
    request: Request,
    session: SessionDep,
    actor_id: ActorRef,
    params: Annotated[EventParams, Depends(event_params)],
    format: FormatParam = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """The events of one actor, with the same filters, paging and formats as /events."""
    found = await repo.get_actor_row(session, ref=actor_id)
    if found is None:
        raise NotFound(f"No actor with id or key {actor_id!r}.")
    ids = await repo.resolve(session, ref=str(found["id"]))
    return await render_events(
        request, session, params, choose_format(format, accept), extra_groups=(ids,)
    )
