"""`GET /jobs/{id}`: how a queued ingestion (`POST /sources?async=true`) is going."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.responses import Response

from api.auth import WriteKey
from api.deps import SessionDep
from api.errors import NotFound
from api.job_queue import INGEST_TASK
from api.payloads.jobs import EXAMPLES, STATUS_OF, Job, JobLinks
from api.responses import dumps
from api.route_docs import AUTH_ERRORS, PROBLEM
from db.repositories import jobs as repo

router = APIRouter(tags=["sources"], responses=AUTH_ERRORS)

JobId = Annotated[
    str,
    Path(
        description="The job's id (from the `Location` of `POST /sources?async=true`). "
        "Unknown or malformed: 404 problem.",
        openapi_examples={"job": {"summary": "A job", "value": 42}},
    ),
]


def job_view(row: repo.JobRow) -> Job:
    status = STATUS_OF[row.status]
    source = f"/sources/{row.source_id}" if status == "succeeded" and row.source_id else None
    return Job(
        id=row.id,
        status=status,
        file_name=row.file_name,
        queued_at=row.queued_at,
        started_at=row.started_at,
        finished_at=row.finished_at if status in ("succeeded", "failed") else None,
        source_id=row.source_id if status == "succeeded" else None,
        created=row.created if status == "succeeded" else None,
        problem=row.problem if status == "failed" else None,
        links=JobLinks(self=f"/jobs/{row.id}", source=source),
    )


def job_response(job: Job, status_code: int = 200) -> Response:
    """Never cached: a job's status changes without a change to the timeline."""
    headers = {"Cache-Control": "no-store"}
    if status_code == 202:
        headers["Location"] = job.links.self
    return Response(
        dumps(job.model_dump(mode="json")),
        status_code=status_code,
        media_type="application/json",
        headers=headers,
    )


@router.get(
    "/jobs/{job_id}",
    response_model=None,
    responses={
        200: {
            "model": Job,
            "content": {"application/json": {"examples": EXAMPLES}},
        },
        404: {**PROBLEM, "description": "No such ingestion job"},
    },
)
async def get_job(job_id: JobId, session: SessionDep, _key_id: WriteKey) -> Response:
    """A queued ingestion: `queued`, `running`, `succeeded` (with the source's id and link)
    or `failed` (with the problem the synchronous `POST /sources` would have answered).

    Needs a `write` key, like the `POST` that queued it."""
    # A malformed id is a 404 like an unknown one: an id is a name in a URL, not a parameter.
    number = int(job_id) if job_id.isascii() and job_id.isdigit() else 0
    row = None
    if 0 < number < 2**63:
        row = await repo.get(session, job_id=number, task=INGEST_TASK)
    if row is None:
        raise NotFound(f"No ingestion job {job_id}.")
    return job_response(job_view(row))
