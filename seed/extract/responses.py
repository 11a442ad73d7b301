"""A response to what the text told just before: a happening after that day.

"On 4 April, forces seized the checkpoint. In response to the advance, armed groups mobilised
to the outskirts of the capital." The second sentence has no date, yet it tells a happening
that came after the day named just before and no later than the report: its date is the span
from that day to publication, honestly as wide as that. Only a sentence that opens with its
response ("In response to ...", "Responding to ...", "In reaction to ...") and tells it in the
past, a few sentences at most after a day-precise date, in a report whose days are known.
"""

from __future__ import annotations

import re

from seed.extract.chaining import MAX_SENTENCES_BACK, DayAnchor
from seed.extract.dates import DateHit
from seed.extract.event_kinds import event_type
from seed.extract.registry import ActorHit
from seed.extract.spoken import report_days_known
from seed.extract.types import DateInterval

# Counted from the day named before (see seed.extract.chaining): kept apart from the happening
# that named the day.
KIND = "chained"
_OPENS = re.compile(r"\A(?:In\s+(?:response|reaction|retaliation)\s+to|Responding\s+to)\b")
# A verb in the past tense of what was done in response.
_DONE = re.compile(r"\b[a-z]{3,}ed\b")
_NOT_DONE = re.compile(r"\b(?:will|would|shall|is|are|has|have)\s+\Z", re.IGNORECASE)


def response_hit(
    text: str, index: int, anchor: DayAnchor | None, publication: DateInterval
) -> DateHit | None:
    """A hit for the response the undated sentence `text` (at `index`) tells, from the day of
    `anchor` to the end of `publication`; None when it tells none."""
    if anchor is None or index - anchor.sentence > MAX_SENTENCES_BACK:
        return None
    if not report_days_known(publication) or anchor.interval.end > publication.end:
        return None
    opening = _OPENS.match(text)
    if opening is None:
        return None
    comma = text.find(",", opening.end())
    if comma < 0:
        return None
    done = [m for m in _DONE.finditer(text, comma) if not _NOT_DONE.search(text, 0, m.start())]
    # the verb of a known kind of happening, rather than one of an aside ("many of whom are
    # aligned to ...")
    verb = next((m for m in done if event_type(m.group(), 0, 0) != "other"), None) or next(
        iter(done), None
    )
    if verb is None:
        return None
    interval = DateInterval(anchor.interval.start, publication.end, "range")
    return DateHit(verb.start(), verb.end(), "", KIND, interval, anchor.fixed)


def responders(text: str, hit: DateHit, actors: list[ActorHit]) -> list[ActorHit] | None:
    """The actors named after the opening phrase of a response `hit` made: who responded
    (those the opening names are what they responded to); None when `hit` is no response."""
    opening = _OPENS.match(text)
    if opening is None or hit.kind != KIND or hit.text:
        return None
    comma = text.find(",", opening.end())
    return [h for h in actors if h.start > comma]
