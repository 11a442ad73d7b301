from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class SourceExtraction(Base):
    """What the per-article stage read from one source, kept so that it is never read again
    while the text (`sha256`) and the extractor (`extractor_version`) stay the same.

    `payload` is the compressed pickle of a `seed.extract.article.ArticleExtraction`: written and
    read only by the pipeline, never by the API.
    """

    __tablename__ = "source_extractions"

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
