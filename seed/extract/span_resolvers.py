"""Resolvers of spans and parts of a period: "the first week of June", "at the start of the
month", "from June 14 to June 16", "on Monday and Tuesday" (see `seed.extract.dates`).

Each takes the match, one publication day and the direction of the governing clause, like
those of `seed.extract.date_resolvers`, whose placing of a yearless day or month they share.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.calendar_math import MONTHS, WEEKDAYS, month_bounds, month_no, week_start
from seed.extract.date_resolvers import place_day, place_month, safe_day
from seed.extract.tense import Direction
from seed.extract.types import DatePrecision


def part_of_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    """ "the first week of June" = 1-7 June, "the last week of June" = its last seven days,
    "the second half of May" = 16-31 May; the year as for a bare month."""
    month = month_no(m.group("m"))
    year = int(m.group("y")) if m.group("y") else place_month(month, pub, direction)
    first, last = month_bounds(year, month)
    order = m.group("ord").lower()
    if m.group("part").lower() == "half":
        if order not in {"first", "second", "last", "final"}:
            return None
        middle = first + timedelta(days=14)
        return (
            (first, middle, "range") if order == "first" else (middle + timedelta(1), last, "range")
        )
    if order in {"last", "final"}:
        return last - timedelta(days=6), last, "range"
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3}[order]
    start = first + timedelta(weeks=index)
    return start, start + timedelta(days=6), "range"


def current_unit(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    """ "at the start of the month", "earlier in the week": this week, month or year, named
    whole like "earlier this month" (news copy dates it so). Its end or a later part is ahead:
    told in the past ("clashes at the end of the month") it may mean last month's, so only a
    plan is dated."""
    unit = m.group("unit").lower()
    early = (m.group("part") or "").lower() in {"start", "beginning"} or (
        (m.group("side") or "").lower() == "earlier"
    )
    if not early and direction != "future":
        return None
    if unit == "week":
        start = week_start(pub)
        return start, start + timedelta(days=6), "week"
    if unit == "month":
        start, end = month_bounds(pub.year, pub.month)
        return start, end, "month"
    return date(pub.year, 1, 1), date(pub.year, 12, 31), "year"


# A span of dates longer than this is no one happening's days.
MAX_PAIR_DAYS = 31


def _day_and_month(text: str) -> tuple[int, int]:
    words = re.findall(r"[A-Za-z]+|\d+", text)
    number = next(int(w) for w in words if w.isdigit())
    month = next(month_no(w) for w in words if w.lower() in MONTHS)
    return month, number


def date_pair(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    """ "from June 14 to June 16", "between 30 May and 2 June": the days from one to the other;
    the year (given, or placed like a yearless day) is that of the last."""
    (m1, d1), (m2, d2) = _day_and_month(m.group("first")), _day_and_month(m.group("last"))
    given = m.group("y")
    end = safe_day(int(given), m2, d2) if given else place_day(m2, d2, pub, direction)
    if end is None:
        return None
    start = safe_day(end.year if (m1, d1) <= (m2, d2) else end.year - 1, m1, d1)
    if start is None or not 0 < (end - start).days <= MAX_PAIR_DAYS:
        return None
    return start, end, "range"


def weekday_pair(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    """ "on Monday and Tuesday", "from Monday to Wednesday": the days from one to the other, the
    last placed like a weekday of that clause."""
    first, last = WEEKDAYS[m.group("wd1").lower()], WEEKDAYS[m.group("wd2").lower()]
    span = (last - first) % 7
    if span == 0 or (span > 1 and m.group("to") == "and" and not m.group("fr")):
        return None  # "on Monday and Thursday": two days, not the days between
    back, ahead = (pub.weekday() - last) % 7, (last - pub.weekday()) % 7
    if direction == "future" or (direction == "nearest" and ahead < back):
        end = pub + timedelta(days=ahead)
    else:
        end = pub - timedelta(days=back)
    return end - timedelta(days=span), end, "range"
