"""`POST /sources` and `PUT /sources/{source}` (write scope): ingest or replace one article."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import WriteKey
from api.deps import SessionDep
from api.errors import InvalidParameters, UnsupportedMediaType
from api.ingesting import (
    Ingested,
    article_from_bytes,
    article_from_json,
    ingest_article,
    replace_article,
)
from api.openapi_docs import SOURCE_ID
from api.payloads.jobs import EXAMPLES as JOB_EXAMPLES
from api.payloads.jobs import Job
from api.payloads.sources import (
    ExtractedEvent,
    ExtractedPledge,
    IngestedSource,
    SourceOut,
    SourceSubmission,
)
from api.route_docs import AUTH_ERRORS, NOT_AN_ID, PRECONDITION_ERRORS, PROBLEM
from api.routes.curation import IfMatch
from api.routes.jobs import job_response, job_view
from api.write_examples import INGESTED_SOURCE, SOURCE_BODY, json_example
from db.repositories import jobs as job_rows
from db.repositories import source_ingest
from seed.extract.types import RawArticle

router = APIRouter(tags=["sources"], responses=AUTH_ERRORS)

_INGESTED = json_example(INGESTED_SOURCE)
_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/plain": {
            "schema": {"type": "string", "minLength": 1},
            "examples": SOURCE_BODY["text/plain"],
        },
        "application/json": {
            "schema": SourceSubmission.model_json_schema(),
            "examples": SOURCE_BODY["application/json"],
        },
    },
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _article(request: Request) -> RawArticle:
    media_type = _media_type(request)
    body = await request.body()
    if media_type == "text/plain":
        return article_from_bytes(body)
    if media_type != "application/json":
        raise UnsupportedMediaType(
            f"Send the article as text/plain or application/json, not {media_type or 'nothing'}."
        )
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
    return article_from_json(submission)


def _ingestion_options(request: Request) -> dict[str, Any]:
    state = request.app.state
    return {
        "pool": state.extract_pool,
        "turn": state.ingest_turn,
        "lock_wait": state.settings.ingest_lock_wait,
    }


async def _answer(session: AsyncSession, result: Ingested, response: Response) -> IngestedSource:
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


Asynchronous = Annotated[
    bool,
    Query(
        alias="async",
        description="Queue the article for `timeline worker` instead of ingesting it now: "
        "202 with a job to poll at `Location`. The body is still validated first.",
        openapi_examples={"queue": {"summary": "Queue it", "value": True}},
    ),
]


async def _queue(request: Request, session: AsyncSession, article: RawArticle) -> Response:
    """Defer the validated article; answer its job (read back, as `GET /jobs/{id}` shows it)."""
    from api.job_queue import INGEST_TASK

    job_id = await request.app.state.job_queue.defer_ingestion(article)
    row = await job_rows.get(session, job_id=job_id, task=INGEST_TASK)
    assert row is not None, "a deferred job is committed before its id is returned"
    return job_response(job_view(row), status_code=202)


@router.post(
    "/sources",
    status_code=201,
    response_model=IngestedSource,
    openapi_extra={"requestBody": _BODY},
    responses={
        200: {
            "model": IngestedSource,
            "description": "The same text was already stored",
            **json_example({**INGESTED_SOURCE, "created": False}),
        },
        201: {"headers": {"Location": {"schema": {"type": "string"}}}, **_INGESTED},
        202: {
            "model": Job,
            "description": "`async=true`: queued; poll the job at `Location` (`/jobs/{id}`)",
            "headers": {"Location": {"schema": {"type": "string"}, "example": "/jobs/42"}},
            **json_example(JOB_EXAMPLES["queued"]["value"]),
        },
        409: {**PROBLEM, "description": "The file name belongs to a source with another text"},
        413: PROBLEM,
        415: PROBLEM,
        422: PROBLEM,
    },
)
async def ingest_source(
    request: Request,
    session: SessionDep,
    _key_id: WriteKey,
    response: Response,
    asynchronous: Asynchronous = False,
) -> IngestedSource | Response:
    """Ingest one article (`text/plain` or JSON); 201 when new, 200 when already stored.

    A `file_name` already used by another text is a 409 problem: replace it with `PUT`.
    With `async=true` the article is queued instead (202, a job at `Location`), for the
    workers of `timeline worker`; a body that cannot be an article is still refused at once."""
    article = await _article(request)
    if asynchronous:
        return await _queue(request, session, article)
    result = await ingest_article(session, article=article, **_ingestion_options(request))
    return await _answer(session, result, response)


# One template with `GET /sources/{source}` (OpenAPI forbids two that differ only in the name).
# `:uuid`: only the id's URL takes PUT. The slug's URL is an alias that follows the slug, which
# a new file name may change, so replacing through it would move the resource it names; a PUT
# there is a 405 whose `Allow` says what the slug's URL does take.
@router.put(
    "/sources/{source:uuid}",
    response_model=IngestedSource,
    openapi_extra={"requestBody": _BODY},
    responses={
        200: _INGESTED,
        **PRECONDITION_ERRORS,
        **NOT_AN_ID,
        404: PROBLEM,
        409: {**PROBLEM, "description": "Another source already has this text"},
        413: PROBLEM,
        415: PROBLEM,
        422: PROBLEM,
    },
)
async def replace_source(
    source: Annotated[
        uuid.UUID,
        PathParam(
            description="The source's id (its `id` in `GET /sources`); its slug's URL is "
            "read-only (405).",
            openapi_examples={
                "id": {"summary": "The article on the JMC meeting in Geneva", "value": SOURCE_ID}
            },
        ),
    ],
    request: Request,
    session: SessionDep,
    key_id: WriteKey,
    response: Response,
    if_match: IfMatch = None,
) -> IngestedSource:
    """Replace an article's text and metadata (If-Match: the ETag of `GET /sources/{id}`).

    The article is read again; what editors set on its events and pledges is kept, and the
    change is recorded in the audit log."""
    result = await replace_article(
        session,
        source_id=source,
        article=await _article(request),
        if_match=if_match,
        key_id=key_id,
        **_ingestion_options(request),
    )
    return await _answer(session, result, response)
