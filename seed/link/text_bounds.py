"""What an undated article's own text says about when it was published, without other articles.

A lower bound: the latest date with a year that the text tells as past (a photo caption too),
and a wire dateline's day placed on or after it. An upper bound: the day of an "Updated ..."
line, or, loosely, a year-bearing date the text still plans. Both must never exclude the true
day, so each leaves out what does not prove it: a deadline or plan ("by March 2023", "a
roadmap for 2025", "ahead of the 2025 elections") lies ahead and bounds nothing from below; a
plan the text tells as failed or past ("elections originally scheduled for December 2021") may
be told long after it slipped and bounds nothing from above.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.dates import PROBE, find_dates
from seed.extract.parse import ParsedArticle
from seed.extract.tense import direction_at

# A planned date bounds publication from above, loosely: plans are reported after they slip.
PLANNED_SLACK = timedelta(days=366)
# What right before a date makes it a deadline or a target, possibly still ahead: "by June
# 2021", "through to March 2022", "until 2023", "no later than May 2024", "a roadmap for 2025",
# "ahead of the December 2021 vote".
_AHEAD_BEFORE = re.compile(
    r"\b(?:by|through(?:\s+to)?|until|till|before|for|towards?|no\s+later\s+than|"
    r"ahead\s+of|in\s+time\s+for|deadline\s+of)\s+(?:(?:the\s+)?(?:end|middle|start)\s+of\s+)?"
    r"(?:the\s+)?\Z",
    re.I,
)
# A year naming what it belongs to, which may lie ahead: "the 2025 elections", "its 2030 plan".
_AHEAD_AFTER = re.compile(
    r"\s+(?:(?:presidential|parliamentary|general|legislative|local|municipal)\s+)?"
    r"(?:elections?|polls?|vote|ballot|referendum|conference|summit|talks|budget|plan|roadmap|"
    r"deadline|target|vision|agenda|strategy)\b",
    re.I,
)
# A plan told as failed or as past: then it is no upper bound.
_NOT_STILL_PLANNED = re.compile(
    r"\b(?:originally|initially|supposed|was|were|had|never|failed|failure|postponed|delayed|"
    r"cancell?ed|collapsed|could\s+not|couldn't|did\s+not|didn't|missed|slipped)\b",
    re.I,
)


def _year_bearing(kind: str, text: str) -> bool:
    return kind in {"year", "month_year", "half_year"} or (
        kind in {"day", "day_range"} and text[-4:].isdigit()
    )


def _ahead(text: str, start: int, end: int, *, tensed: bool = True) -> bool:
    """Whether the date at [start, end) of `text` may lie after publication (`tensed`: also
    when no verb tells it as past)."""
    return (
        # "nearest": an election or summit named without a tense cue may still be ahead
        (tensed and direction_at(text, start) != "past")
        or _AHEAD_BEFORE.search(text, 0, start) is not None
        or _AHEAD_AFTER.match(text, end) is not None
    )


def lower_bound(article: ParsedArticle) -> tuple[date, str] | None:
    """The earliest day the article can have been published, and why.

    The latest year-bearing past date of the text; a dateline day ("TRIPOLI, Aug 28") is the
    publication day itself, so its first occurrence on or after that date is a lower bound too.
    """
    latest: date | None = None
    # Captions count here: a photo is taken before the article using it is published.
    # A caption's dates are the photo's, in the past even without a verb ("the envoy at a
    # press conference in Tripoli, March 11, 2023."), unless it names a plan ("ahead of").
    told = [(s.text, False) for s in article.sentences]
    told += [(p.text, True) for p in article.paragraphs if p.kind == "caption"]
    for text, caption in told:
        for hit in find_dates(text, PROBE):
            if not _year_bearing(hit.kind, hit.text) or _ahead(
                text, hit.start, hit.end, tensed=not caption
            ):
                continue
            start = hit.interval.start
            if latest is None or start > latest:
                latest = start
    if latest is None:
        return None
    why = f"the text mentions dates up to {latest.isoformat()}"
    if article.dateline_day is not None:
        month, day = article.dateline_day
        for year in (latest.year, latest.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate >= latest:
                return candidate, why + f" and the dateline says {candidate:%b} {day}"
    return latest, why


def upper_bound(article: ParsedArticle) -> tuple[date, str] | None:
    """A latest publication day: an "Updated ..." line's day, or (loose) a year-bearing date the
    text says is still planned."""
    earliest: date | None = None
    for sentence in article.sentences:
        if _NOT_STILL_PLANNED.search(sentence.text):
            continue
        for hit in find_dates(sentence.text, PROBE):
            if not _year_bearing(hit.kind, hit.text) or hit.kind == "year":
                continue
            if direction_at(sentence.text, hit.start) != "future":
                continue
            bound = hit.interval.end + PLANNED_SLACK
            if earliest is None or bound < earliest:
                earliest = bound
    planned = (
        None
        if earliest is None
        else (earliest, f"the text still plans something for {earliest - PLANNED_SLACK:%Y-%m-%d}")
    )
    if article.updated is not None and (planned is None or article.updated < planned[0]):
        return article.updated, f"the page says it was updated on {article.updated.isoformat()}"
    return planned
