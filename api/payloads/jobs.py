"""The job resource of a queued ingestion (`POST /sources?async=true`, `GET /jobs/{id}`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

JobStatus = Literal["queued", "running", "succeeded", "failed"]

# procrastinate's statuses as a client needs them: a cancelled or aborted job will not run.
STATUS_OF: dict[str, JobStatus] = {
    "todo": "queued",
    "doing": "running",
    "succeeded": "succeeded",
    "failed": "failed",
    "cancelled": "failed",
    "aborting": "running",
    "aborted": "failed",
}

_QUEUED: dict[str, Any] = {
    "id": 42,
    "status": "queued",
    "file_name": "geneva-talks.txt",
    "queued_at": "2026-11-30T18:30:44.093014Z",
    "started_at": None,
    "finished_at": None,
    "source_id": None,
    "created": None,
    "problem": None,
    "links": {"self": "/jobs/42", "source": None},
}
_SUCCEEDED: dict[str, Any] = {
    **_QUEUED,
    "status": "succeeded",
    "started_at": "2026-11-30T18:30:44.120551Z",
    "finished_at": "2026-11-30T18:30:45.002310Z",
    "source_id": "a5d8a5d6-c35c-5cda-be4f-dc628275e4e2",
    "created": True,
    "links": {"self": "/jobs/42", "source": "/sources/a5d8a5d6-c35c-5cda-be4f-dc628275e4e2"},
}
_FAILED: dict[str, Any] = {
    **_QUEUED,
    "status": "failed",
    "started_at": "2026-11-30T18:30:44.120551Z",
    "finished_at": "2026-11-30T18:30:44.180107Z",
    "problem": {
        "type": "https://libya-timeline.example/problems/conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "The file name 'geneva-talks.txt' belongs to source "
        "a5d8a5d6-c35c-5cda-be4f-dc628275e4e2, which has another text. To replace that text, "
        "PUT /sources/a5d8a5d6-c35c-5cda-be4f-dc628275e4e2 with If-Match.",
        "instance": "/jobs/42",
        "source_id": "a5d8a5d6-c35c-5cda-be4f-dc628275e4e2",
    },
}
EXAMPLES: dict[str, dict[str, Any]] = {
    "queued": {"summary": "Queued, not started", "value": _QUEUED},
    "succeeded": {"summary": "Done: the source", "value": _SUCCEEDED},
    "failed": {
        "summary": "Failed: the problem the synchronous route would answer",
        "value": _FAILED,
    },
}


class JobLinks(BaseModel):
    self: str
    source: str | None = Field(description="The ingested source, once the job succeeded")


class Job(BaseModel):
    """A queued ingestion. Poll `links.self` until `status` is `succeeded` or `failed`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_QUEUED, _SUCCEEDED, _FAILED]})

    id: int
    status: JobStatus
    file_name: str
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    source_id: uuid.UUID | None = Field(description="Set when the job succeeded")
    created: bool | None = Field(
        description="Succeeded: true for a new source, false when the same text was stored"
    )
    problem: dict[str, Any] | None = Field(
        description="Failed: the RFC 9457 problem the synchronous `POST /sources` would answer"
    )
    links: JobLinks
