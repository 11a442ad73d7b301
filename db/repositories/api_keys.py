"""API keys: create, find by prefix, list, revoke. Only the SHA-256 of a key is stored."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ApiKey


async def create(
    session: AsyncSession, *, name: str, prefix: str, key_hash: str, scopes: Sequence[str]
) -> ApiKey:
    key = ApiKey(name=name, prefix=prefix, key_hash=key_hash, scopes=sorted(set(scopes)))
    session.add(key)
    await session.flush()
    await session.refresh(key, ["created_at"])
    return key


async def get_by_prefix(session: AsyncSession, *, prefix: str) -> ApiKey | None:
    found: ApiKey | None = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    return found


async def get(session: AsyncSession, *, key_id: uuid.UUID) -> ApiKey | None:
    return await session.get(ApiKey, key_id)


async def find(session: AsyncSession, *, id_or_prefix: str) -> ApiKey | None:
    """A key by its id or its public prefix (what the CLI accepts)."""
    try:
        as_id: uuid.UUID | None = uuid.UUID(id_or_prefix)
    except ValueError:
        as_id = None
    condition = ApiKey.prefix == id_or_prefix
    if as_id is not None:
        condition = or_(condition, ApiKey.id == as_id)
    found: ApiKey | None = await session.scalar(select(ApiKey).where(condition))
    return found


async def get_all(session: AsyncSession) -> Sequence[ApiKey]:
    result = await session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id))
    return result.all()


async def revoke(session: AsyncSession, *, key_id: uuid.UUID) -> bool:
    """Set revoked_at unless already set; True when this call revoked it."""
    result = await session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=func.now())
        .returning(ApiKey.id)
    )
    revoked = result.first() is not None
    if revoked:
        key = await session.get(ApiKey, key_id)
        if key is not None:
            await session.refresh(key, ["revoked_at"])
    return revoked
