"""The audit log: one row per editorial change (who, when, what before and after)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry


def jsonable(value: Any) -> Any:
    """Dates and ids as the API renders them, so before/after read like the resource itself."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


async def record(
    session: AsyncSession,
    *,
    entity_type: str,
    entity_id: uuid.UUID,
    action: str,
    key_id: uuid.UUID | None,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    changed_fields: Sequence[str] = (),
) -> AuditEntry:
    entry = AuditEntry(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        key_id=key_id,
        before={k: jsonable(v) for k, v in before.items()} if before is not None else None,
        after={k: jsonable(v) for k, v in after.items()} if after is not None else None,
        changed_fields=list(changed_fields),
    )
    session.add(entry)
    await session.flush()
    await session.refresh(entry, ["at"])
    return entry


async def history(
    session: AsyncSession, *, entity_type: str, entity_id: uuid.UUID
) -> Sequence[AuditEntry]:
    """Changes of one entity, oldest first."""
    result = await session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    )
    return result.all()
