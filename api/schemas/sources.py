from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field


class SourceItem(BaseModel):
    id: uuid.UUID
    slug: str
    file_name: str
    title: str | None
    publisher: str | None
    url: str | None
    published_start: date = Field(description="Earliest possible publication day")
    published_end: date = Field(description="Latest possible publication day")
    published_precision: str
    published_explicit: bool = Field(description="False when the date was inferred")
    published_reason: str = Field(description="How the publication date was found")


class SourceListItem(SourceItem):
    mention_count: int


class SourcePage(BaseModel):
    items: list[SourceListItem]
    next: str | None


class TargetEvent(BaseModel):
    id: uuid.UUID
    title: str


class TargetPledge(BaseModel):
    id: uuid.UUID
    text: str


class SourceMention(BaseModel):
    id: uuid.UUID
    quote: str
    char_start: int
    char_end: int
    date_text: str | None
    origin: str
    event: TargetEvent | None
    pledge: TargetPledge | None


class SourceDetail(SourceItem):
    text: str
    mentions: list[SourceMention]
