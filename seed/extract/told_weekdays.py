"""A planned weekday counted from the day the sentence tells, not from publication.

"The road would reopen on Saturday, the governor announced Thursday", printed on Sunday, means
the Saturday after that Thursday (the day before publication), not the coming one; "the envoy
landed on Monday ahead of Wednesday's meeting" means the Wednesday after that Monday. The day
counted from is the one a reporting verb gives (when the sentence gives exactly one), or, for a
weekday "ahead of" which the sentence tells, the weekday named before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from seed.extract.tense import reported_at
from seed.extract.types import DateInterval

if TYPE_CHECKING:  # the hits are made by seed.extract.dates, which calls this module
    from seed.extract.dates import DateHit

# Resolves a planned weekday again, from another day than publication.
Recount = Callable[[DateInterval], DateInterval | None]
# "ahead of Tuesday's talks": the talks follow the happening the sentence tells.
_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)


def bare_weekday(rel: str | None) -> bool:
    """A weekday without "next", "this" or "last": counted from the day it was told."""
    return (rel or "on").lower() == "on"


def count_from_the_telling(
    sentence: str, hits: list[DateHit], planned: list[tuple[int, Recount]]
) -> None:
    """Replace (in `hits`) each planned weekday by the one after the day the sentence tells."""
    ahead = {index for index, _ in planned}
    told = [
        h for i, h in enumerate(hits) if i not in ahead and h.kind == "weekday"
        and h.interval.precision == "day" and reported_at(sentence, h.start)
    ]  # fmt: skip
    for index, recount in planned:
        said = told[0] if len(told) == 1 else None
        if said is None and _AHEAD_OF.search(sentence, 0, hits[index].start):
            earlier = [
                h for i, h in enumerate(hits) if i not in ahead and h.kind == "weekday"
                and h.start < hits[index].start and h.interval.precision == "day"
            ]  # fmt: skip
            said = earlier[-1] if earlier else None
        if said is None:
            continue
        interval = recount(said.interval)
        if interval is not None:
            hits[index] = replace(hits[index], interval=interval)
