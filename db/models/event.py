from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, TimestampMixin, new_id
from db.models.vocab import DATE_PRECISIONS, LOCATION_PRECISIONS, check_in


class Event(TimestampMixin, Base):
    """A dated happening. `date_start`/`date_end` are the earliest and latest possible day.

    `edited_fields` lists the fields an editor set: re-ingestion never overwrites them.
    `search` is maintained by the repository from title, summary and every mention's quote.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("date_start <= date_end", name="date_interval"),
        CheckConstraint(check_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(
            check_in("location_precision", LOCATION_PRECISIONS), name="location_precision"
        ),
        Index(None, "place"),
        Index(None, "date_start", "id"),
        Index(None, "date_end"),
        Index(None, "span_days"),
        Index(None, "type"),
        Index(None, "search", postgresql_using="gin"),
        # A `q=` page's walk in date order over live events (migration 0011).
        Index(
            "ix_events_live_date_order",
            "date_start",
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    type: Mapped[str] = mapped_column(String(32))
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(16))
    date_resolved: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    location: Mapped[str | None] = mapped_column(String(200))
    # `location` placed in the gazetteer (seed/registry/places.yaml) at ingestion or edit:
    # the place's key and coordinates, and how precisely they locate the event.
    place: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    location_precision: Mapped[str] = mapped_column(
        String(16), default="none", server_default="none"
    )
    search: Mapped[str | None] = mapped_column(TSVECTOR)
    edited_fields: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default="{}"
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Indexed so that max(span_days) is one index lookup: it bounds date-range scans from below.
    span_days: Mapped[int] = mapped_column(Integer, Computed("date_end - date_start"))
    # Listing columns, kept by the triggers of migration 0003 (never written by the app): the
    # actors as compact JSON ordered by name and role, and the distinct sources and origins of
    # the mentions. A page of events reads them instead of aggregating per event.
    actors_doc: Mapped[Any] = mapped_column(JSON, server_default=text("'[]'"))
    source_count: Mapped[int] = mapped_column(Integer, server_default="0")
    independent_source_count: Mapped[int] = mapped_column(Integer, server_default="0")

    actor_links: Mapped[list[EventActor]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class EventActor(Base):
    """An actor's role in an event.

    `date_start` copies the event's (triggers of migration 0002 set and follow it; writers never
    send it), so the index lists an actor's events in timeline order: an actor's page is one
    index range scan.
    """

    __tablename__ = "event_actors"
    __table_args__ = (Index(None, "actor_id", "date_start", "event_id", "role"),)

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    date_start: Mapped[date] = mapped_column(Date)
