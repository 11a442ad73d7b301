"""Uncertain dates in words, for people: "between 1 and 8 October 2021", "October 2021",
"autumn 2021", "2021". Shared by the HTML pages and the TimelineJS export.

`date_start` and `date_end` are the earliest and latest possible day, not a duration: an
interval is worded as the span in which the event happened ("between ..."), never as a
precise day unless both ends are that day. Whole months, seasons and years are named as such,
whatever the stored precision says, so an editor's interval reads as well as an extracted one.
"""

from __future__ import annotations

import calendar
from datetime import date

from seed.extract.dates import SEASONS

_SEASON_BY_MONTHS = {months: name for name, months in SEASONS.items() if name != "fall"}


def _month_starts(d: date) -> bool:
    return d.day == 1


def _month_ends(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _season(start: date, end: date) -> str | None:
    months = (start.month, end.month)
    name = _SEASON_BY_MONTHS.get(months)
    if name is None:
        return None
    span_years = start.year + (1 if start.month > end.month else 0)
    if span_years != end.year:
        return None
    if start.year == end.year:
        return f"{name} {start.year}"
    return f"{name} {start.year}\u2013{end.year}"


def describe_dates(start: date, end: date, precision: str) -> str:
    """The interval [start, end] as a reader should understand it."""
    if precision == "unknown":
        return "date unknown"
    if start == end:
        return _day(start)
    whole_months = _month_starts(start) and _month_ends(end)
    if whole_months:
        if (start.month, end.month) == (1, 12) and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        season = _season(start, end) if precision == "season" else None
        if season is not None:
            return season
        if start.year == end.year:
            return f"between {start:%B} and {end:%B %Y}"
        return f"between {start:%B %Y} and {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"between {start.day} and {_day(end)}"
    if start.year == end.year:
        return f"between {start.day} {start:%B} and {_day(end)}"
    return f"between {_day(start)} and {_day(end)}"


def machine_date(start: date, end: date) -> str | None:
    """The HTML `<time datetime>` value when the interval is one day, month or year, else None
    (HTML has no form for "some day between two days")."""
    if start == end:
        return start.isoformat()
    if not (_month_starts(start) and _month_ends(end)):
        return None
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    if start.year == end.year and (start.month, end.month) == (1, 12):
        return f"{start:%Y}"
    return None
