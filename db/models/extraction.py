from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY
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
    # An undated article's reading against the publication the last linking inferred (same
    # form as `payload`): an incremental linking reads it as is instead of reading it again.
    dated_payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Of one the first round of inference left wide, its reading after that round: what the
    # second round weighs it as (`seed.fresh_undated`).
    first_payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SourceSketch(Base):
    """What finds the stored sources a new article can touch, without loading the corpus
    (see `seed.link.keys`): the sketch hashes of its paragraphs (near-duplicate candidates), a
    sample of its text's shingles (copies), the persons its relative dates name when it is
    undated (it may be re-dated by an article reporting them) or the keys of its anchoring
    happenings when dated (they may date a new undated one), and the near-duplicate group
    of each paragraph as of the last linking (`spans` holds start, end pairs)."""

    __tablename__ = "source_sketches"
    __table_args__ = (
        Index("ix_source_sketches_paragraphs", "paragraphs", postgresql_using="gin"),
        Index("ix_source_sketches_copies", "copies", postgresql_using="gin"),
        Index("ix_source_sketches_undated_persons", "undated_persons", postgresql_using="gin"),
        Index("ix_source_sketches_anchor_keys", "anchor_keys", postgresql_using="gin"),
    )

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    paragraphs: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    paragraph_spans: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    copies: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    copy_size: Mapped[int] = mapped_column(Integer)
    undated_persons: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # Of a dated source, the keys of its happenings that may anchor an undated article's
    # date; None when stored before they were kept (a new undated article then links the
    # whole corpus).
    anchor_keys: Mapped[list[str] | None] = mapped_column(ARRAY(Text), nullable=True)
    # Of an undated source, whether the first round of inference left it wide (the second
    # dated it again from undated ones too: `seed.fresh_undated`); None as `anchor_keys`.
    first_round_wide: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    spans: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    origins: Mapped[list[str]] = mapped_column(ARRAY(Text))


class EventBlock(Base):
    """The (month, key) blocks of a stored event, as the merge step indexes its clusters
    (`seed.link.merge`): a new candidate can only join an event sharing one of its blocks.
    With them, the days the dates of its mentions cover (None: not known, stored before they
    were kept): a candidate is only compared with what its own date overlaps."""

    __tablename__ = "event_blocks"
    __table_args__ = (Index("ix_event_blocks_blocks", "blocks", postgresql_using="gin"),)

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    blocks: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # The days its mentions' dates cover: disjoint intervals, sorted (`seed.link.keys`).
    member_starts: Mapped[list[date] | None] = mapped_column(ARRAY(Date))
    member_ends: Mapped[list[date] | None] = mapped_column(ARRAY(Date))


class MemberReading(Base):
    """What the merge step read of one stored mention (`kind` event or pledge; `date_text`
    '' for none): the candidates with those quote offsets in the reading of its source's text
    `sha256`, serialised (`seed.member_readings`). An incremental linking reads these for the
    events a new article can touch, instead of the whole readings of their sources."""

    __tablename__ = "member_readings"

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    char_start: Mapped[int] = mapped_column(Integer, primary_key=True)
    char_end: Mapped[int] = mapped_column(Integer, primary_key=True)
    date_text: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
