"""Query parameters shared by several list routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query

UpdatedSince = Annotated[
    datetime | None,
    Query(
        description="Only what was created or changed at or after this instant (ISO 8601 with "
        "a time zone; `updated_at` moves when the representation changes). To mirror "
        "deletions too, follow `/changes`.",
        openapi_examples={
            "since": {"summary": "Since an instant", "value": "2026-11-30T12:00:00Z"}
        },
    ),
]
