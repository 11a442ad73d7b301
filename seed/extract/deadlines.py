"""By when a commitment is to be fulfilled, and how many of what it concerns.

A deadline is either a duration counted from when the commitment was made ("within 90 days",
"within three months of signing": `within_duration`, added by the caller to the agreement's
date), a year's or month's end ("before the end of the year"), or a dated expression after the
commitment cue ("by March 25", "on November 12", "in 2023"). A yearless date that would fall
before the commitment was made is the next such date: nobody promises to act in the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from seed.extract.dates import NUMBERS, add_months, find_dates, month_bounds
from seed.extract.lexicon import FIGHTERS, alternation
from seed.extract.types import DateInterval

_END_OF = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than)\s+the\s+end\s+of\s+(?:(?P<this>the|this|"
    r"the\s+current)\s+year|(?P<year>\d{4})|(?:the\s+month|this\s+month))\b",
    re.IGNORECASE,
)
# A dated expression introduced by a deadline word binds the act before it.
_BY = re.compile(r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+\Z", re.I)
_WORD_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(k for k in NUMBERS if len(k) > 2)
# Who else is counted beside fighters: other people sent or held, and materiel.
_OTHER_COUNTED = (
    "militants", "militiamen", "advisers", "advisors", "officers", "contractors", "experts",
    "observers", "monitors", "drones", "vehicles", "detainees", "prisoners",
)  # fmt: skip
# Counts of people or materiel: "300 mercenaries", "1,300 Syrian fighters", "a first group of
# 120 soldiers", "five hundred troops" (word numbers up to twelve).
QUANTITY = re.compile(
    rf"\b(?P<q>{_WORD_NUMBER})\s+(?:(?:more|additional|other|foreign|of\s+the|of\s+their|"
    r"[A-Z][a-z]+(?:-backed)?)\s+){0,3}"
    rf"(?P<unit>{alternation(FIGHTERS, _OTHER_COUNTED)})\b",
    re.IGNORECASE,
)


_YEAR = re.compile(r"(?:19|20)\d\d\Z")
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|of|from|early|late|mid|before|after|during)\s+\Z", re.I
)


@dataclass(frozen=True, slots=True)
class Quantity:
    count: int
    unit: str


@lru_cache(maxsize=16384)
def quantity_in(text: str) -> Quantity | None:
    """The first count of people or materiel in `text`."""
    for m in QUANTITY.finditer(text):
        raw = m.group("q").lower().replace(",", "")
        if _YEAR.match(raw) and _YEAR_BEFORE.search(text, 0, m.start()):
            continue  # "in 2020 troops arrived": a year, not a count
        count = int(raw) if raw.isdigit() else NUMBERS.get(raw)
        if count is not None:
            return Quantity(count, m.group("unit").lower())
    return None


def dated_deadline(
    sentence: str, after: int, made: DateInterval, publication: DateInterval
) -> DateInterval | None:
    """The deadline a date expression of `sentence` from `after` on sets ("by March 25", "a
    conference on November 12", "elections in 2023"), or the year's or month's end; None when
    the sentence dates no deadline. A date that ends no later than the making is not one."""
    end_of = _END_OF.search(sentence, after)
    if end_of is not None:
        if end_of.group("year"):
            year = int(end_of.group("year"))
            return DateInterval(date(year, 12, 31), date(year, 12, 31), "day")
        if end_of.group("this"):
            day = date(made.end.year, 12, 31)
            return DateInterval(day, day, "day")
        last = month_bounds(made.end.year, made.end.month)[1]
        return DateInterval(last, last, "day")
    for hit in find_dates(sentence, publication):
        if hit.start < after:
            continue
        interval = hit.interval
        by = _BY.search(sentence, max(0, hit.start - 20), hit.start) is not None
        if interval.end < made.start and not hit.fixed and by:
            # "by June 30" said in July: next year's June 30.
            interval = DateInterval(
                add_months(interval.start, 12), add_months(interval.end, 12), interval.precision
            )
        if interval.end > made.end:
            return interval
    return None
