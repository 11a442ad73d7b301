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

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial

from seed.extract import date_resolvers as r
from seed.extract import span_resolvers as spans
from seed.extract.calendar_math import (
    MONTH_NAME,
    MONTHS,
    NUM,
    NUMBERS,
    SEASONS,
    WEEKDAYS,
    add_duration,
    add_months,
    month_bounds,
    week_start,
    within_duration,
)
from seed.extract.lexicon import FIGHTERS, alternation
from seed.extract.pickled import by_fields
from seed.extract.tense import Direction, direction_at
from seed.extract.told_weekdays import Recount, bare_weekday, count_from_the_telling
from seed.extract.types import DateInterval, DatePrecision

# Re-exported: callers read the calendar words and arithmetic from here too.
__all__ = [
    "MONTHS", "NUMBERS", "PROBE", "SEASONS", "WEEKDAYS", "DateHit", "add_duration", "add_months",
    "find_dates", "month_bounds", "resolve", "week_start",
    "within_duration",
]  # fmt: skip

_MONTH = (
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# The same, under another group name, for a second alternative of one pattern.
_MONTH2 = _MONTH.replace("?P<m>", "?P<m2>")
# Nouns of happenings a month can name attributively ("the April offensive").
HAPPENING_NOUNS = (
    r"elections?|polls?|vote|ballot|referendum|ceasefire|cease-fire|truce|agreement|deal|"
    r"accord|conference|summit|talks|meeting|offensive|attack|assault|clashes|uprising|"
    r"revolution|coup|withdrawal|resolution"
)
# "December 24 this year", "on 3 April last year": the year relative to publication.
_YEAR_REL = r"\s+(?P<yrel>this|last|next)\s+year\b"


@by_fields
@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression found in a sentence, resolved against the publication interval.

    `kind` names the expression family; relative kinds (weekday, last_week, ...) can also be
    inverted to constrain an unknown publication date (see `seed.extract.inverse_dates`).
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


# One day of a pair of dates: "June 14", "30 May", "1st of June" (the month names no group).
_DAY_OF = (
    rf"(?:{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"{MONTH_NAME})"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: tuple[_Pattern, ...] = (
    # a span between two dates: "from June 14 to June 16", "between 30 May and 2 June 2021"
    _Pattern(
        "day_range",
        re.compile(
            rf"\b(?:from|between)\s+(?P<first>{_DAY_OF})\s+(?:to|and|until|till|through)\s+"
            rf"(?P<last>{_DAY_OF})(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
        ),
        spans.date_pair,
    ),
    # the days from one weekday to another: "on Monday and Tuesday", "from Monday to Wednesday"
    _Pattern(
        "weekday_range",
        re.compile(
            rf"\b(?:(?P<fr>from|between)\s+|on\s+)?(?P<wd1>{_WEEKDAY})\s+(?P<to>and|to|through|until|till)\s+"
            rf"(?P<wd2>{_WEEKDAY})\b(?!['\u2019])"
        ),
        spans.weekday_pair,
    ),
    # a span of days in one month: "30-31 October 2021", "October 30-31, 2021", "from 3 to 5
    # June", "between 3 and 5 June", "on 14 and 15 June" (two days in a row; "on 3 and 6 May"
    # are two days): the span, not its last day
    _Pattern(
        "day_range",
        re.compile(
            rf"\b(?:(?:(?P<btw>between\s+)|from\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
            # "on 14 and 15 June": the two days, as "14-15 June"
            r"(?(btw)\s+and\s+|(?:\s*(?:-|\u2013|\bto\b)\s*|(?P<and>\s+and\s+)))"
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|"
            # "between September 12 and 14": any span, as "between 12 and 14 September"
            rf"(?:(?P<btw2>between\s+)|from\s+)?{_MONTH2}\s+(?P<d1b>\d{{1,2}})"
            r"(?:\s*(?:-|\u2013)\s*|\s+to\s+|(?P<and2>\s+and\s+))(?P<db>\d{1,2})\b(?![,.]?\d))"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|{_YEAR_REL})?"
        ),
        r.day_range,
    ),
    _Pattern(
        "day",
        re.compile(
            rf"\b{_MONTH}(?:\s+|(?<=\.))(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|{_YEAR_REL})?"
        ),
        r.day_month,
    ),
    _Pattern(
        "day",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|{_YEAR_REL})?"
        ),
        r.day_month,
    ),
    _Pattern(
        # "the first week of June", "the second half of May 2021": those days of the month
        "part_of_month",
        re.compile(
            r"\b(?P<ord>first|second|third|fourth|last|final)\s+(?P<part>week|half)\s+of\s+"
            rf"{_MONTH}(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
            re.I,
        ),
        spans.part_of_month,
    ),
    _Pattern(
        # "at the end of the month", "earlier in the week": this unit, seen from publication
        "current_unit",
        re.compile(
            r"\b(?:(?P<part>start|beginning|middle|end)\s+of|(?P<side>earlier|later)\s+in)\s+"
            r"the\s+(?P<unit>week|month|year)\b(?!\s+(?:of|before|after)\b)",
            re.I,
        ),
        spans.current_unit,
    ),
    _Pattern(
        # "the second half of 2021", "the first quarter of 2022": those months of that year
        "half_year",
        re.compile(
            r"\b(?P<ord>first|second|third|fourth|last|latter)\s+(?P<part>half|quarter)\s+of\s+"
            r"(?:the\s+year\s+)?(?P<y>(?:19|20)\d\d)\b",
            re.I,
        ),
        r.half_or_quarter,
    ),
    _Pattern(
        "month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b"), r.month_year
    ),
    _Pattern(
        "month_relative_year",
        # "final yr" is how text spinners reword "last year"
        re.compile(
            rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next|previous|final)\s+(?:year|yr)\b",
            re.I,
        ),
        r.month_relative_year,
    ),
    _Pattern(
        "relative_month",
        re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}\b"),
        r.relative_month,
    ),
    _Pattern(
        "season",
        re.compile(
            r"\b(?P<rel>last|this|next|past)\s+(?P<season>winter|spring|summer|autumn|fall)\b", re.I
        ),
        r.season,
    ),
    _Pattern(
        "season",
        re.compile(
            r"\b(?:in|since|during|over|through|until)\s+the\s+"
            r"(?P<season>winter|spring|summer|autumn|fall)\b(?!\s+(?:of\b|(?:19|20)\d\d))",
            re.I,
        ),
        r.bare_season,
    ),
    _Pattern(
        "weekend",
        re.compile(
            r"\b(?P<rel>last|this\s+past|this|next|over\s+the|the\s+past|on\s+the|at\s+the)"
            r"\s+weekend\b",
            re.I,
        ),
        r.weekend,
    ),
    _Pattern(
        "part_of_year",
        re.compile(
            r"\b(?:the\s+)?(?P<part>early|late|mid-?|"
            r"(?:the\s+)?(?:start|beginning|end|middle)\s+of)"
            # "early this year", "mid-2020", "the end of 2019": those months of that year
            r"\s*(?:(?P<rel>this|last|next|past)\s+year\b|(?P<y>(?:19|20)\d\d)\b(?![-\u2013]\d))",
            re.I,
        ),
        r.part_of_year,
    ),
    _Pattern(
        "relative_unit",
        re.compile(
            # "yr": how text spinners and headlines abbreviate "year"
            r"\b(?P<earlier>(?:earlier|later)\s+)?(?P<rel>last|past|previous|this|next)\s+"
            r"(?P<unit>week|month|year|yr)\b(?!s)",
            re.I,
        ),
        r.relative_unit,
    ),
    _Pattern(
        # "in the past months", "over the last few weeks", "in the past two days": up to now
        "past_span",
        re.compile(
            rf"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+"
            rf"(?:(?:(?P<couple>couple\s+of)|{NUM})\s+)?(?P<unit>day|week|month)s\b(?!\s+of\b)",
            re.I,
        ),
        r.past_span,
    ),
    _Pattern(
        "ago",
        re.compile(rf"\b{NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I),
        r.ago,
    ),
    _Pattern(
        # "in recent days", "recently" (not "the recently elected"); "the past few days" is a
        # past span above
        "recent",
        re.compile(
            r"\b(?:in|over|during)\s+(?:the\s+)?recent\s+(?P<unit>days|weeks)\b(?!\s+of\b)|"
            r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)recently\b(?!-)|"
            # "a recent outbreak of clashes", "the recent wave of attacks": as "recently"
            r"\b(?:a|the)\s+recent\s+(?=(?:outbreak|flare-up|wave|spate|round|surge|bout|"
            r"escalation)\s+of\b)",
            re.I,
        ),
        r.recent,
    ),
    _Pattern(
        "named_day",
        re.compile(
            r"\b(?:on\s+the\s+eve\s+of\b(?P<w>)|(?P<two>the\s+day\s+(?:before|after)\s+)?"
            r"(?<!from\s)(?P<w2>today|yesterday|tomorrow)\b|"
            # "clashes broke out overnight": the night up to the report (not "an overnight
            # curfew", "did not happen overnight")
            r"(?<!\ban\s)(?<!\bthe\s)(?<!\bhappen\s)(?P<night>overnight)\b(?!\s+curfew))",
            re.I,
        ),
        r.named_day,
    ),
    _Pattern(
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b"
        ),
        r.weekday,
    ),
    _Pattern(
        "month",
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]or|[Ee]arly|[Ll]ate|[Mm]id|"
            r"(?:[Aa]t\s+)?(?:the\s+)?(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)\s+of)\s+|[Mm]id-)"
            rf"(?:early\s+|late\s+|mid-?)?{_MONTH}(?![\w-]|\s+\d)"
        ),
        r.bare_month,
    ),
    _Pattern(
        # a month naming a happening: "the December elections", "after an August ceasefire"
        "month",
        re.compile(
            rf"\b(?:[Tt]he|[Aa]n?)\s+{_MONTH}(?=\s+(?:{HAPPENING_NOUNS})\b)",
        ),
        r.bare_month,
    ),
    _Pattern(
        "year",
        re.compile(
            # not a count: "over 2000 displaced", "more than 1990 people"
            r"(?<!over\s)(?<!than\s)(?<!least\s)(?<!nearly\s)(?<!about\s)(?<!around\s)"
            r"(?<!some\s)"
            # not a number: "resolution 2035", "No. 2021"
            r"(?<![Rr]esolution\s)(?<![Rr]esolutions\s)(?<![Nn]o\.\s)(?<![Nn]umber\s)"
            # not a plan's name: "Vision 2030", "the 2030 Agenda", "the 2022 budget" (but "in
            # 2022 budget talks stalled" is a year)
            r"(?<![Vv]ision\s)(?<![Aa]genda\s)(?<![Ss]trategy\s)"
            r"(?<![\d,.$\u20ac\u00a3-])(?P<y>(?:19[5-9]\d|20[0-3]\d))"
            rf"(?!\d|,\d|-\d|\s*(?:km|kilomet|miles|people|years?\b|{alternation(FIGHTERS)}))"
            r"(?:(?<=\b(?i:in|by)\s\d{4})|(?<=\b(?i:since|until)\s\d{4})|"
            r"(?!\s+(?i:vision|agenda|strategy|budget|target|goal)s?\b))"
        ),
        r.whole_year,
    ),
)


# Expressions that carry their own year.
_FIXED_KINDS = frozenset({"month_year", "year", "half_year"})
# Kinds that may carry their own year (in their group "y").
_MAY_BE_FIXED = frozenset({"day", "day_range", "part_of_month", "part_of_year"})


# A stand-in publication day, for when the question is only whether (and which) expressions a
# text holds, or for dates that carry their own year.
PROBE = DateInterval(date(2000, 1, 5), date(2000, 1, 5), "day")

# Every expression above contains one of these: most sentences are ruled out by one search.
_MAYBE = re.compile(
    r"\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|days?\b|week|month|"
    r"year|yr\b|winter|spring|summer|autumn|fall|eve\b|ago\b|recent|overnight",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def find_dates(sentence: str, publication: DateInterval) -> tuple[DateHit, ...]:
    """Date expressions of `sentence`, non-overlapping, in order, resolved against publication.

    Cached: wire paragraphs recur across articles, and stages re-read the same sentence."""
    taken: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    planned: list[tuple[int, Recount]] = []
    for pattern, m, direction in _matches(sentence):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        interval = resolve(pattern, m, publication, direction)
        if interval is None:
            continue
        taken.append((m.start(), m.end()))
        fixed = pattern.kind in _FIXED_KINDS or (
            pattern.kind in _MAY_BE_FIXED and bool(m.group("y"))
        )
        if pattern.kind == "weekday" and direction != "past" and bare_weekday(m.group("rel")):
            planned.append((len(hits), partial(resolve, pattern, m, direction="future")))
        hits.append(DateHit(m.start(), m.end(), m.group(0), pattern.kind, interval, fixed))
    if planned:
        count_from_the_telling(sentence, hits, planned)
    if len(hits) > 1:
        # "overnight Tuesday", "overnight into 5 May": the other date says which night
        hits = [h for h in hits if h.text.lower() != "overnight"]
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


@lru_cache(maxsize=65536)
def _matches(sentence: str) -> tuple[tuple[_Pattern, re.Match[str], Direction], ...]:
    """Every match of every pattern in `sentence`, in the order `find_dates` weighs them, with
    the tense that governs it: what does not depend on the publication date, cached by the
    sentence alone (the same wire sentence recurs in articles of different days)."""
    if _MAYBE.search(sentence) is None:
        return ()
    return tuple(
        (pattern, m, direction_at(sentence, m.start(), m.end()))
        for pattern in _PATTERNS
        for m in pattern.regex.finditer(sentence)
    )


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
