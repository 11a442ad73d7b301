"""Reads of the stored copy samples (`db.repositories.copy_samples`)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.copy_samples import copy_postings
from tests.db.rows import insert_sources


async def three_sources(session: AsyncSession) -> list[uuid.UUID]:
    """Three stored sources, with copy samples [1, 2, 3], [2, 3] and [3]."""
    sources = [uuid.UUID(int=n) for n in (31, 32, 33)]
    samples = ([1, 2, 3], [2, 3], [3])
    await insert_sources(
        session,
        [(s, {"copies": c, "copy_size": 40}) for s, c in zip(sources, samples, strict=True)],
    )
    return sources


async def test_copy_postings_count_the_sources_holding_each_sampled_shingle(
    session: AsyncSession,
) -> None:
    await three_sources(session)
    assert await copy_postings(session, [3, 2, 9]) == {2: 2, 3: 3}
    assert await copy_postings(session, []) == {}
