"""Stored per-article extractions (see `db.models.SourceExtraction`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, any_, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Source, SourceExtraction
from db.repositories.arrays import array_param, insert_rows


async def load(
    session: AsyncSession, *, source_ids: Sequence[uuid.UUID], version: str
) -> dict[uuid.UUID, bytes]:
    """Payloads of these sources read by extractor `version` from the text they hold now."""
    if not source_ids:
        return {}
    rows = await session.execute(
        select(SourceExtraction.source_id, SourceExtraction.payload)
        .join(Source, Source.id == SourceExtraction.source_id)
        .where(
            SourceExtraction.source_id == any_(array_param(source_ids)),
            SourceExtraction.extractor_version == version,
            SourceExtraction.sha256 == Source.sha256,
        )
    )
    return dict(rows.tuples().all())


async def save(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace (source_id, sha256, extractor_version, payload) rows."""
    columns = ["source_id", "sha256", "extractor_version", "payload"]
    for i in range(0, len(rows), 500):
        # One array per column: a multi-row VALUES was four bound parameters per row to
        # compile and send.
        stmt = insert_rows(SourceExtraction, rows[i : i + 500], columns)
        stmt = stmt.on_conflict_do_update(
            constraint="pk_source_extractions",
            set_={
                "sha256": stmt.excluded.sha256,
                "extractor_version": stmt.excluded.extractor_version,
                "payload": stmt.excluded.payload,
                "created_at": func.now(),
            },
        )
        await session.execute(stmt)


async def forget_all(session: AsyncSession) -> None:
    """Drop every stored extraction (a full re-read)."""
    await session.execute(delete(SourceExtraction))


async def save_dated(session: AsyncSession, payloads: dict[uuid.UUID, bytes]) -> None:
    """An undated source's reading against its inferred publication, beside its extraction."""
    if not payloads:
        return
    table = cast(Table, SourceExtraction.__table__)
    await session.execute(
        update(table)
        .where(table.c.source_id == bindparam("sid"))
        .values(dated_payload=bindparam("dated")),
        [{"sid": k, "dated": v} for k, v in payloads.items()],
    )
