"""Talks that led to the happening the sentence before dated: "The deal came after ten hours
of talks."

A report dates an agreement ("Countries agreed on Sunday to ...") and tells in the next
sentence what it came out of, without a date: "The agreement came after about four hours of
talks in Berlin." The talks are a happening of their own (a meeting) and end on the day of
the agreement: talks of some hours are held that day, talks of N days are the N days up to
it (as "signed on Friday after five days of talks" in one sentence, see seed.extract.chaining).
The sentence must open with the agreement it refers back to, and the day must be named in the
sentence just before.
"""

from __future__ import annotations

import re
from datetime import timedelta

from seed.extract.calendar_math import NUMBERS
from seed.extract.candidate import Candidate
from seed.extract.chaining import DayAnchor
from seed.extract.dates import DateHit
from seed.extract.types import DateInterval

_CAME_AFTER = re.compile(
    r"\A(?:The|This|That|Their)\s+(?:[\w-]+\s+)?(?:agreement|deal|accord|ceasefire|cease-fire|"
    r"truce|declaration|breakthrough|decision|vote|approval)\s+(?:came|followed|"
    r"was\s+(?:reached|signed|agreed|announced|taken))\s+"
    r"(?:after|following|at\s+the\s+end\s+of)\s+"
    r"(?P<span>(?:about|nearly|some|almost|more\s+than|over)?\s*(?P<n>\w+)\s+(?P<unit>hours?|"
    r"days?)\s+of\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|meetings|discussions|"
    r"consultations|deliberations|debate|sessions))\b",
    re.IGNORECASE,
)
_TALKS = re.compile(
    r"\b(?:talks|negotiations|meetings|discussions|consultations|deliberations|debate|sessions)\Z",
    re.IGNORECASE,
)
_MAX_DAYS = 14
# Counted from the day named before, like "the next day" (see seed.extract.chaining): kept
# apart from the agreement that named the day.
KIND = "chained"


def talks_before(text: str, index: int, anchor: DayAnchor | None) -> DateHit | None:
    """A hit for the talks an undated sentence says the agreement dated just before came
    after; None when the sentence says no such thing."""
    if anchor is None or index - anchor.sentence != 1:
        return None
    m = _CAME_AFTER.match(text)
    if m is None:
        return None
    word = m.group("n").lower()
    count = NUMBERS.get(word) or (int(word) if word.isdigit() else 0)
    if not 0 < count <= (_MAX_DAYS if m.group("unit").lower().startswith("day") else 48):
        return None
    last = anchor.interval.end
    first = last - timedelta(days=count - 1) if m.group("unit").lower().startswith("day") else last
    interval = DateInterval(first, last, "day" if first == last else "range")
    return DateHit(m.start("span"), m.end("span"), "", KIND, interval, anchor.fixed)


def is_talks(text: str, hit: DateHit) -> bool:
    """Whether `hit` is one `talks_before` made: the talks are a meeting, whatever they led to."""
    return hit.kind == KIND and not hit.text and _TALKS.search(text, hit.start, hit.end) is not None


def share_with_talks(candidates: list[Candidate]) -> None:
    """Talks that ended in a happening of the same sentence were held by its parties: a span
    candidate takes the actors of the others of its sentence."""
    for talks in candidates:
        if talks.date_kind != "span":
            continue
        known = {key for key, _ in talks.actors}
        for other in candidates:
            if other.sentence_index != talks.sentence_index or other.date_kind == "span":
                continue
            for key, _ in other.actors:
                if key not in known:
                    talks.actors.append((key, "participant"))
                    known.add(key)
