"""The anchor keys of stored sources (`SourceSketch.anchor_keys`, written with the other link
keys): which of them may date a new undated article, found without loading the corpus."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Text, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Source, SourceSketch
from db.repositories.arrays import array_param


async def unrecorded(session: AsyncSession) -> bool:
    """Whether a stored source has no anchor keys (stored before they were kept)."""
    found = await session.scalar(
        select(SourceSketch.source_id).where(SourceSketch.anchor_keys.is_(None)).limit(1)
    )
    return found is not None


# Per key, the sources holding it (through the index), or of those the ones stating their
# publication when :stated.
_COUNTS = text(
    "SELECT k, (SELECT count(*) FROM source_sketches s JOIN sources src ON src.id = s.source_id"
    " WHERE s.anchor_keys @> ARRAY[k] AND (src.published_explicit OR NOT :stated))"
    " FROM unnest(CAST(:keys AS text[])) AS k"
)


async def counts(session: AsyncSession, keys: Sequence[str], *, stated: bool) -> dict[str, int]:
    """Key -> how many stored sources hold it (only those stating their publication when
    `stated`)."""
    if not keys:
        return {}
    rows = await session.execute(_COUNTS, {"keys": sorted(set(keys)), "stated": stated})
    return {key: int(n) for key, n in rows.tuples()}


async def sources_holding(
    session: AsyncSession, keys: Sequence[str], *, stated: bool
) -> list[uuid.UUID]:
    """The stored sources holding one of `keys` (only those stating their publication when
    `stated`), in id order."""
    if not keys:
        return []
    query = (
        select(SourceSketch.source_id)
        .join(Source, Source.id == SourceSketch.source_id)
        .where(SourceSketch.anchor_keys.op("&&")(array_param(sorted(set(keys)), Text())))
        .order_by(SourceSketch.source_id)
    )
    if stated:
        query = query.where(Source.published_explicit.is_(True))
    return list((await session.scalars(query)).all())


async def persons_among(session: AsyncSession, keys: Sequence[str]) -> set[str]:
    """Those of the actor `keys` the stored timeline holds as persons."""
    if not keys:
        return set()
    rows = await session.scalars(
        select(Actor.key).where(Actor.key.in_(sorted(set(keys))), Actor.type == "person")
    )
    return set(rows.all())
