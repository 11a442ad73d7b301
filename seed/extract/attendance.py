"""Who took part in a meeting, told in a later sentence of the article.

A report names a conference in its lead and lists who attended a few paragraphs on: "Key
players attending the summit include ...", "... are also present as co-hosts". Such a sentence
has no date of its own, says someone attended, and refers to the meeting with a definite noun
("the summit", "the talks") or to its attendees ("among those who attended"); its actors took
part in the nearest meeting told before it. A sentence that only adds "also present" goes on
with the list of the attendance sentence just before it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from seed.extract.dates import PROBE, find_dates
from seed.extract.registry import ActorHit

if TYPE_CHECKING:
    from seed.extract.candidate import Candidate
    from seed.extract.parse import Sentence

_ATTENDING = re.compile(
    r"\b(?:attend(?:s|ed|ing)?|(?:took|take|takes|taking)\s+part|"
    r"participat(?:e|es|ed|ing)|(?:is|are|was|were)\s+(?:also\s+)?present|"
    r"co-?host(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
_MEETING_WORDS = r"meetings?|conferences?|summits?|talks|sessions?|gatherings?|forums?"
_THE_MEETING = re.compile(
    rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,3}}?(?:{_MEETING_WORDS})\b", re.IGNORECASE
)
# "Among those who attended were ...": the people who attended the meeting just told.
_THOSE_ATTENDING = re.compile(
    r"\bthose\s+(?:who\s+)?(?:attend|took\s+part|participat|present)", re.IGNORECASE
)
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
# How many sentences back the meeting may be told, and how many paragraphs an "also present"
# sentence may follow the list it adds to.
_REACH = 10
_LIST_GAP = 2


@lru_cache(maxsize=16384)
def _attending(text: str) -> bool:
    return _ATTENDING.search(text) is not None


def add_attendees(
    candidates: list[Candidate], sentences: tuple[Sentence, ...], hits_of: list[list[ActorHit]]
) -> None:
    """Add, in place, the attendees later sentences list to the meetings they refer to."""
    meetings: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type == "meeting":
            meetings.setdefault(candidate.sentence_index, []).append(candidate)
    if not meetings:
        return
    listing: tuple[int, list[Candidate]] | None = None
    for index, sentence in enumerate(sentences):
        text = sentence.text
        if not hits_of[index] or not _attending(text) or index in meetings:
            continue
        if find_dates(text, PROBE):
            continue  # a dated sentence tells a happening of its own
        targets: list[Candidate] | None = None
        if _THE_MEETING.search(text) or _THOSE_ATTENDING.search(text):
            before = [i for i in meetings if index - _REACH <= i < index]
            if before:
                targets = meetings[max(before)]
        elif (
            listing is not None
            and _ALSO.search(text)
            and sentence.paragraph - sentences[listing[0]].paragraph <= _LIST_GAP
        ):
            targets = listing[1]
        if targets is None:
            continue
        listing = (index, targets)
        for candidate in targets:
            for hit in hits_of[index]:
                if all(hit.actor_key != key for key, _ in candidate.actors):
                    candidate.actors.append((hit.actor_key, "participant"))
