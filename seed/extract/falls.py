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
