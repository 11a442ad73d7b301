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


def _utc_instant(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must name its time zone (for example 2026-11-30T12:00:00Z)")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("lies outside the years 1 to 9999 in UTC") from None


IsoInstant = Annotated[datetime, AfterValidator(_utc_instant)]
