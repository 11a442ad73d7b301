"""Query parameters shared by several list routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.iso_date import IsoDate, IsoInstant

UpdatedSince = Annotated[
    IsoInstant | None,
    Query(
        description="Only what was created or changed at or after this instant (ISO 8601 with "
        "a time zone; `updated_at` moves when the representation changes). To mirror "
        "deletions too, follow `/changes`.",
        openapi_examples={
            "since": {"summary": "Since an instant", "value": "2026-11-30T12:00:00Z"}
        },
    ),
]

CountParam = Annotated[
    bool,
    Query(
        description="Add `total`, the number of matches over all pages (JSON pages only; it "
        "costs a count of the whole result).",
        openapi_examples={"count": {"summary": "With the total", "value": True}},
    ),
]

AsOf = Annotated[
    IsoDate | None,
    Query(
        description="As sources published by this day told it: only what a source whose "
        "latest possible publication day (`published_end`) is on or before `as_of` reported "
        "counts (conservative for inferred publication dates).",
        openapi_examples={
            "october": {"summary": "As known at the end of October 2021", "value": "2021-10-31"}
        },
    ),
]
