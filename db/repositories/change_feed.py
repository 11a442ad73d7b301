"""Reads of the change feed (`change_log`, written by the triggers of migration 0006)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Text, cast, func, literal, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ChangeLogEntry

# (txid, id) of the last change a client has seen.
ChangeKey = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ChangePage:
    items: list[dict[str, Any]]
    # Key of the last item returned (or the one given when there was none): where to resume.
    last_key: ChangeKey | None
    more: bool


def _as_bigint(xid8: Any) -> Any:
    # xid8 has no direct cast to bigint; its text form is the 64-bit number.
    return cast(cast(xid8, Text), BigInteger)


def settled() -> Any:
    """Changes no cursor can overtake: written by transactions older than every transaction
    still running (a transaction that started earlier may still commit rows with smaller ids),
    or by the reader's own transaction."""
    horizon = _as_bigint(func.pg_snapshot_xmin(func.pg_current_snapshot()))
    own = _as_bigint(func.pg_current_xact_id_if_assigned())
    return or_(ChangeLogEntry.txid < horizon, ChangeLogEntry.txid == own)


async def list_changes(
    session: AsyncSession,
    *,
    after: ChangeKey | None,
    entity_types: tuple[str, ...] = (),
    limit: int = 100,
) -> ChangePage:
    """Changes in the order their transactions settled, oldest first."""
    stmt = select(
        ChangeLogEntry.txid,
        ChangeLogEntry.id,
        ChangeLogEntry.entity_type,
        ChangeLogEntry.entity_id,
        ChangeLogEntry.change,
        ChangeLogEntry.version,
        ChangeLogEntry.at,
    ).where(settled())
    if after is not None:
        stmt = stmt.where(
            tuple_(ChangeLogEntry.txid, ChangeLogEntry.id)
            > tuple_(literal(after[0], BigInteger), literal(after[1], BigInteger))
        )
    if entity_types:
        stmt = stmt.where(ChangeLogEntry.entity_type.in_(entity_types))
    stmt = stmt.order_by(ChangeLogEntry.txid, ChangeLogEntry.id).limit(limit + 1)
    rows = (await session.execute(stmt)).all()
    page = rows[:limit]
    items = [
        {
            "entity": r.entity_type,
            "id": r.entity_id,
            "change": r.change,
            "version": r.version,
            "at": r.at,
        }
        for r in page
    ]
    last_key = (page[-1].txid, page[-1].id) if page else after
    return ChangePage(items=items, last_key=last_key, more=len(rows) > limit)
