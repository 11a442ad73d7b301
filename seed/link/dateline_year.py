"""The year of a yearless wire dateline ("CITY, Nov 24 (Agency) -"), which names the day the
copy was filed: from the other evidence of the publication date when that evidence allows such a
day, else from the dates of the text and the weekday its lead gives to the news.
"""

from __future__ import annotations

from calendar import month_name
from datetime import date, timedelta

from seed.extract.dates import PROBE, WEEKDAYS, find_dates
from seed.extract.parse import ParsedArticle
from seed.extract.types import DateInterval, PublicationDate


def dateline_interval(
    article: ParsedArticle,
    month_day: tuple[int, int],
    evidence: tuple[date, date, str] | None,
    floor: date,
    today: date,
) -> PublicationDate | None:
    """A yearless dateline ("CITY, Nov 24 (Agency) -") names the day (copy sent then, printed
    that day or the next); the year comes from the other evidence, else from the dates of the
    text and the weekday its lead gives to the news. Evidence that places publication on no
    such day (give or take a week) is about another happening: it is set aside."""
    month, day = month_day
    if evidence is not None:
        start, end, why = evidence
        days = [
            d
            for y in range(start.year - 1, end.year + 2)
            if (d := _safe(y, month, day)) is not None
            and start - DATELINE_SLACK <= d <= end + DATELINE_SLACK
        ]
        if days:
            chosen = min(days, key=lambda d: (max(start - d, d - end, timedelta(0)), d))
            reason = f"the dateline says {chosen:%b} {day}; the year from: {why}"
            return _day_after(chosen, reason)
    found = _dateline_years(article, month, day, floor, today)
    if found is None and evidence is not None:
        reason = (
            f"the dateline says {month_name[month][:3]} {day}, on no day the other sources allow"
        )
        return PublicationDate(DateInterval(floor, today, "range"), explicit=False, reason=reason)
    return found


# How far from the day other sources place publication a yearless dateline's day may lie.
DATELINE_SLACK = timedelta(days=7)


def _dateline_years(
    article: ParsedArticle, month: int, day: int, floor: date, today: date
) -> PublicationDate | None:
    """The dateline's day in the years from `floor` to `today` in which it fits the weekday
    the lead gives to the news."""
    days = [
        d
        for y in range(floor.year, today.year + 1)
        if (d := _safe(y, month, day)) is not None and floor <= d <= today
    ]
    weekday = _lead_weekday(article)
    if weekday is not None:
        days = [d for d in days if weekday in {d.weekday(), (d - timedelta(days=1)).weekday()}]
    if not days:
        return None
    reason = f"the dateline says {days[0]:%b} {day}, on or after {floor.isoformat()}"
    if weekday is not None:
        reason += ", in a year when it falls on or the day after the lead's weekday"
    return PublicationDate(
        DateInterval(days[0], days[-1] + timedelta(days=1), "range"), explicit=False, reason=reason
    )


def _day_after(day: date, reason: str) -> PublicationDate:
    return PublicationDate(
        DateInterval(day, day + timedelta(days=1), "range"), explicit=False, reason=reason
    )


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _lead_weekday(article: ParsedArticle) -> int | None:
    """The weekday the first sentence dates its news with ("... on Tuesday extended ...")."""
    if not article.sentences:
        return None
    for hit in find_dates(article.sentences[0].text, PROBE):
        if hit.kind == "weekday":
            words = hit.text.lower().split()
            if words[0] in {"last", "next", "this"}:
                return None
            return WEEKDAYS[words[-1]]
    return None
