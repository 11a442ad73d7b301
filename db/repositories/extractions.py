"""Stored per-article extractions (see `db.models.SourceExtraction`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Select, Table, any_, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from db.models import Source, SourceExtraction
from db.repositories.arrays import array_param, insert_rows


async def load(
    session: AsyncSession, *, source_ids: Sequence[uuid.UUID], version: str
) -> dict[uuid.UUID, bytes]:
    """Payloads of these sources read by extractor `version` from the text they hold now."""
    found = await load_with_hashes(session, source_ids, version)
    return {source: payload for source, (_, payload) in found.items()}


async def hashes(
    session: AsyncSession, source_ids: Iterable[uuid.UUID], version: str
) -> dict[uuid.UUID, str]:
    """Source -> the hash of its text, of the sources read by extractor `version` from the
    text they hold now."""
    wanted = sorted(set(source_ids))
    if not wanted:
        return {}
    rows = await session.execute(
        _current(wanted, version, SourceExtraction.source_id, SourceExtraction.sha256)
    )
    return dict(rows.tuples().all())


async def load_with_hashes(
    session: AsyncSession, source_ids: Iterable[uuid.UUID], version: str
) -> dict[uuid.UUID, tuple[str, bytes]]:
    """Source -> (the hash of its text, its payload), as `load`: the hash names the text the
    payload was read from (the text may be replaced between two statements)."""
    wanted = sorted(set(source_ids))
    if not wanted:
        return {}
    columns = (SourceExtraction.source_id, SourceExtraction.sha256, SourceExtraction.payload)
    rows = await session.execute(_current(wanted, version, *columns))
    return {source: (sha, payload) for source, sha, payload in rows.tuples()}


def _current(
    source_ids: Sequence[uuid.UUID], version: str, *columns: InstrumentedAttribute[Any]
) -> Select[Any]:
    """`columns` of the extractions of `version` of these sources, read from their text now."""
    return (
        select(*columns)
        .join(Source, Source.id == SourceExtraction.source_id)
        .where(
            SourceExtraction.source_id == any_(array_param(list(source_ids))),
            SourceExtraction.extractor_version == version,
            SourceExtraction.sha256 == Source.sha256,
        )
    )


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


async def save_dated(
    session: AsyncSession, payloads: dict[uuid.UUID, tuple[bytes, bytes | None]]
) -> None:
    """An undated source's reading against its inferred publication, and (None unless the
    first round of inference left it wide) its reading after that round, beside its
    extraction."""
    if not payloads:
        return
    table = cast(Table, SourceExtraction.__table__)
    await session.execute(
        update(table)
        .where(table.c.source_id == bindparam("sid"))
        .values(dated_payload=bindparam("dated"), first_payload=bindparam("first")),
        [{"sid": k, "dated": v, "first": f} for k, (v, f) in payloads.items()],
    )
