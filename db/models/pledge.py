from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TimestampMixin, new_id
from db.models.vocab import DATE_PRECISIONS, PLEDGE_STATUSES, check_in


class Pledge(TimestampMixin, Base):
    """A commitment: who promised what, when, by when, how many, and how it stands."""

    __tablename__ = "pledges"
    __table_args__ = (
        CheckConstraint("made_start <= made_end", name="made_interval"),
        CheckConstraint("deadline_start <= deadline_end", name="deadline_interval"),
        CheckConstraint(check_in("made_precision", DATE_PRECISIONS), name="made_precision"),
        CheckConstraint(
            "deadline_precision IS NULL OR " + check_in("deadline_precision", DATE_PRECISIONS),
            name="deadline_precision",
        ),
        CheckConstraint(check_in("status", PLEDGE_STATUSES), name="status"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity"),
        Index(None, "status"),
        Index(None, "deadline_end"),
        Index(None, "made_start", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    text: Mapped[str] = mapped_column(Text)
    made_start: Mapped[date] = mapped_column(Date)
    made_end: Mapped[date] = mapped_column(Date)
    made_precision: Mapped[str] = mapped_column(String(16))
    deadline_start: Mapped[date | None] = mapped_column(Date)
    deadline_end: Mapped[date | None] = mapped_column(Date)
    deadline_precision: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(32))
    status_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    edited_fields: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default="{}"
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PledgeActor(Base):
    __tablename__ = "pledge_actors"
    __table_args__ = (Index(None, "actor_id", "pledge_id"),)

    pledge_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class PledgeEvidence(Base):
    """An event that bears on a pledge's status (made at, progress, fulfils, breaks)."""

    __tablename__ = "pledge_evidence"
    __table_args__ = (Index(None, "event_id"),)

    pledge_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    relation: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
