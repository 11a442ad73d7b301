"""The change feed: one row per created, updated or deleted event, pledge, actor or source."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Integer, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.models.vocab import CHANGE_KINDS, CHANGED_ENTITIES, check_in


class ChangeLogEntry(Base):
    """Written only by the triggers of migration 0006, never by the application.

    `txid` is the writing transaction's id: `/changes` pages in (txid, id) order and only shows
    transactions older than every one still running, so a change committed late is never
    skipped by a cursor that already went past a newer one.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        CheckConstraint(check_in("entity_type", CHANGED_ENTITIES), name="entity_type"),
        CheckConstraint(check_in("change", CHANGE_KINDS), name="change"),
        Index(None, "txid", "id"),
        Index(None, "entity_type", "entity_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id())::text::bigint")
    )
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[uuid.UUID] = mapped_column()
    change: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
