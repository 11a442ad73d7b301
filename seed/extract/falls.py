"""The fall of a ruler, told without a date: "since the overthrow of dictator X".

Background paragraphs date a country's turmoil from its ruler's fall, often without the year
("since a NATO-backed uprising toppled X"). When the registry knows when that person's rule
ended, the fall is a happening of that year, whatever the article states. The words must name
the fall of the person itself (an ouster, an overthrow, a toppling), with at most a title
between them ("the ouster of longtime ruler X"); a resignation or a visit is not a fall.
"""

from __future__ import annotations

import re
from datetime import date

from seed.extract.dates import DateHit
from seed.extract.governing import governing_span
from seed.extract.registry import ActorHit, Registry
from seed.extract.types import DateInterval

_FALL = re.compile(
    r"\b(?:(?:overthrow|ouster|toppling|downfall|fall|killing)\s+of|overthrew|overthrown|"
    r"toppled|ousted|deposed)\s+"
    # "and killing", "and killed": the second verb shares the first one's object
    r"(?:and\s+(?:killing\s+of|killed)\s+)?"
    r"(?:(?:the|late|longtime|long-time|lengthy-?|former|veteran|dictator|ruler|leader|"
    r"strongman|president|autocrat|colonel|col\.)\s+){0,4}\Z",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"(?:that|which|who)\s+", re.IGNORECASE)
# How far before the name the words of its fall may begin.
_REACH = 80
KIND = "fall"


def fall_hit(text: str, hits: list[ActorHit], registry: Registry) -> DateHit | None:
    """A year hit for the fall of a person whose rule the registry dates, told in `text`."""
    for hit in hits:
        record = registry.get(hit.actor_key)
        if record is None or record.type != "person":
            continue
        end = registry.tenure_end(hit.actor_key)
        if end is None:
            continue
        m = _FALL.search(text, max(0, hit.start - _REACH), hit.start)
        if m is None:
            continue
        year = DateInterval(date(end.year, 1, 1), date(end.year, 12, 31), "year")
        return DateHit(m.start(), hit.end, "", KIND, year, fixed=True)
    return None


def dated_otherwise(text: str, fall: DateHit, hits: list[DateHit]) -> bool:
    """Whether a date of the sentence already dates the fall: one of its year, whose stretch
    holds the fall's words ("since the 2011 uprising that toppled X"). A date of another
    stretch ("imposed an embargo in 2011 amid an uprising that ousted X") dates another
    happening, and the fall is told besides it."""
    for hit in hits:
        if not hit.interval.start <= fall.interval.start <= hit.interval.end:
            continue
        if hit.end <= hit.start:
            return True
        lo, hi = governing_span(text, hit.start, hit.end)
        # "since the 2011 uprising that ousted X": the relative clause tells what the dated
        # uprising did
        told = _RELATIVE.match(text, hi)
        if lo <= fall.start < hi or (told is not None and told.end() == fall.start):
            return True
    return False
