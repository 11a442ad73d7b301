"""The copy samples of stored sources (`seed.link.keys`): the sources a new article may copy
(`seed.fresh_copies`), and how many hold each sampled shingle."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import BigInteger, any_, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import SourceSketch
from db.repositories.arrays import array_param


async def copy_candidates(
    session: AsyncSession, sample: Sequence[int]
) -> list[tuple[uuid.UUID, int, int]]:
    """(source, shared sampled shingles, its shingle count) of sources sharing a sample."""
    if not sample:
        return []
    wanted = array_param(sample, BigInteger())
    shared = (
        select(func.count())
        .select_from(func.unnest(SourceSketch.copies).alias("h"))
        .where(literal_column("h") == any_(wanted))
        .scalar_subquery()
    )
    rows = await session.execute(
        select(SourceSketch.source_id, shared, SourceSketch.copy_size).where(
            SourceSketch.copies.op("&&")(wanted)
        )
    )
    return [(s, int(n), int(size)) for s, n, size in rows.tuples()]


async def copy_postings(session: AsyncSession, sample: Sequence[int]) -> dict[int, int]:
    """Of each sampled shingle, how many stored sources' copy samples hold it (those holding
    none are left out)."""
    if not sample:
        return {}
    wanted = array_param(sample, BigInteger())
    h = func.unnest(SourceSketch.copies).table_valued("h").render_derived(name="h")
    rows = await session.execute(
        select(h.c.h, func.count())
        .select_from(SourceSketch)
        .join(h, literal_column("true"))
        .where(SourceSketch.copies.op("&&")(wanted), h.c.h == any_(wanted))
        .group_by(h.c.h)
    )
    return {int(shingle): int(n) for shingle, n in rows.tuples()}
