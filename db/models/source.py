from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TimestampMixin, new_id
from db.models.vocab import DATE_PRECISIONS, check_in


class Source(TimestampMixin, Base):
    """One article. Its publication date is an interval: explicit (from the article) or inferred."""

    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("slug"),
        UniqueConstraint("sha256"),
        CheckConstraint("published_start <= published_end", name="published_interval"),
        CheckConstraint(
            check_in("published_precision", DATE_PRECISIONS), name="published_precision"
        ),
        Index(None, "published_start", "published_end"),
        # The latest publication (what pledges are rated as of), read with every new article.
        Index(None, "published_end"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    published_start: Mapped[date] = mapped_column(Date)
    published_end: Mapped[date] = mapped_column(Date)
    published_precision: Mapped[str] = mapped_column(String(16))
    published_explicit: Mapped[bool] = mapped_column(Boolean)
    published_reason: Mapped[str] = mapped_column(Text)
