"""Date expressions and their resolution against the publication date.

Every expression resolves to a `DateInterval` (earliest and latest possible day) that never
claims more precision than the text gives. The publication date itself may be an interval (an
undated article whose date was inferred): an expression is resolved at both ends and the results
are joined, so "said Sunday" in an article published some day in [Oct 3, Oct 10] becomes the range
of Sundays that could be meant.

Expressions without a year ("in June", "Dec. 24", "on Sunday") are placed by the sentence's
tense: after the publication date when the text says planned/scheduled/will/set for, before it
otherwise; elections named with a bare month take the nearest such month (they are usually ahead).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from seed.extract.tense import Direction, direction_at
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

_MONTH = (
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# "December 24 this year", "on 3 April last year": the year relative to publication.
_YEAR_REL = r"\s+(?P<yrel>this|last|next)\s+year\b"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression found in a sentence, resolved against the publication interval.

    `kind` names the expression family; relative kinds (weekday, last_week, ...) can also be
    inverted to constrain an unknown publication date (see `publication_constraint`).
    """

    start: int
    end: int
    text: str
    kind: str
    interval: DateInterval
    # True when the interval does not depend on the publication date ("in October 2020").
    fixed: bool = False


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]
    # (match, publication day, direction) -> interval and its natural precision
    resolve: Callable[[re.Match[str], date, Direction], tuple[date, date, DatePrecision] | None]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_no(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _place_month(month: int, pub: date, direction: Direction) -> int:
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


def _place_day(month: int, day: int, pub: date, direction: Direction) -> date | None:
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


def _day_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    month, day = _month_no(m.group("m")), int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else None
    if m.group("yrel"):
        year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()]
    if year is not None:
        try:
            found: date | None = date(year, month, day)
        except ValueError:
            return None
    else:
        found = _place_day(month, day, pub, direction)
    return (found, found, "day") if found else None


def _month_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    start, end = month_bounds(int(m.group("y")), _month_no(m.group("m")))
    return start, end, "month"


def _month_relative_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    offset = {"last": -1, "this": 0, "next": 1, "previous": -1}[m.group("rel").lower()]
    start, end = month_bounds(pub.year + offset, _month_no(m.group("m")))
    return start, end, "month"


def _relative_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    rel = m.group("rel").lower()
    month = _month_no(m.group("m"))
    year = _place_month(month, pub, "past" if rel == "last" else "future")
    if rel == "last" and (year, month) == (pub.year, pub.month):
        year -= 1
    start, end = month_bounds(year, month)
    return start, end, "month"


def _bare_month(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    month = _month_no(m.group("m"))
    start, end = month_bounds(_place_month(month, pub, direction), month)
    return start, end, "month"


def _year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision] | None:
    year = int(m.group("y"))
    return date(year, 1, 1), date(year, 12, 31), "year"


def _weekday(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    target = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    back = (pub.weekday() - target) % 7
    if rel in {"next", "this"} or (direction == "future" and rel != "last"):
        ahead = (target - pub.weekday()) % 7 or 7
        day = pub + timedelta(days=ahead)
    elif rel == "last":
        day = pub - timedelta(days=back or 7)
    else:
        day = pub - timedelta(days=back)
    return day, day, "day"


def _relative_unit(
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
        start, end = month_bounds(*_ym(add_months(pub.replace(day=1), step)))
        precision = "month"
    else:
        start, end = date(pub.year + step, 1, 1), date(pub.year + step, 12, 31)
        precision = "year"
    if step == 0 and not earlier and direction != "future":
        end = min(end, pub)  # "this week" in a past-tense sentence: up to publication
        precision = "range" if unit == "year" else precision
    # "earlier this month" names the month (news copy dates it so), like "in September".
    return start, end, precision


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def _ago(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    n, unit = NUMBERS.get(m.group("n").lower()) or int(m.group("n")), m.group("unit").lower()
    if unit == "day":
        day = pub - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        centre = pub - timedelta(weeks=n)
        return centre - timedelta(days=3), centre + timedelta(days=3), "week"
    if unit == "month":
        start, end = month_bounds(*_ym(add_months(pub, -n)))
        return start, end, "month"
    # "a year ago" is loose in news copy: anything within a couple of months of that day.
    centre = add_months(pub, -12 * n)
    return add_months(centre, -2), add_months(centre, 2), "range"


def _season(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
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


def _bare_season(
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


def _weekend(m: re.Match[str], pub: date, direction: Direction) -> tuple[date, date, DatePrecision]:
    """ "over the weekend", "the past weekend", "next weekend": a Saturday and Sunday."""
    rel = " ".join(m.group("rel").lower().split())
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the latest, publication included
    if rel == "next" or (direction == "future" and rel in {"this", "over the", "on the"}):
        start = saturday if pub.weekday() >= 5 and rel != "next" else saturday + timedelta(days=7)
        return start, start + timedelta(days=1), "range"
    if rel in {"last", "the past"} and pub.weekday() >= 5:
        saturday -= timedelta(days=7)  # said on a weekend, "last weekend" is the one before
    return saturday, min(saturday + timedelta(days=1), pub), "range"


# Parts of a year: "early this year", "late last year", "the end of this year".
_PARTS = {"early": (1, 3), "start": (1, 3), "beginning": (1, 3), "mid": (5, 8), "late": (10, 12)}
_PARTS["end"] = _PARTS["late"]


def _part_of_year(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    part = m.group("part").lower().rstrip("-").split()[-1]
    first, last = _PARTS[part]
    year = pub.year + {"this": 0, "last": -1, "past": -1, "next": 1}[m.group("rel").lower()]
    start, end = date(year, first, 1), month_bounds(year, last)[1]
    if year == pub.year and direction != "future" and start <= pub < end:
        end = pub  # said in that very part of the year: up to publication
    return start, end, "range"


def _named_day(
    m: re.Match[str], pub: date, direction: Direction
) -> tuple[date, date, DatePrecision]:
    word = "tomorrow" if m.group("w") is not None else (m.group("w2") or "today")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[word.lower()]
    day = pub + timedelta(days=offset)
    return day, day, "day"


_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern(
        "day",
        re.compile(
            rf"\b{_MONTH}(?:\s+|(?<=\.))(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|{_YEAR_REL})?"
        ),
        _day_month,
    ),
    _Pattern(
        "day",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|{_YEAR_REL})?"
        ),
        _day_month,
    ),
    _Pattern(
        "month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b"), _month_year
    ),
    _Pattern(
        "month_relative_year",
        re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next|previous)\s+year\b", re.I),
        _month_relative_year,
    ),
    _Pattern(
        "relative_month",
        re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}\b"),
        _relative_month,
    ),
    _Pattern(
        "season",
        re.compile(
            r"\b(?P<rel>last|this|next|past)\s+(?P<season>winter|spring|summer|autumn|fall)\b", re.I
        ),
        _season,
    ),
    _Pattern(
        "season",
        re.compile(
            r"\b(?:in|since|during|over|through|until)\s+the\s+"
            r"(?P<season>winter|spring|summer|autumn|fall)\b(?!\s+(?:of\b|(?:19|20)\d\d))",
            re.I,
        ),
        _bare_season,
    ),
    _Pattern(
        "weekend",
        re.compile(r"\b(?P<rel>last|this|next|over\s+the|the\s+past|on\s+the)\s+weekend\b", re.I),
        _weekend,
    ),
    _Pattern(
        "part_of_year",
        re.compile(
            r"\b(?:the\s+)?(?P<part>early|late|mid-?|(?:the\s+)?(?:start|beginning|end)\s+of)\s*"
            r"(?P<rel>this|last|next|past)\s+year\b",
            re.I,
        ),
        _part_of_year,
    ),
    _Pattern(
        "relative_unit",
        re.compile(
            r"\b(?P<earlier>(?:earlier|later)\s+)?(?P<rel>last|past|previous|this|next)\s+"
            r"(?P<unit>week|month|year)\b(?!s)",
            re.I,
        ),
        _relative_unit,
    ),
    _Pattern(
        "ago",
        re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I),
        _ago,
    ),
    _Pattern(
        "named_day",
        re.compile(
            r"\b(?:on\s+the\s+eve\s+of\b(?P<w>)|(?<!from\s)(?P<w2>today|yesterday|tomorrow)\b)",
            re.I,
        ),
        _named_day,
    ),
    _Pattern(
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b"
        ),
        _weekday,
    ),
    _Pattern(
        "month",
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]or|[Ee]arly|[Ll]ate|[Mm]id|"
            r"(?:[Aa]t\s+)?(?:the\s+)?(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)\s+of)\s+|[Mm]id-)"
            rf"(?:early\s+|late\s+|mid-?)?{_MONTH}(?![\w-]|\s+\d)"
        ),
        _bare_month,
    ),
    _Pattern(
        "year",
        re.compile(
            # not a count: "over 2000 displaced", "more than 1990 people"
            r"(?<!over\s)(?<!than\s)(?<!least\s)(?<!nearly\s)(?<!about\s)(?<!around\s)"
            r"(?<!some\s)"
            r"(?<![\d,.$\u20ac\u00a3-])(?P<y>(?:19[5-9]\d|20[0-3]\d))(?!\d|,\d|-\d|\s*(?:km|kilomet|miles|troops|fighters|mercenaries|people|soldiers))"
        ),
        _year,
    ),
)


# Expressions that carry their own year.
_FIXED_KINDS = frozenset({"month_year", "year"})


# A stand-in publication day, for when the question is only whether (and which) expressions a
# text holds, or for dates that carry their own year.
PROBE = DateInterval(date(2000, 1, 5), date(2000, 1, 5), "day")

# Every expression above contains one of these: most sentences are ruled out by one search.
_MAYBE = re.compile(
    r"\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|day\b|week|month|"
    r"year|winter|spring|summer|autumn|fall|eve\b|ago\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def find_dates(sentence: str, publication: DateInterval) -> tuple[DateHit, ...]:
    """Date expressions of `sentence`, non-overlapping, in order, resolved against publication.

    Cached: wire paragraphs recur across articles, and stages re-read the same sentence."""
    if _MAYBE.search(sentence) is None:
        return ()
    taken: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    for pattern in _PATTERNS:
        for m in pattern.regex.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            direction = direction_at(sentence, m.start(), m.end())
            interval = resolve(pattern, m, publication, direction)
            if interval is None:
                continue
            taken.append((m.start(), m.end()))
            fixed = pattern.kind in _FIXED_KINDS or (pattern.kind == "day" and bool(m.group("y")))
            hits.append(DateHit(m.start(), m.end(), m.group(0), pattern.kind, interval, fixed))
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


def resolve(
    pattern: _Pattern, m: re.Match[str], publication: DateInterval, direction: Direction
) -> DateInterval | None:
    first = pattern.resolve(m, publication.start, direction)
    last = pattern.resolve(m, publication.end, direction)
    if first is None or last is None:
        return None
    start, end = min(first[0], last[0]), max(first[1], last[1])
    precision: DatePrecision = first[2] if (first[0], first[1]) == (last[0], last[1]) else "range"
    return DateInterval(start, end, precision)


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
        if direction == "future":
            # the coming such day, the same weekday excluded (see _weekday)
            return anchor.start - timedelta(days=7), anchor.start - timedelta(days=1)
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
                return month_bounds(*_ym(add_months(anchor.start.replace(day=1), 1)))
            return anchor.start, month_bounds(anchor.start.year, anchor.start.month)[1]
    if hit.kind == "named_day" and anchor.precision == "day":
        offset = {"yesterday": 1, "today": 0}.get(text)
        if offset is not None:
            day = anchor.start + timedelta(days=offset)
            return day, day
    return None


def within_duration(text: str) -> tuple[int, str] | None:
    """ "within three months" / "within a maximum period of 90 days" -> (3, "month")."""
    m = re.search(
        rf"\bwithin\s+(?:a\s+maximum\s+(?:period\s+)?of\s+|the\s+next\s+)?{_NUM}\s+"
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
