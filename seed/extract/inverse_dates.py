"""Relative date expressions read backwards: when can an article have been published, if what
it dates relatively ("said Sunday", "last week", "yesterday") happened on a known day?"""

from __future__ import annotations

from datetime import date, timedelta

from seed.extract.calendar_math import add_months, month_bounds, week_start, ym
from seed.extract.dates import DateHit
from seed.extract.tense import Direction
from seed.extract.types import DateInterval


def publication_constraint(
    hit: DateHit, anchor: DateInterval, direction: Direction = "past"
) -> tuple[date, date] | None:
    """Invert a relative expression: if `hit` refers to an event dated `anchor`, when can the
    article have been published? None when the expression says nothing usable. `direction` is
    that of the clause governing the expression (a planned "will meet on Wednesday")."""
    text = hit.text.lower()
    if hit.kind == "weekday" and anchor.precision == "day":
        if "next" in text or "this" in text:
            return None
        if direction == "nearest":
            # the nearest such day: at most three days either side of publication
            return anchor.start - timedelta(days=3), anchor.start + timedelta(days=3)
        if direction == "future":
            # the coming such day; a reprint of the day before may run on that very day
            # ("is expected to speak on Wednesday", printed on Wednesday morning)
            return anchor.start - timedelta(days=7), anchor.start
        if "last" in text.split()[0:1]:
            return anchor.start + timedelta(days=1), anchor.start + timedelta(days=7)
        return anchor.start, anchor.start + timedelta(days=6)
    if hit.kind == "relative_unit" and anchor.end - anchor.start <= timedelta(days=7):
        unit = "week" if "week" in text else "month" if "month" in text else "year"
        rel = "this" if "this" in text else "next" if "next" in text else "last"
        if rel == "next":
            return None
        if unit == "week":
            monday = week_start(anchor.start)
            if rel == "last":
                return monday + timedelta(days=7), monday + timedelta(days=13)
            return anchor.start, monday + timedelta(days=6)
        if unit == "month":
            if rel == "last":
                return month_bounds(*ym(add_months(anchor.start.replace(day=1), 1)))
            return anchor.start, month_bounds(anchor.start.year, anchor.start.month)[1]
    if hit.kind == "named_day" and anchor.precision == "day":
        offset = {"yesterday": 1, "today": 0}.get(text)
        if offset is not None:
            day = anchor.start + timedelta(days=offset)
            return day, day
    return None
