"""`POST /sources` (write scope): ingest one article."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from api.auth import WriteKey
from api.deps import SessionDep
from api.errors import InvalidParameters, UnsupportedMediaType
from api.ingesting import article_from_bytes, article_from_json, ingest_article
from api.payloads.sources import (
    ExtractedEvent,
    ExtractedPledge,
    IngestedSource,
    SourceOut,
    SourceSubmission,
)
from api.route_docs import AUTH_ERRORS, PROBLEM
from db.repositories import source_ingest

router = APIRouter(tags=["sources"], responses=AUTH_ERRORS)

_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
        "application/json": {"schema": SourceSubmission.model_json_schema()},
    },
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


@router.post(
    "/sources",
    status_code=201,
    response_model=IngestedSource,
    openapi_extra={"requestBody": _BODY},
    responses={
        200: {"model": IngestedSource, "description": "The same text was already stored"},
        201: {"headers": {"Location": {"schema": {"type": "string"}}}},
        413: PROBLEM,
        415: PROBLEM,
        422: PROBLEM,
    },
)
async def ingest_source(
    request: Request, session: SessionDep, _key_id: WriteKey, response: Response
) -> IngestedSource:
    """Ingest one article (`text/plain` or JSON); 201 when new, 200 when already stored."""
    media_type = _media_type(request)
    body = await request.body()
    if media_type == "text/plain":
        article = article_from_bytes(body)
    elif media_type == "application/json":
        try:
            submission = SourceSubmission.model_validate(orjson.loads(body))
        except orjson.JSONDecodeError as exc:
            raise InvalidParameters(
                "The body is not valid JSON.",
                [{"name": "body", "in": "body", "reason": str(exc)}],
            ) from exc
        except ValidationError as exc:
            params = [
                {
                    "name": ".".join(str(p) for p in e["loc"]) or "body",
                    "in": "body",
                    "reason": e["msg"],
                }
                for e in exc.errors()
            ]
            raise InvalidParameters("Invalid article submission.", params) from exc
        article = article_from_json(submission)
    else:
        raise UnsupportedMediaType(
            f"Send the article as text/plain or application/json, not {media_type or 'nothing'}."
        )
    result = await ingest_article(session, article=article)
    source = result.source
    events = await source_ingest.extracted_events(session, source_id=source.id)
    pledges = await source_ingest.extracted_pledges(session, source_id=source.id)
    response.status_code = 201 if result.created else 200
    response.headers["Location"] = f"/sources/{source.id}"
    return IngestedSource(
        created=result.created,
        source=SourceOut.model_validate(source, from_attributes=True),
        events=[ExtractedEvent(id=i, title=t) for i, t in events],
        pledges=[ExtractedPledge(id=i, text=t) for i, t in pledges],
    )
