"""Where an article dates itself: a wire dateline ("TRIPOLI, Aug 28 (Reuters) -"), a place and
full date opening the text, or a line near the top that only gives the page's date.

These lines are not reporting: the dateline's day is the publication day, its agency a publisher.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.calendar_math import MONTH_NAME, MONTHS
from seed.extract.layout import AGENCY_NAMES, BULLET, Paragraph
from seed.extract.types import DateInterval

# "TRIPOLI, Libya (AP) — ", "TRIPOLI, Aug 28 (Reuters) - ", "Tripoli, Oct. 3 (AFP) -- ",
# "BENGHAZI, Libya, Oct. 3 (UPI) --": an upper-case place, or any place with an agency.
# The day of a dateline, month first or day first, perhaps with a year and a full stop:
# "Aug 28", "28 August", "Oct. 3, 2020", "June 21." (as TASS sets it).
_DATELINE_DAY = (
    rf"(?:,?\s*(?:(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+"
    rf"(?P<month2>{MONTH_NAME}))(?:,?\s*(?P<year>\d{{4}}))?\.?)?"
)
_DAY_LOOK = rf",?\s*(?:{MONTH_NAME}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_NAME})(?:,?\s*\d{{4}})?\.?"
# What ends a dateline: a dash, two hyphens, or a colon ("CAIRO, June 21 (MENA):").
_DASH = r"(?:-{1,2}|[\u2013\u2014]|:)"
_DATELINE = re.compile(
    r"\A(?P<place>(?:[A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+){0,2})|"
    # a place in any case: with an agency after it, or with a day and a dash
    # (not a preposition opening a sentence: "On June 21 - the day of the vote - ...")
    r"(?!(?:On|In|By|Since|From|Until|At|During|Before|After|Early|Late|Mid)\b)"
    r"(?=[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    rf"(?:(?:{_DAY_LOOK})?\s*[(/]|{_DAY_LOOK}\s*{_DASH}\s+[A-Z\"\u201c])))"
    r"(?P<place2>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})?"
    r"(?:,\s*(?P<region>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?"
    rf"{_DATELINE_DAY}"
    # the agency in brackets or between slashes ("/AGENCY/"); some copy sets ".-" as the dash
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .]{1,25})\)|/(?P<agency2>[A-Za-z][A-Za-z .]{1,25})/)?"
    # ... and some none at all right after the agency ("(Reuters) The", "/TASS/. The")
    rf"(?:\s*\.?{_DASH}\s+|(?P<bare>(?<=[)/])\.?\s+(?=[A-Z\"\u201c])))"
)
# A date with its year, day first or month first: "24 October 2020", "Oct. 24, 2020", "12th
# November 2021". `stated_date` reads its groups.
_FULL_DATE = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_NAME})|(?P<month2>{MONTH_NAME})"
    r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?),?\s+(?P<year>\d{4})"
)
# A place and a full date opening the text, as many newspapers set it: "London, 24 October
# 2020:", "Tripoli - 24 October 2020 -", "Benghazi, October 24, 2020 -".
_DATED_PLACE = re.compile(
    r"\A(?P<place>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})\s*[,\u2013\u2014-]\s*"
    rf"{_FULL_DATE}\s*(?::|-{{1,2}}|[\u2013\u2014]|\Z)\s*"
)
# A line that only dates the article, as web pages print it above or below the headline:
# "November 12, 2021", "Published: 12 Nov 2021 14:05 GMT", "Friday, 12 November 2021",
# "2021-11-12T10:00:00Z", "Published: 02:05 PM, 12 Nov, 2021". "Updated ..." lines date an
# edit, not the publication.
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE_LINE = re.compile(
    # (a list bullet may set it off: "\u2022 November 12 2021 10:30")
    r"\A(?:[\u2022\u00b7]\s*)?(?:(?P<label>(?:first\s+)?published|posted|(?:last\s+)?updated|modified|date)"
    r"(?:\s+(?:on|at))?\s*:?\s*)?"
    # the time may come first: "02:05 PM, 12 Nov, 2021"
    rf"(?:{_TIME}\s*(?:(?:UTC|GMT)\b|[A-Z]{{2,4}}T\b)?\s*[,|\u2013\u2014-]?\s*)?"
    rf"{_WEEKDAY}(?:{_FULL_DATE}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    rf"(?:(?:\s*[,|\u2013\u2014-]\s*|T|\s+(?:at\s+)?){_TIME}"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2})?\)?"
    r"|[A-Z]{2,4}T)?)?\s*\Z",
    re.IGNORECASE,
)
# A line that dates the page beside a credit or a section label, as sites print it under the
# headline: "AFP 21 Sep 2021", "Reuters - March 3, 2022", "Apr 9, 2019 | Libya news",
# "World | 12 November 2021". The credit is a news agency (a capitalised name before a date
# may as well be a photo's subject: "Khalifa Haftar, 3 March 2022"); a label stands behind a
# bar, which no caption or sentence uses.
_CREDITED_DATE_LINE = re.compile(
    rf"\A(?:(?:The\s+)?(?:{AGENCY_NAMES})\s*[,|\u2013\u2014-]?\s*|"
    r"[^|\u2022;\n]{1,40}[|\u2022;]\s*)?"
    rf"{_WEEKDAY}{_FULL_DATE}(?:\s*[|\u2022]\s*[^|\u2022\n]{{1,40}})?\s*\Z",
    re.IGNORECASE,
)
# A wire dateline without a place: "May 26 (UPI) -- ", "3 March (Reuters) - ". Only a known
# agency makes it one ("March 3 (local time) - ..." opens a sentence).
_AGENCY_DATELINE = re.compile(
    rf"\A(?=(?:{MONTH_NAME})\s+\d|\d{{1,2}}\s+(?:{MONTH_NAME})){_DATELINE_DAY}"
    rf"\s*\((?P<agency>{AGENCY_NAMES})\)\s*\.?{_DASH}\s+"
)
# A line that is only a place in capitals ("ANKARA"), as some agencies set their dateline.
_DATELINE_LINE = re.compile(r"\A[A-Z][A-Z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+){0,2}\s*[-\u2013\u2014]?\Z")


def strip_date_lines(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], date | None, date | None]:
    """Set apart the lines near the top that only date the page: the first publication day
    they state, and the earliest "Updated ..." day."""
    out = list(paragraphs)
    stated: date | None = None
    updated: date | None = None
    for i, para in enumerate(out[:6]):
        if len(para.text) > 80:
            continue
        found = _DATE_LINE.match(para.text)
        if found is not None:
            out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
        elif para.kind != "caption":
            # A credit keeps its kind: the agency it names may be the publisher.
            found = _CREDITED_DATE_LINE.match(para.text)
            if found is not None and para.kind != "boilerplate":
                out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
        if found is None:
            continue
        day = stated_date(found)
        if day is None:
            continue
        if (found.groupdict().get("label") or "").lower().endswith(("updated", "modified")):
            updated = day if updated is None else min(updated, day)
        elif stated is None:
            stated = day
    return out, stated, updated


def stated_date(found: re.Match[str]) -> date | None:
    """The full date a date line or a dateline states; None without a year, or for a day that
    does not exist ("31 February 2021" is not a date, so not the publication)."""
    parts = found.groupdict()
    month = parts.get("month") or parts.get("month2")
    day = parts.get("day") or parts.get("day2")
    try:
        if parts.get("iso"):
            return date.fromisoformat(parts["iso"])
        if not (month and day and parts.get("year")):
            return None
        return date(int(parts["year"]), MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def _dated(found: re.Match[str]) -> bool:
    return bool(found.group("month") or found.group("month2"))


def strip_dateline(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], re.Match[str] | None]:
    """Cut the wire dateline off the first body paragraph (or drop a dateline-only line)."""
    out = list(paragraphs)
    # the first four paragraphs, past a page's summary points set above the wire's first one
    top = [i for i, para in enumerate(out) if not BULLET.match(para.text)][:4]
    for n, i in enumerate(top):
        para = out[i]
        if para.kind in {"caption", "boilerplate", "dateline"} or (
            para.kind == "headline" and i == 0
        ):
            continue
        if _DATELINE_LINE.match(para.text) and len(para.text.split()) <= 3:
            out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
            continue
        found = _DATELINE.match(para.text)
        if found is not None and found.group("bare") and not _dated(found):
            found = None  # "The UN (which leads the talks) The ...": no dash, no day
        if found is None or not (
            found.group("place")
            or found.group("agency")
            or found.group("agency2")
            or (found.group("place2") and _dated(found))
        ):
            found = _DATED_PLACE.match(para.text) or _AGENCY_DATELINE.match(para.text)
        if found is None:
            return _agency_dateline(out, top[n + 1 :])
        if found.end() == len(para.text):
            out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
            return out, found
        cut = found.end()
        out[i] = Paragraph(para.index, para.start + cut, para.end, para.text[cut:], "body")
        return out, found
    return out, None


def _agency_dateline(
    out: list[Paragraph], later: list[int]
) -> tuple[list[Paragraph], re.Match[str] | None]:
    """A day and an agency opening a later top paragraph ("May 26 (UPI) -- ..."): pages set a
    photo and its caption (not always marked as one) before the wire's first paragraph, and
    nothing else opens with a known agency's credit right after a day. `later` are the indexes
    of the top paragraphs to look at."""
    for i in later:
        para = out[i]
        found = _AGENCY_DATELINE.match(para.text) if para.kind == "body" else None
        if found is not None:
            cut = found.end()
            out[i] = Paragraph(para.index, para.start + cut, para.end, para.text[cut:], "body")
            return out, found
    return out, None


# Wire copy runs the day it was filed or a day or two later (a reprint): the dateline's day may
# lie that far before the publication interval.
FILED_BEFORE = timedelta(days=2)


def filing_day(dateline_day: tuple[int, int] | None, publication: DateInterval) -> DateInterval:
    """The day the article's relative words count from ("CITY, Nov 24 (Agency) - ... said
    today" is Nov 24, also when it was printed the next day): the dateline's day when exactly
    one such day lies in the (narrow) publication interval or just before it; otherwise the
    publication interval itself."""
    if dateline_day is None or publication.end - publication.start > FILED_BEFORE:
        return publication
    month, day = dateline_day
    found: set[date] = set()
    for year in range(publication.start.year - 1, publication.end.year + 1):
        try:
            filed = date(year, month, day)
        except ValueError:
            continue
        if publication.start - FILED_BEFORE <= filed <= publication.end:
            found.add(filed)
    if len(found) != 1:
        return publication
    filed = found.pop()
    return DateInterval(filed, filed, "day")
