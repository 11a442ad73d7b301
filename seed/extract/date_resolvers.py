"""Resolvers of the date expressions `seed.extract.dates` finds.

Each takes the match, one publication day and the direction of the governing clause, and returns
the earliest and latest day meant with the precision the text gives (or None: no such day).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.calendar_math import (
    NUMBERS,
    SEASONS,
    WEEKDAYS,
    add_months,
    month_bounds,
    month_no,
    week_start,
    ym,
)
from seed.extract.tense import Direction
from seed.extract.types import DatePrecision


def place_month(month: int, pub: date, direction: Direction) -> int:
    """Year of the `month` meant, seen from `pub`."""
    past = pub.year if month <= pub.month else pub.year - 1
    future = pub.year if month >= pub.month else pub.year + 1
    if direction == "past":
        return past
    if direction == "future":
        return future
    distance_past = (pub.year - past) * 12 + pub.month - month
    distance_future = (future - pub.year) * 12 + month - pub.month
    return past if distance_past <= distance_future else future


def place_day(month: int, day: int, pub: date, direction: Direction) -> date | None:
    def safe(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    this_year = safe(pub.year)
    if this_year is None:
        return None
    past = this_year if this_year <= pub else safe(pub.year - 1)
    future = this_year if this_year >= pub else safe(pub.year + 1)
    if direction == "past":
        return past
    if direction == "future":
        return future
    if past is None or future is None:
        return past or future
    return past if (pub - past) <= (future - pub) else future


def day_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    month, day = month_no(m.group("m")), int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else None
    if m.group("yrel"):
        year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()]
    if year is not None:
        try:
            found: date | None = date(year, month, day)
        except ValueError:
            return None
    else:
        found = place_day(month, day, pub, direction)
    return (found, found, "day") if found else None


def day_range(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    """ "30-31 October 2021", "October 30-31": the days from the first to the last."""
    month = month_no(m.group("m") or m.group("m2"))
    first, last = int(m.group("d1") or m.group("d1b")), int(m.group("d") or m.group("db"))
    two_days = m.group("and") or (m.group("and2") and not m.group("btw2"))
    if not first < last or (two_days and last != first + 1):
        return None  # "on 3 and 6 May": two days, not the days between
    if m.group("y") or m.group("yrel"):
        year = int(m.group("y")) if m.group("y") else pub.year
        year += {"this": 0, "last": -1, "next": 1}.get((m.group("yrel") or "").lower(), 0)
        end: date | None = safe_day(year, month, last)
    else:
        end = place_day(month, last, pub, direction)
    if end is None or first > end.day:
        return None
    return end.replace(day=first), end, "range"


def safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    start, end = month_bounds(int(m.group("y")), month_no(m.group("m")))
    return start, end, "month"


def month_relative_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    offset = {"last": -1, "this": 0, "next": 1, "previous": -1, "final": -1}[m.group("rel").lower()]
    start, end = month_bounds(pub.year + offset, month_no(m.group("m")))
    return start, end, "month"


def relative_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    rel = m.group("rel").lower()
    month = month_no(m.group("m"))
    year = place_month(month, pub, "past" if rel == "last" else "future")
    if rel == "last" and (year, month) == (pub.year, pub.month):
        year -= 1
    start, end = month_bounds(year, month)
    return start, end, "month"


def bare_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    month = month_no(m.group("m"))
    start, end = month_bounds(place_month(month, pub, direction), month)
    return start, end, "month"


def whole_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    year = int(m.group("y"))
    return date(year, 1, 1), date(year, 12, 31), "year"


def weekday(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    target = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    back = (pub.weekday() - target) % 7
    if rel in {"next", "this"} or (direction == "future" and rel != "last"):
        # A plan "on Friday" printed on a Friday is that day (wires name the day, not "today");
        # "next Friday" is the one after.
        ahead = (target - pub.weekday()) % 7 or (7 if rel == "next" else 0)
        day = pub + timedelta(days=ahead)
    elif rel == "last":
        day = pub - timedelta(days=back or 7)
    elif direction == "nearest":
        ahead = (target - pub.weekday()) % 7
        day = pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)
    else:
        day = pub - timedelta(days=back)
    return day, day, "day"


def relative_unit(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    earlier = m.group("earlier") is not None
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[rel]
    if unit == "week":
        start = week_start(pub) + timedelta(weeks=step)
        end = start + timedelta(days=6)
        precision: DatePrecision = "week"
    elif unit == "month":
        start, end = month_bounds(*ym(add_months(pub.replace(day=1), step)))
        precision = "month"
    else:
        start, end = date(pub.year + step, 1, 1), date(pub.year + step, 12, 31)
        precision = "year"
    if step == 0 and not earlier and direction != "future":
        end = min(end, pub)  # "this week" in a past-tense sentence: up to publication
        precision = "range" if unit == "year" else precision
    # "earlier this month" names the month (news copy dates it so), like "in September".
    return start, end, precision


# "A few" / "several" units ago counts no exact number: from two to seven of them.
VAGUE_COUNT = (2, 7)
FEW_DAYS_MOST = 10


# Counts back beyond these date no news happening ("founded 2,000 years ago").
_MOST_AGO = {"day": 3660, "week": 520, "month": 1200, "year": 100}


def ago(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    n, unit = NUMBERS.get(m.group("n").lower()) or int(m.group("n")), m.group("unit").lower()
    if n > _MOST_AGO[unit]:
        return None
    if m.group("n").lower() in {"few", "several"}:
        least, most = VAGUE_COUNT
        if unit == "day":
            # news copy says "a few days ago" of anything up to a week and a half back
            return pub - timedelta(days=FEW_DAYS_MOST), pub - timedelta(days=least), "range"
        if unit == "week":
            return pub - timedelta(weeks=most), pub - timedelta(weeks=least), "range"
        if unit == "month":
            return month_bounds(*ym(add_months(pub, -most)))[0], add_months(pub, -least), "range"
        return add_months(pub, -12 * most), add_months(pub, -12 * least), "range"
    if unit == "day":
        day = pub - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        centre = pub - timedelta(weeks=n)
        return centre - timedelta(days=3), centre + timedelta(days=3), "week"
    if unit == "month":
        start, end = month_bounds(*ym(add_months(pub, -n)))
        return start, end, "month"
    # "a year ago" is loose in news copy: anything within a couple of months of that day.
    centre = add_months(pub, -12 * n)
    return add_months(centre, -2), add_months(centre, 2), "range"


def past_span(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    """ "in the past two weeks": from that many units before publication up to it; without a
    number ("in the past months", "the last few days"), as far back as a vague count goes."""
    word = "couple" if m.group("couple") else (m.group("n") or "few").lower()
    n, unit = NUMBERS.get(word) or (int(word) if word.isdigit() else 0), m.group("unit").lower()
    if word == "couple":
        n = 3  # "a couple of weeks" is loosely two; three keeps the truth inside
    elif word in {"few", "several"} or n == 0:
        n = FEW_DAYS_MOST if unit == "day" else VAGUE_COUNT[1]
    if unit == "day":
        return pub - timedelta(days=n), pub, "range"
    if unit == "week":
        return pub - timedelta(weeks=n), pub, "range"
    return add_months(pub, -n), pub, "range"


# How far back "recently" and "in recent weeks" reach, in days.
RECENTLY_MOST = 14
RECENT_WEEKS_MOST = 42


def recent(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    """ "In recent days", "over the past few days": up to a week and a half before publication;
    "recently": up to two weeks; "in recent weeks": up to six. Vague by nature: a range ending
    at publication."""
    unit = (m.group("unit") or "").lower()
    back = FEW_DAYS_MOST if unit == "days" else RECENT_WEEKS_MOST if unit else RECENTLY_MOST
    return pub - timedelta(days=back), pub, "range"


def season(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    rel = m.group("rel").lower()
    first, last = SEASONS[m.group("season").lower()]
    # The season's end year: for "last winter" seen from August 2021, Dec 2020 - Feb 2021.
    end_year = (
        pub.year if (pub.month > last or (first > last and pub.month > last)) else pub.year - 1
    )
    if first > last and pub.month == 12:
        end_year = pub.year
    if rel == "this":
        end_year = pub.year
    elif rel == "next":
        end_year = end_year + 1
    start_year = end_year - 1 if first > last else end_year
    start = date(start_year, first, 1)
    end = month_bounds(end_year, last)[1]
    return start, end, "season"


def _seasons_around(season: str, pub: date) -> list[tuple[date, date]]:
    first, last = SEASONS[season.lower()]
    spans = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        end_year = year + 1 if first > last else year
        spans.append((date(year, first, 1), month_bounds(end_year, last)[1]))
    return spans


def bare_season(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    """ "since the autumn", "in the spring": the latest such season begun by publication, or,
    for a planned happening, the next one not yet over."""
    spans = _seasons_around(m.group("season"), pub)
    if direction == "future":
        start, end = next(s for s in spans if s[1] >= pub)
    else:
        start, end = [s for s in spans if s[0] <= pub][-1]
    return start, end, "season"


def weekend(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    """ "over the weekend", "the past weekend", "next weekend": a Saturday and Sunday."""
    rel = " ".join(m.group("rel").lower().split())
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the latest, publication included
    if rel == "next" or (direction == "future" and rel in {"this", "over the", "on the", "at the"}):
        start = saturday if pub.weekday() >= 5 and rel != "next" else saturday + timedelta(days=7)
        return start, start + timedelta(days=1), "range"
    if rel in {"last", "the past", "this past"} and pub.weekday() >= 5:
        saturday -= timedelta(days=7)  # said on a weekend, "last weekend" is the one before
    return saturday, min(saturday + timedelta(days=1), pub), "range"


# Parts of a year: "early this year", "late last year", "the end of this year".
_PARTS = {"early": (1, 3), "start": (1, 3), "beginning": (1, 3), "mid": (5, 8), "late": (10, 12)}
_PARTS["end"] = _PARTS["late"]
_PARTS["middle"] = _PARTS["mid"]


def part_of_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    # "mid-", "the end of": the word that names the part
    part = next(w for w in m.group("part").lower().rstrip("-").split() if w in _PARTS)
    first, last = _PARTS[part]
    if m.group("y"):
        year = int(m.group("y"))
    else:
        year = pub.year + {"this": 0, "last": -1, "past": -1, "next": 1}[m.group("rel").lower()]
    start, end = date(year, first, 1), month_bounds(year, last)[1]
    if year == pub.year and direction != "future" and start <= pub < end:
        end = pub  # said in that very part of the year: up to publication
    return start, end, "range"


def half_or_quarter(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    """ "the second half of 2021" = July to December; "the first quarter of 2022" = January
    to March."""
    size = 6 if m.group("part").lower() == "half" else 3
    order = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m.group("ord").lower())
    index = order if order is not None else 12 // size  # "last", "latter": the final one
    index = min(index, 12 // size)
    year = int(m.group("y"))
    first = (index - 1) * size + 1
    return date(year, first, 1), month_bounds(year, first + size - 1)[1], "range"


def named_day(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    if m.group("night") is not None:
        # the night up to the report; a night to come ("will be lifted overnight") starts it
        if direction == "future":
            return pub, pub + timedelta(days=1), "range"
        return pub - timedelta(days=1), pub, "range"
    word = "tomorrow" if m.group("w") is not None else (m.group("w2") or "today")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[word.lower()]
    if m.group("two") is not None:
        # "the day before yesterday", "the day after tomorrow"
        offset += -1 if "before" in m.group("two").lower() else 1
    day = pub + timedelta(days=offset)
    return day, day, "day"
