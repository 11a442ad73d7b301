from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class Bucket(BaseModel):
    value: str | None = Field(
        description="The type, year (YYYY) or month (YYYY-MM); null counts the events whose "
        "date interval is not within one year (month)."
    )
    count: int


class ActorBucket(BaseModel):
    id: uuid.UUID
    key: str = Field(examples=["khalifa-haftar"])
    name: str = Field(examples=["Khalifa Haftar"])
    count: int


class LocationBucket(BaseModel):
    place: str | None = Field(description="Gazetteer key, null when not placed")
    location: str | None = Field(description="The stored location text of unplaced events")
    name: str | None = Field(examples=["Geneva"])
    count: int


class EventFacets(BaseModel):
    total: int
    type: list[Bucket]
    year: list[Bucket]
    month: list[Bucket]
    actor: list[ActorBucket]
    location: list[LocationBucket]
