from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TimestampMixin


class Mention(TimestampMixin, Base):
    """Where one source states an event or a pledge: the exact quote and its offsets.

    `origin` groups near-identical paragraphs (copied wire text, syndicated reprints): the
    number of distinct origins of an event is its count of independent sources.
    """

    __tablename__ = "mentions"
    __table_args__ = (
        CheckConstraint("num_nonnulls(event_id, pledge_id) = 1", name="one_target"),
        CheckConstraint("char_start >= 0 AND char_start < char_end", name="offsets"),
        Index(None, "event_id"),
        Index(None, "pledge_id"),
        Index(None, "source_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    pledge_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pledges.id", ondelete="CASCADE")
    )
    quote: Mapped[str] = mapped_column(Text)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    date_text: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(64))
