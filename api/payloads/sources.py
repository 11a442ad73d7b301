"""Bodies of `POST /sources` (ingest one article)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.payloads.editorial import Day, Text


class SourceSubmission(BaseModel):
    """An article as JSON; `text/plain` bodies carry the text alone."""

    model_config = ConfigDict(extra="forbid")

    text: Text = Field(min_length=1, description="The article text")
    published: Day | None = Field(default=None, description="Publication day, when known")
    title: Text | None = Field(default=None, max_length=1000)
    publisher: Text | None = Field(default=None, max_length=300)
    url: Text | None = Field(default=None, max_length=2000)
    file_name: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$",
        description="Names the source (its slug); default: derived from the text's SHA-256",
    )


class SourceOut(BaseModel):
    id: uuid.UUID
    slug: str
    title: str | None
    publisher: str | None
    url: str | None
    published_start: date
    published_end: date
    published_precision: str
    published_explicit: bool


class ExtractedEvent(BaseModel):
    id: uuid.UUID
    title: str


class ExtractedPledge(BaseModel):
    id: uuid.UUID
    text: str


class IngestedSource(BaseModel):
    created: bool = Field(description="False when the same text was already stored")
    source: SourceOut
    events: list[ExtractedEvent]
    pledges: list[ExtractedPledge]
