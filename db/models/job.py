"""What a queued ingestion job came to: its source, or the problem that stopped it.

The queue itself (procrastinate's tables) says whether a job is queued, running or done; it keeps
no result. This table keeps the result, keyed by procrastinate's job id.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class IngestionJob(Base):
    """The outcome of one `ingest_article` job (written by the worker when the job ends)."""

    __tablename__ = "ingestion_jobs"

    # procrastinate_jobs.id; no foreign key: procrastinate's tables are its own, not our models.
    job_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    finished_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # procrastinate's worker name (`timeline worker --name`): which worker ran the job.
    worker: Mapped[str | None] = mapped_column(String(128))
    source_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL")
    )
    # True: a new source; False: the same text was stored already.
    created: Mapped[bool | None] = mapped_column()
    # The RFC 9457 problem the synchronous route would have answered (failed jobs only).
    problem: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
