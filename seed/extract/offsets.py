"""A happening named by how many days it lies from the dated one of the sentence.

"Three days before the start of the summit, the road was reopened yesterday": the sentence
dates the reopening, and names a second happening (the summit) by counting from it; the summit
starts three days after the reopening. "Two days after the vote, the commission resigned on
Friday" puts the vote two days before Friday. Only whole days and weeks are counted, from a
happening the sentence dates to the day; a month ("a month ahead of the elections") is no
count of days.
"""

from __future__ import annotations

import re
from datetime import timedelta

from seed.extract.calendar_math import NUMBERS
from seed.extract.candidate import Candidate
from seed.extract.dates import DateHit
from seed.extract.event_kinds import event_type
from seed.extract.event_titles import make_title
from seed.extract.tokens import content_tokens
from seed.extract.types import DateInterval

# The kind of such a date: a day counted from another date (see seed.extract.chaining).
KIND = "chained"
_OFFSET = re.compile(
    r"\b(?P<n>\w+)\s+(?P<unit>days?|weeks?)\s+(?P<way>before|ahead\s+of|prior\s+to|after|"
    r"following)\s+(?:the\s+(?:start|opening|beginning|end|close)\s+of\s+)?"
    r"(?P<what>(?:the|a|an|this|next|its|their)\s+[^,;.:]{2,80}?)(?=\s*[,;.:]|\s*\Z)",
    re.IGNORECASE,
)
# What the counted-from phrase must name: a happening, not a thing.
_HAPPENING = re.compile(
    r"\b(?:conference|summit|talks|elections?|vote|ballot|polls|referendum|meeting|forum|"
    r"visit|ceasefire|truce|deadline|session|negotiations|signing|ceremony)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"before|ahead|prior", re.IGNORECASE)


def offset_hits(sentence: str, hits: tuple[DateHit, ...]) -> list[DateHit]:
    """The happenings `sentence` names by a count of days from a day it dates (`hits`)."""
    days = [h for h in hits if h.interval.start == h.interval.end and h.end > h.start]
    if not days:
        return []
    found: list[DateHit] = []
    for m in _OFFSET.finditer(sentence):
        count = _count(m.group("n"))
        if count is None or not _HAPPENING.search(m.group("what")):
            continue
        anchors = [h for h in days if not m.start() <= h.start < m.end()]
        if not anchors:
            continue
        anchor = min(anchors, key=lambda h: abs(h.start - m.start()))
        step = timedelta(days=count * (7 if m.group("unit").lower().startswith("week") else 1))
        day = anchor.interval.start + (step if _BEFORE.match(m.group("way")) else -step)
        found.append(
            DateHit(
                m.start(), m.end(), m.group(0), KIND, DateInterval(day, day, "day"), anchor.fixed
            )
        )
    return found


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word.lower() in {"several", "few"}:
        return None  # no count
    return NUMBERS.get(word.lower())


def as_counted(candidate: Candidate, sentence_start: int, hit: DateHit) -> None:
    """Make `candidate`, read from the sentence for the offset `hit`, the happening the count
    names: its words only, the kind they name (in place)."""
    m = _OFFSET.match(hit.text)
    what = m.group("what") if m is not None else hit.text
    candidate.quote_start = sentence_start + hit.start
    candidate.quote_end = sentence_start + hit.end
    candidate.quote = hit.text
    candidate.title = make_title(what)
    candidate.type = event_type(what, 0)
    candidate.tokens = content_tokens(what)
