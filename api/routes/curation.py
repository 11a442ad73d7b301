"""Curation (write scope): edit events and pledges, soft-delete events, merge actors.

PATCH and DELETE need `If-Match` with the ETag last read (428 without, 412 when stale); the
response carries the new ETag.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Header, Response
from fastapi import Path as PathParam

from api import editing
from api.auth import WriteKey
from api.caching import resource_etag
from api.deps import SessionDep
from api.payloads.editorial import (
    ActorMerge,
    EditedEvent,
    EditedPledge,
    EventPatch,
    MergeCounts,
    MergedActor,
    PledgePatch,
)
from api.route_docs import AUTH_ERRORS, NOT_AN_ID, PRECONDITION_ERRORS, PROBLEM
from api.write_examples import (
    ACTOR_MERGE,
    EDITED_EVENT,
    EDITED_PLEDGE,
    EVENT_PATCH,
    LNA_ID,
    MERGED_ACTOR,
    PLEDGE_PATCH,
    json_example,
)

router = APIRouter(tags=["curation"], responses=AUTH_ERRORS)

IfMatch = Annotated[
    str | None,
    Header(description="The ETag of the version you edit (required)", max_length=1000),
]
_ETAG = {"ETag": {"description": "The new version's ETag", "schema": {"type": "string"}}}
_WRITE_ERRORS = {**PRECONDITION_ERRORS, 404: PROBLEM, 422: PROBLEM}


# `:uuid`: only an event id's URL has PATCH and DELETE. Any other path under /events/ (the
# facets, or a malformed id) is a resource these methods do not apply to, so the router answers
# 405 with the methods it does have in `Allow`, instead of this route refusing the id as a 422.
@router.patch(
    "/events/{event_id:uuid}",
    response_model=EditedEvent,
    responses={**_WRITE_ERRORS, **NOT_AN_ID, 200: {"headers": _ETAG, **json_example(EDITED_EVENT)}},
)
async def patch_event(
    event_id: uuid.UUID,
    body: Annotated[EventPatch, Body(openapi_examples=EVENT_PATCH)],
    session: SessionDep,
    key_id: WriteKey,
    response: Response,
    if_match: IfMatch = None,
) -> EditedEvent:
    """Edit an event; edited fields are never overwritten by later ingestion."""
    event = await editing.patch_event(
        session, event_id=event_id, changes=body.changes(), if_match=if_match, key_id=key_id
    )
    response.headers["ETag"] = resource_etag(event.id, event.version)
    return EditedEvent.model_validate(event, from_attributes=True)


@router.delete(
    "/events/{event_id:uuid}",
    status_code=204,
    responses={**_WRITE_ERRORS, **NOT_AN_ID, 204: {"headers": _ETAG}},
)
async def delete_event(
    event_id: uuid.UUID, session: SessionDep, key_id: WriteKey, if_match: IfMatch = None
) -> Response:
    """Soft-delete an event: reads hide it, its history keeps it; deleting it again is 404."""
    event = await editing.delete_event(session, event_id=event_id, if_match=if_match, key_id=key_id)
    return Response(status_code=204, headers={"ETag": resource_etag(event.id, event.version)})


@router.patch(
    "/pledges/{pledge_id}",
    response_model=EditedPledge,
    responses={**_WRITE_ERRORS, 200: {"headers": _ETAG, **json_example(EDITED_PLEDGE)}},
)
async def patch_pledge(
    pledge_id: uuid.UUID,
    body: Annotated[PledgePatch, Body(openapi_examples=PLEDGE_PATCH)],
    session: SessionDep,
    key_id: WriteKey,
    response: Response,
    if_match: IfMatch = None,
) -> EditedPledge:
    """Edit a pledge; a new status needs `evidence_event_id` (the event that justifies it)."""
    pledge = await editing.patch_pledge(
        session, pledge_id=pledge_id, changes=body.changes(), if_match=if_match, key_id=key_id
    )
    response.headers["ETag"] = resource_etag(pledge.id, pledge.version)
    return EditedPledge.model_validate(pledge, from_attributes=True)


@router.post(
    "/actors/{actor_id}/merge",
    response_model=MergedActor,
    responses={200: json_example(MERGED_ACTOR), 404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
)
async def merge_actor(
    actor_id: Annotated[
        uuid.UUID,
        PathParam(
            description="The discovered duplicate's id.",
            openapi_examples={"lna": {"summary": "Libyan National Army", "value": LNA_ID}},
        ),
    ],
    body: Annotated[ActorMerge, Body(openapi_examples=ACTOR_MERGE)],
    session: SessionDep,
    key_id: WriteKey,
) -> MergedActor:
    """Fold a discovered duplicate into a curated actor: its links and aliases move over."""
    actor, moved = await editing.merge_actor(
        session, actor_id=actor_id, into_id=body.into, key_id=key_id
    )
    assert actor.merged_into_id is not None
    return MergedActor(id=actor.id, merged_into_id=actor.merged_into_id, moved=MergeCounts(**moved))
