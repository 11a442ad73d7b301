"""The calendar the date readers share: month, weekday and number words, seasons, month and
duration arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from seed.extract.types import DateInterval, DatePrecision

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
}  # fmt: skip
SEASONS = {
    "winter": (12, 2),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}

# A month name or abbreviation inside a larger pattern: "Jan", "Sept.", "June".
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A count of one or two digits, or in words up to twelve: "a one-year mandate", "18 months".
COUNT = r"\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# A count in words or digits: "three days", "a week", "90 days".
NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_no(token: str) -> int:
    """The number of a month name or its abbreviation ("Sept." -> 9)."""
    return MONTHS[token.rstrip(".").lower()]


def ym(day: date) -> tuple[int, int]:
    return day.year, day.month


@lru_cache(maxsize=16384)
def within_duration(text: str) -> tuple[int, str] | None:
    """ "within three months" / "within a maximum period of 90 days" -> (3, "month")."""
    m = re.search(
        rf"\bwithin\s+(?:a\s+maximum\s+(?:period\s+)?of\s+|the\s+next\s+)?{NUM}\s+"
        r"(?P<unit>day|week|month|year)s?\b",
        text,
        re.I,
    )
    if m is None:
        return None
    n = NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
    return n, m.group("unit").lower()


def add_duration(interval: DateInterval, amount: int, unit: str) -> DateInterval:
    if unit == "day":
        delta = timedelta(days=amount)
        start, end = interval.start + delta, interval.end + delta
    elif unit == "week":
        delta = timedelta(weeks=amount)
        start, end = interval.start + delta, interval.end + delta
    else:
        months = amount * (12 if unit == "year" else 1)
        start, end = add_months(interval.start, months), add_months(interval.end, months)
    precision: DatePrecision = interval.precision if interval.precision != "year" else "range"
    return DateInterval(start, end, precision)
