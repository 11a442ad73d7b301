"""Queued ingestion jobs: procrastinate's job row (status, times) with our recorded outcome."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models.job import IngestionJob


@dataclass(frozen=True, slots=True)
class JobRow:
    id: int
    # procrastinate's status: todo, doing, succeeded, failed, cancelled, aborting, aborted.
    status: str
    file_name: str
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    worker: str | None
    source_id: uuid.UUID | None
    created: bool | None
    problem: dict[str, Any] | None


# Only jobs of `task` are visible (the queue may carry other tasks one day). The times come from
# procrastinate's event log: the first deferral, the latest start (a retried job starts again).
_GET = text(
    """
    SELECT j.id, j.status::text AS status, j.args #>> '{article,file_name}' AS file_name,
           (SELECT min(e.at) FROM procrastinate_events e
             WHERE e.job_id = j.id AND e.type = 'deferred') AS queued_at,
           (SELECT max(e.at) FROM procrastinate_events e
             WHERE e.job_id = j.id AND e.type = 'started') AS started_at,
           (SELECT max(e.at) FROM procrastinate_events e
             WHERE e.job_id = j.id AND e.type IN ('succeeded', 'failed', 'cancelled', 'aborted'))
             AS finished_at,
           r.worker, r.source_id, r.created, r.problem
      FROM procrastinate_jobs j
      LEFT JOIN ingestion_jobs r ON r.job_id = j.id
     WHERE j.id = :id AND j.task_name = :task
    """
)


async def get(session: AsyncSession, *, job_id: int, task: str) -> JobRow | None:
    row = (await session.execute(_GET, {"id": job_id, "task": task})).mappings().first()
    return JobRow(**row) if row is not None else None


async def record(
    session: AsyncSession,
    *,
    job_id: int,
    worker: str | None,
    source_id: uuid.UUID | None = None,
    created: bool | None = None,
    problem: dict[str, Any] | None = None,
) -> None:
    """The job's outcome (a retried job's later outcome replaces the earlier one)."""
    values = {
        "job_id": job_id,
        "worker": worker,
        "source_id": source_id,
        "created": created,
        "problem": problem,
    }
    statement = insert(IngestionJob).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[IngestionJob.job_id],
            set_={
                "worker": statement.excluded.worker,
                "source_id": statement.excluded.source_id,
                "created": statement.excluded.created,
                "problem": statement.excluded.problem,
                "finished_at": statement.excluded.finished_at,
            },
        )
    )
    await session.flush()
