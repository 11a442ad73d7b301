"""Bodies of the curation endpoints: PATCH events and pledges, merge actors, history."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from api.iso_date import IsoDate

DatePrecision = Literal["day", "week", "month", "season", "quarter", "year", "range", "unknown"]
PledgeStatus = Literal["not_yet_rated", "in_the_works", "stalled", "compromise", "kept", "broken"]
# The kinds the extraction assigns (see tests/gold/seed-gold.yaml) plus "other" for editors.
EventType = Literal[
    "political",
    "military",
    "agreement",
    "report",
    "statement",
    "diplomatic",
    "election",
    "meeting",
    "withdrawal",
    "ceasefire",
    "other",
]
# Outside this range a date is a typo, not history; also keeps fuzzed years out of the index.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


# PostgreSQL text cannot hold NUL: refuse it as a 422 instead of failing in the database.
def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _plausible(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must lie between {EARLIEST} and {LATEST}")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
# ISO 8601 days only: a number in a JSON body is not a day (`"published": 0`).
Day = Annotated[IsoDate, AfterValidator(_plausible)]


class _Patch(BaseModel):
    """Only the fields sent are changed; fields in `_required` may not be set to null."""

    # minProperties: the schema says what the validator below refuses (an empty edit).
    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})
    _required: frozenset[str] = frozenset()

    @model_validator(mode="after")
    def _not_null(self) -> _Patch:
        nulls = sorted(
            f for f in self.model_fields_set & self._required if getattr(self, f) is None
        )
        if nulls:
            raise ValueError(f"cannot be null: {', '.join(nulls)}")
        if not self.model_fields_set:
            raise ValueError("no field to change")
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(include=self.model_fields_set)


class EventPatch(_Patch):
    _required = frozenset({"title", "summary", "type", "date_start", "date_end", "date_precision"})

    title: Text | None = Field(default=None, min_length=1, max_length=500)
    summary: Text | None = Field(default=None, max_length=20_000)
    type: EventType | None = None
    date_start: Day | None = Field(default=None, description="Earliest possible day")
    date_end: Day | None = Field(default=None, description="Latest possible day")
    date_precision: DatePrecision | None = None
    location: Text | None = Field(default=None, max_length=200)


class PledgePatch(_Patch):
    _required = frozenset({"text", "status", "status_reason"})

    text: Text | None = Field(default=None, min_length=1, max_length=20_000)
    status: PledgeStatus | None = Field(
        default=None, description="Changing it requires `evidence_event_id`"
    )
    status_reason: Text | None = Field(default=None, max_length=5_000)
    evidence_event_id: uuid.UUID | None = Field(
        default=None, description="The event that justifies the new status"
    )
    deadline_start: Day | None = None
    deadline_end: Day | None = None
    deadline_precision: DatePrecision | None = None
    quantity: int | None = Field(default=None, ge=0, le=10_000_000)
    unit: Text | None = Field(default=None, max_length=100)


class EditedEvent(BaseModel):
    id: uuid.UUID
    title: str
    summary: str
    type: str
    date_start: date
    date_end: date
    date_precision: str
    location: str | None
    edited_fields: list[str]
    version: int


class EditedPledge(BaseModel):
    id: uuid.UUID
    text: str
    status: str
    status_reason: str
    deadline_start: date | None
    deadline_end: date | None
    deadline_precision: str | None
    quantity: int | None
    unit: str | None
    edited_fields: list[str]
    version: int


class ActorMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: uuid.UUID = Field(description="The curated actor that absorbs this one")


class MergeCounts(BaseModel):
    event_links: int
    pledge_links: int
    aliases: int


class MergedActor(BaseModel):
    id: uuid.UUID
    merged_into_id: uuid.UUID
    moved: MergeCounts


class Change(BaseModel):
    id: int
    action: Literal["update", "delete", "merge", "create", "revoke"]
    at: datetime
    key_id: uuid.UUID | None = Field(description="The API key that made the change")
    changed_fields: list[str]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class History(BaseModel):
    items: list[Change]
    next: str | None = None
