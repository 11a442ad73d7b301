"""A calendar date written as ISO 8601 (`YYYY-MM-DD`), and an instant with a time zone.

Pydantic's lax date parsing also takes numbers as Unix timestamps (`date_to=0` would be
1970-01-01) and datetimes; a query parameter that is not a plain date is a 422 instead.
An instant must name its time zone and lie where UTC can hold it: the database compares it in
UTC, and `0001-01-01T00:00:00+14:00` is a day before the first day PostgreSQL's driver can send.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("must be an ISO 8601 date, YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("is not a calendar day (YYYY-MM-DD)") from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


# Date, time to the minute at least, then seconds, fractions and the zone as ISO 8601 allows.
_ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?.*")


def _iso_instant(value: Any) -> Any:
    """Pydantic would also read `0.5` as half a second after the Unix epoch."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_INSTANT.fullmatch(value):
        raise ValueError("must be an ISO 8601 instant, such as 2026-11-30T12:00:00Z")
    return value


def _utc_instant(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must name its time zone (for example 2026-11-30T12:00:00Z)")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("lies outside the years 1 to 9999 in UTC") from None


IsoInstant = Annotated[datetime, BeforeValidator(_iso_instant), AfterValidator(_utc_instant)]
