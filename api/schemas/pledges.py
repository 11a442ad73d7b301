from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.schemas.common import ActorRole


class PledgeItem(BaseModel):
    id: uuid.UUID
    text: str
    made_start: date
    made_end: date
    made_precision: str
    deadline_start: date | None
    deadline_end: date | None
    deadline_precision: str | None
    quantity: int | None
    unit: str | None
    status: str = Field(examples=["broken"])
    status_reason: str
    event_id: uuid.UUID | None
    version: int
    actors: list[ActorRole]


class PledgePage(BaseModel):
    items: list[PledgeItem]
    next: str | None
    total: int | None = Field(
        default=None, description="Matches over all pages; only with `count=true`"
    )


class QuoteSource(BaseModel):
    id: uuid.UUID
    title: str | None
    publisher: str | None
    published_start: date
    published_end: date


class PledgeQuote(BaseModel):
    id: uuid.UUID
    quote: str
    char_start: int
    char_end: int
    date_text: str | None
    source: QuoteSource


class EvidenceEvent(BaseModel):
    id: uuid.UUID
    title: str
    type: str
    date_start: date
    date_end: date
    date_precision: str


class Evidence(BaseModel):
    relation: str = Field(examples=["made_at"])
    note: str | None
    event: EvidenceEvent
    quotes: list[PledgeQuote]


class PledgeDetail(PledgeItem):
    mentions: list[PledgeQuote]
    evidence: list[Evidence]
