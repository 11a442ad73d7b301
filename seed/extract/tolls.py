"""A casualty toll told without a date: "At least 27 people have been killed so far".

A count of the dead, wounded or displaced in the present perfect is a toll as it stands on the
day of the report: a report of that day, whatever span of fighting it sums up. Counts told in
the past ("clashes killed 42 people in May") carry the date of their happening instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seed.extract.dates import DateHit
from seed.extract.types import DateInterval

_TOLL = re.compile(
    r"\b\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:have|has)\s+(?:now\s+|so\s+far\s+)?"
    r"(?:been\s+killed|been\s+wounded|been\s+injured|been\s+displaced|died|been\s+left\s+dead)\b",
    re.IGNORECASE,
)
KIND = "toll"


def toll_hit(text: str, publication: DateInterval) -> DateHit | None:
    """A hit dating the toll `text` tells to the day of the report, if it tells one."""
    span = _toll_span(text)
    if span is None:
        return None
    return DateHit(span[0], span[1], "", KIND, publication)


@lru_cache(maxsize=16384)
def _toll_span(text: str) -> tuple[int, int] | None:
    # Cached by the text: wire sentences recur across articles of different days.
    m = _TOLL.search(text)
    return None if m is None else (m.start(), m.end())
