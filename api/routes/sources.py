"""`/sources`: the articles, and everything extracted from each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from api.deps import SessionDep
from api.errors import NotFound
from api.openapi_docs import SOURCE_SLUG
from api.pagination import date_uuid_key, next_url
from api.responses import json_response, page_response
from api.routes.list_params import UpdatedSince
from api.schemas.common import BAD_REQUEST, INVALID, NOT_FOUND, NOT_MODIFIED
from api.schemas.sources import SourceDetail, SourcePage
from db.repositories import sources as repo

router = APIRouter(tags=["sources"])


@router.get(
    "/sources",
    response_model=None,
    responses={200: {"model": SourcePage}, **BAD_REQUEST, **INVALID, **NOT_MODIFIED},
)
async def list_sources(
    request: Request,
    session: SessionDep,
    updated_since: UpdatedSince = None,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
) -> Response:
    """Sources by publication date, with how each date was found."""
    after = date_uuid_key(cursor or None, "sources")
    items, key = await repo.list_sources(
        session, after=after, limit=limit, updated_since=updated_since
    )
    return page_response(request, items, next_url(request, "sources", key))


@router.get(
    "/sources/{source}",
    response_model=None,
    responses={200: {"model": SourceDetail}, **NOT_FOUND, **INVALID, **NOT_MODIFIED},
)
async def get_source(
    request: Request,
    session: SessionDep,
    source: Annotated[
        str,
        Path(
            description="Source id (UUID) or slug. Unknown: 404 problem.",
            openapi_examples={"slug": {"summary": "Slug", "value": SOURCE_SLUG}},
        ),
    ],
) -> Response:
    """One source: its text, publication interval and every quote extracted from it."""
    found = await repo.get_source(session, ref=source)
    if found is None:
        raise NotFound(f"No source with id or slug {source!r}.")
    return json_response(request, found)
