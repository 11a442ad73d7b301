"""`/changes`: what was created, updated or deleted since a cursor, so a client can mirror."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import SessionDep
from api.pagination import decode_cursor, encode_cursor, link_header, parse_key, public_url
from api.responses import json_response
from api.schemas.changes import ChangePage
from api.schemas.common import BAD_REQUEST, INVALID, NOT_MODIFIED
from db.repositories import change_feed as repo

router = APIRouter(tags=["changes"])

KIND = "changes"


@router.get(
    "/changes",
    response_model=None,
    responses={200: {"model": ChangePage}, **BAD_REQUEST, **INVALID, **NOT_MODIFIED},
)
async def list_changes(
    request: Request,
    session: SessionDep,
    since: Annotated[
        str | None,
        Query(
            description="Opaque cursor: the `since` of the previous answer (keep it and ask "
            "again later). Omit it to read the whole history from the start. A change being "
            "committed while you read is never skipped: it shows up on a later call.",
            openapi_examples={
                "start": {"summary": "From the start: omit", "value": ""},
                "resume": {
                    "summary": "After a previous answer",
                    # Made by the encoder, so the example stays valid if the cursor's check does.
                    "value": encode_cursor(KIND, (1000, 196)),
                },
            },
        ),
    ] = None,
    entity: Annotated[
        list[Literal["event", "pledge", "actor", "source"]] | None,
        Query(
            description="Only changes of this kind of entity; repeat for several.",
            openapi_examples={"events": {"summary": "Events only", "value": ["event"]}},
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 100,
) -> Response:
    """Created, updated and deleted (tombstoned) events, pledges, actors, sources since a cursor."""
    after = None
    if since:
        txid, ident = parse_key(decode_cursor(since, KIND), int, int)
        after = (txid, ident)
    page = await repo.list_changes(
        session, after=after, entity_types=tuple(entity or ()), limit=limit
    )
    resume = encode_cursor(KIND, page.last_key) if page.last_key is not None else None
    following = None
    if page.more and resume is not None:
        following = public_url(request, since=resume)
    return json_response(
        request,
        {"items": page.items, "next": following, "since": resume},
        headers=link_header(following),
    )
