from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.common import ActorRole


class EventItem(BaseModel):
    id: uuid.UUID
    title: str = Field(examples=["Permanent ceasefire agreement signed in Geneva"])
    summary: str
    type: str = Field(examples=["agreement"])
    date_start: date = Field(description="Earliest possible day", examples=["2020-10-23"])
    date_end: date = Field(description="Latest possible day", examples=["2020-10-23"])
    date_precision: str = Field(examples=["day"])
    date_resolved: bool
    location: str | None = Field(examples=["Geneva"])
    place: str | None = Field(
        description="Key of the gazetteer place `location` names", examples=["geneva"]
    )
    latitude: float | None = Field(examples=[46.2044])
    longitude: float | None = Field(examples=[6.1432])
    location_precision: str = Field(
        description="How precisely `latitude`/`longitude` locate the event: `place` (the city "
        "or site itself), `region`, `country`, `none` (not placed). Unrelated to "
        "`date_precision`.",
        examples=["place"],
    )
    version: int
    updated_at: datetime
    actors: list[ActorRole]
    sources: int = Field(description="Distinct sources mentioning the event")
    independent_sources: int = Field(
        description="Distinct origins: syndicated or copied text counts once"
    )


class EventPage(BaseModel):
    items: list[EventItem]
    next: str | None = Field(description="Absolute URL of the next page, or null")
    total: int | None = Field(
        default=None, description="Matches over all pages; only with `count=true`"
    )


class MentionSource(BaseModel):
    id: uuid.UUID
    slug: str
    title: str | None
    publisher: str | None
    url: str | None
    published_start: date
    published_end: date
    published_precision: str
    published_explicit: bool


class EventMention(BaseModel):
    id: uuid.UUID
    quote: str
    char_start: int
    char_end: int
    date_text: str | None
    origin: str
    source: MentionSource


class EventPledge(BaseModel):
    id: uuid.UUID
    text: str
    status: str
    made_start: date
    made_end: date
    made_precision: str
    deadline_start: date | None
    deadline_end: date | None
    deadline_precision: str | None


class EventDetail(EventItem):
    mentions: list[EventMention]
    pledges: list[EventPledge]


class TimelineDate(BaseModel):
    year: int
    month: int | None = None
    day: int | None = None


class TimelineText(BaseModel):
    headline: str
    text: str


class TimelineEvent(BaseModel):
    # No end_date: an event's interval is uncertainty, not a duration (display_date words it).
    start_date: TimelineDate = Field(description="Only the units both ends of the interval share")
    text: TimelineText = Field(description="HTML: escaped text and a credit linking each source")
    group: str | None = Field(
        default=None, description="The event type; absent on the notice slide of an empty result"
    )
    unique_id: str
    display_date: str


class TimelineTitle(BaseModel):
    text: TimelineText


class Timeline(BaseModel):
    """TimelineJS3 JSON (Knight Lab)."""

    title: TimelineTitle
    events: list[TimelineEvent]
