"""A calendar date written as ISO 8601 (`YYYY-MM-DD`), and nothing else.

Pydantic's lax date parsing also takes numbers as Unix timestamps (`date_to=0` would be
1970-01-01) and datetimes; a query parameter that is not a plain date is a 422 instead.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

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
