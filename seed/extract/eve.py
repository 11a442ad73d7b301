"""News without a day of its own reaches back to the eve the report narrates.

"X has left the capital" (a present-perfect lead, or body news of the report's days) and
"<news>, the ministry said on Tuesday" (news passed on by a dated telling) state no day: the
happening took place by the day of the report or of the telling, and is dated to that day.
When the same report narrates the day before that day ("yesterday evening he asked for more
time", "at a news conference on Thursday"), the story was already under way then and the news
may have come in since: the honest date is the two days, the eve and the day, not the later
one alone. A report that names no such eve keeps its one day (most news leads are the day's).

Only days the reporting text states count as the eve (a weekday, "yesterday", a calendar
day): not days counted from another date, nor a speaker's day inside a quotation, nor the
days of other undated happenings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from seed.extract.attribution import DATE_KIND as ATTRIBUTED
from seed.extract.body_perfect import KIND as PERFECT
from seed.extract.candidate import Candidate
from seed.extract.dates import DateHit
from seed.extract.spoken import KIND as SPOKEN
from seed.extract.tolls import KIND as TOLL
from seed.extract.types import DateInterval

# Date kinds of news that no expression of its sentence dates: a present perfect (lead or
# body, see seed.extract.body_perfect) and news passed on by a telling (seed.extract.attribution).
NEWS_KINDS = frozenset({PERFECT, ATTRIBUTED})
# Hits that are no day the text states: undated leads and news, days counted from other
# dates (chained), talks before a happening, a speaker's words, tolls of the report's day.
_NOT_STATED = frozenset({"lead", "span", "chained", "quoted", "told", SPOKEN, TOLL, *NEWS_KINDS})


def stated_days(hits: Iterable[DateHit]) -> set[date]:
    """The single days that `hits` (a sentence's dates outside quotations) state in words."""
    return {
        h.interval.start
        for h in hits
        if h.end > h.start and h.kind not in _NOT_STATED and h.interval.start == h.interval.end
    }


def reach_back_to_eve(candidates: Iterable[Candidate], days: set[date]) -> None:
    """Widen each undated news candidate of one day to its eve and that day when the report
    states the eve (`days`: the report's stated days)."""
    for candidate in candidates:
        when = candidate.date
        if candidate.date_kind not in NEWS_KINDS or when.start != when.end:
            continue
        eve = when.start - timedelta(days=1)
        if eve not in days:
            continue
        widened = DateInterval(eve, when.end, "range")
        candidate.date = widened
        if candidate.hit is not None:
            candidate.hit = replace(candidate.hit, interval=widened)
