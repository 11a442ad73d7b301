"""Dates given relative to the previous dated happening: "the same day", "the next day", "a day
later", "the previous day", "shortly after,"; and talks that ended on a dated happening ("signed
on Friday after five days of talks", "at the end of three-day talks"), which span the days up to it.

News copy dates a chain of happenings once and then counts from it. Such a phrase resolves
against the latest day the text has named before it (earlier in the sentence, or in one of the
few sentences before), never against the publication date; without such a day it says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from seed.extract.calendar_math import NUMBERS
from seed.extract.dates import DateHit
from seed.extract.types import DateInterval

# What may follow a phrase that counts from another happening named right there ("the day
# before the vote"): then the phrase is not relative to the previous date.
_NAMED_NEXT = r"(?!\s+(?:the|a|an|his|her|its|their|this|that|yesterday|today)\b)"
_CHAINED = re.compile(
    # "the same day as the vote" counts from the vote, not from the previous date
    r"\b(?:(?P<same>(?:on\s+)?the\s+same\s+(?:day|evening|morning|night)(?!\s+as\b)|"
    r"(?:later\s+)?(?:on\s+)?that\s+(?:same\s+)?(?:day|evening|morning|night)|"
    r"shortly\s+(?:after(?:wards)?|afterwards)(?=\s*,)|hours\s+later)|"
    rf"(?P<next>(?:on\s+)?the\s+(?:next|following)\s+(?:day|morning)|a\s+day\s+later|"
    rf"the\s+day\s+after{_NAMED_NEXT})|"
    rf"(?P<previous>(?:on\s+)?the\s+(?:previous|preceding)\s+day|the\s+day\s+before{_NAMED_NEXT}|"
    r"a\s+day\s+earlier))\b",
    re.IGNORECASE,
)
# Talks of a stated length that a dated happening of the same sentence ended.
_SPAN = re.compile(
    r"\b(?:after|following|at\s+the\s+end\s+of|concluding|closing)\s+(?:(?P<n>\w+)\s+days?\s+of|"
    r"(?P<n2>\w+)-day)\s*,?\s+(?:[\w.\u2019'-]+,?\s+){0,3}?(?:talks|meetings?|negotiations|"
    r"consultations|conference|summit|session|discussions)\b",
    re.IGNORECASE,
)
_MAX_SPAN_DAYS = 14
# A gathering of a stated length whose end a day of the sentence dates: "the two-day conference
# on Libya ended on Tuesday", "a three-day summit, which concluded in Geneva on Friday".
_LASTED = re.compile(
    r"\b(?:the|a|its|their)\s+(?P<n>\w+)-day\s+(?:[\w.\u2019'-]+\s+){0,3}?(?:talks|meetings?|"
    r"negotiations|consultations|conference|summit|session|discussions|forum|dialogue)\b"
    r"[^.;\"\u201c\u201d]{0,80}?\b(?:ended|concluded|closed|wrapped\s+up)\b",
    re.IGNORECASE,
)
# How far after its verb the day that ends such a gathering may be named ("ended in Geneva on").
_LASTED_REACH = 40
# Hits that no expression of the text states: an undated lead, a lead in the present perfect.
_NOT_STATED = frozenset({"lead", "perfect", "span"})
# How many sentences back the day a phrase counts from may be named.
MAX_SENTENCES_BACK = 3


@dataclass(slots=True)
class DayAnchor:
    """The latest day-precise date the text has named, and where."""

    interval: DateInterval
    fixed: bool
    sentence: int
    position: int


def chained_hits(
    sentence: str, index: int, taken: tuple[DateHit, ...], anchor: DayAnchor | None
) -> list[DateHit]:
    """Hits for the chained phrases of sentence `index`, each resolved against the latest day
    named before it (`taken`, the sentence's own hits, or `anchor`, from earlier sentences)."""
    found: list[DateHit] = []
    for start, end, text, step in _chained_phrases(sentence):
        if any(h.start < end and start < h.end for h in taken):
            continue
        base = latest_day(taken, start, index) or anchor
        if base is None or index - base.sentence > MAX_SENTENCES_BACK:
            continue
        day = base.interval.start + timedelta(days=step)
        interval = DateInterval(day, day, "day")
        found.append(DateHit(start, end, text, "chained", interval, base.fixed))
    return found


@lru_cache(maxsize=16384)
def _chained_phrases(sentence: str) -> tuple[tuple[int, int, str, int], ...]:
    """The chained phrases of `sentence` (start, end, text, days from the day counted from),
    cached by the sentence alone: wire sentences recur across articles."""
    return tuple(
        (
            m.start(),
            m.end(),
            m.group(0),
            1 if m.group("next") else -1 if m.group("previous") else 0,
        )
        for m in _CHAINED.finditer(sentence)
    )


def span_hits(sentence: str, taken: tuple[DateHit, ...]) -> list[DateHit]:
    """Talks of N days ended by the day-precise happening of the same sentence: the N days up to
    and including it ("signed on Friday after five days of talks" = Monday to Friday)."""
    # the happening that ended the talks: one day, or (in an article whose publication is
    # only known to within some days) a short span of the days it may be
    days = [h for h in taken if _width(h) <= _MAX_SPAN_DAYS and h.kind not in _NOT_STATED]
    found: list[DateHit] = []
    if not _has_span(sentence):
        return found
    for m in _SPAN.finditer(sentence):
        word = (m.group("n") or m.group("n2")).lower()
        count = NUMBERS.get(word) or (int(word) if word.isdigit() else 0)
        if not days or not 1 < count <= _MAX_SPAN_DAYS or word in {"a", "an", "several", "few"}:
            continue
        if any(h.start < m.end() and m.start() < h.end for h in taken):
            continue
        base = min(days, key=lambda h: min(abs(h.start - m.end()), abs(m.start() - h.end)))
        first = base.interval.start - timedelta(days=count - 1)
        interval = DateInterval(first, base.interval.end, "range")
        found.append(DateHit(m.start(), m.end(), m.group(0), "span", interval, base.fixed))
    return found


def lasted_hits(sentence: str, hits: list[DateHit]) -> list[DateHit]:
    """`hits` with the day that ends a gathering of N days ("the two-day conference ended on
    Tuesday") read as the N days up to and including it: the gathering is what the sentence
    tells, and it lasted those days, not only the last one."""
    if "-day" not in sentence:
        return hits
    widened = list(hits)
    for m in _LASTED.finditer(sentence):
        word = m.group("n").lower()
        count = NUMBERS.get(word) or (int(word) if word.isdigit() else 0)
        if not 1 < count <= _MAX_SPAN_DAYS:
            continue
        for i, hit in enumerate(widened):
            if (
                m.end() <= hit.start <= m.end() + _LASTED_REACH
                and _width(hit) == 0
                and hit.kind not in _NOT_STATED
                and hit.kind != "chained"
            ):
                first = hit.interval.start - timedelta(days=count - 1)
                interval = DateInterval(first, hit.interval.end, "range")
                widened[i] = replace(hit, interval=interval)
                break
    return widened


@lru_cache(maxsize=16384)
def _has_span(sentence: str) -> bool:
    return _SPAN.search(sentence) is not None


def _width(hit: DateHit) -> int:
    return (hit.interval.end - hit.interval.start).days


def latest_day(hits: tuple[DateHit, ...], before: int, index: int) -> DayAnchor | None:
    """The last hit of one day that ends before `before` in sentence `index`."""
    last: DayAnchor | None = None
    for hit in hits:
        one_day = hit.interval.start == hit.interval.end
        if hit.end <= before and one_day and hit.kind not in _NOT_STATED:
            last = DayAnchor(hit.interval, hit.fixed, index, hit.start)
    return last
