"""Quotation marks in a sentence, and the dates a quotation gives its speaker.

A date inside quotation marks is the speaker's: it dates the reporting sentence only when the
quotation is the only place the sentence gives a date and the sentence says who spoke.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from seed.extract.dates import DateHit, find_dates
from seed.extract.event_kinds import SPEECH
from seed.extract.parse import Sentence
from seed.extract.types import DateInterval

# Straight and curly double quotation marks: one place for every rule that reads quotations.
QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


@lru_cache(maxsize=65536)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(opening, closing) offsets of each pair of quotation marks; a tuple, as it is cached."""
    marks = [m.start() for m in QUOTE_MARKS.finditer(text)]
    return tuple((marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2))


def inside_quotes(sentence: Sentence, hit: DateHit) -> bool:
    return any(s < hit.start < e for s, e in quoted_spans(sentence.text))


def speaker_dates(
    sentence: Sentence, found: tuple[DateHit, ...], publication: DateInterval
) -> list[DateHit]:
    """The dates of a quotation that is the only place the sentence gives a date, when the
    sentence says outside the quotation who spoke ("'Today we signed,' the envoy said"): they
    date the speaker's words, and are marked so ("quoted")."""
    if not found:
        return []
    text, cursor, outside = sentence.text, 0, []
    for start, end in quoted_spans(text):
        outside.append(text[cursor:start])
        cursor = end + 1
    outside.append(text[cursor:])
    if not SPEECH.search(" ".join(outside)):
        return []
    # The speaker spoke on the day of the report or the day before: "today" in the quotation is
    # one of those days, not necessarily the publication day.
    spoken = DateInterval(publication.start - timedelta(days=1), publication.end, "range")
    widened = {h.start: h for h in find_dates(text, spoken)}
    return [
        DateHit(
            h.start,
            h.end,
            h.text,
            "quoted",
            h.interval if h.fixed else widened[h.start].interval,
            h.fixed,
        )
        for h in found
        if h.fixed or h.start in widened
    ]
