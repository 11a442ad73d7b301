"""Happenings whose date an uncertain publication date leaves vague, kept apart when merging.

"On Wednesday" in an article published some day of a year is any Wednesday of that year: its
range overlaps many happenings of its kind, and nothing but the range ties it to one of them.
Such a telling is an event of its own (with the whole honest range), neither joining another
event nor joined by one. A date that is wide by its own words ("last year", "in 2020") is not
vague in this sense, and neither is a weekday in an article of a known week. So is the
statement of a report's days (a speaker's words no expression dates) in such an article.

A relative date of an article whose publication is not known within about a year is vaguer
still (see `Candidate.resolved`): it may join a dated event it clearly reports, and otherwise
stands as an event of its own with the whole range, honestly wide, rather than vanishing.
"""

from __future__ import annotations

from datetime import date

from seed.extract.candidate import Candidate
from seed.extract.dates import WEEKDAYS
from seed.extract.spoken import KIND as SPOKEN

# Expressions that name one day (or a weekend) counted from publication, and the report's
# days of a statement no expression dates (see seed.extract.spoken).
_DAY_KINDS = frozenset({"weekday", "named_day", "weekend", SPOKEN})
# Wider than this, such a day's range says the publication date was not known within a fortnight.
MAX_DAY_RANGE = 14


def vague_day(candidate: Candidate) -> bool:
    """Whether `candidate` names a day its uncertain publication date leaves vague."""
    hit = candidate.hit
    return (
        candidate.resolved
        and hit is not None
        and not hit.fixed
        and hit.kind in _DAY_KINDS
        and (candidate.date.end - candidate.date.start).days > MAX_DAY_RANGE
    )


def stands_alone(founder: Candidate) -> bool:
    """Whether an event founded by `founder` is joined by no other telling."""
    return not founder.resolved or vague_day(founder)


def named_weekday(candidate: Candidate) -> int | None:
    """The weekday an "on Tuesday" or a "said Sunday" names (Monday 0), None for any other
    expression."""
    hit = candidate.hit
    if hit is None or hit.kind != "weekday":
        return None
    return next((WEEKDAYS[w] for w in hit.text.lower().split() if w in WEEKDAYS), None)


def other_weekday(candidate: Candidate, day: date) -> bool:
    """Whether `candidate` names a weekday that `day` is not: "on Tuesday", however wide the
    range of Tuesdays its publication leaves, tells no happening of a Sunday."""
    weekday = named_weekday(candidate)
    if weekday is None or candidate.date.start.weekday() != weekday:
        return False  # a date counted from the weekday ("two days after Tuesday")
    return day.weekday() != weekday
