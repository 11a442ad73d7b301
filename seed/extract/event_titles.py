"""The clause a date expression dates, and the title made from it.

Clauses are cut at coordinating conjunctions, semicolons, dashes, and a comma before a participle;
a clause without its own subject borrows the sentence's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seed.extract.event_kinds import AUXILIARY
from seed.extract.layout import BULLET
from seed.extract.registry import ActorHit

# Clause boundaries: coordinating conjunctions, semicolons, dashes, and a comma before a
# participle (", splitting the country ..."), which states a consequence, not the same event.
_CLAUSE_SPLIT = re.compile(
    r",\s+(?:but|while|with|whereas|although|as)\s+|;\s+|\s+[\u2013\u2014]\s+|,\s+(?=[a-z]+ing\b)|"
    # ", and it will meet again": a second main clause with a subject of its own
    rf",\s+and\s+(?=(?:it|they|he|she|we|the\s+\w+)\s+(?:{AUXILIARY}|said\b|says\b))"
)
_CONJUNCTION = r"(?:but|and|then|later)\s+"
CONJUNCTIONS = re.compile(rf"\A(?:{_CONJUNCTION})+", re.IGNORECASE)
# A clause that opens with a finite verb or auxiliary shares the sentence's subject.
SUBJECTLESS = re.compile(rf"(?:{_CONJUNCTION})*{AUXILIARY}", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:but|and|also|however|meanwhile|then|so)\b[\s,]*|(?:in|on|since|during|last|this|"
    r"following|after)\s+[^,]{0,30},\s*|which\s+[^,]{0,60},\s*)",
    re.IGNORECASE,
)


def clause_span(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for split_start, split_end in _clause_splits(sentence):
        if split_end <= position:
            start = split_end
        elif split_start >= position:
            end = split_start
            break
    if len(sentence[start:end].split()) < 4:
        return 0, len(sentence)
    return start, end


@lru_cache(maxsize=16384)
def _clause_splits(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where `sentence`'s clause boundaries are, cached by the sentence (several dates of one
    sentence, and the same wire sentence in several articles, ask)."""
    return tuple((m.start(), m.end()) for m in _CLAUSE_SPLIT.finditer(sentence))


def subject_title(text: str, c_start: int, clause: str, hits: list[ActorHit]) -> str:
    """Title of a clause without its own subject: the sentence's opening noun phrase (up to the
    actor it names) and the clause's predicate; else the sentence up to the clause's end."""
    first = next((h for h in hits if h.start < c_start), None)
    predicate = CONJUNCTIONS.sub("", clause, count=1)
    if first is not None and len(text[: first.start].split()) <= 8:
        return make_title(text[: first.end] + " " + predicate)
    return make_title(text[: c_start + len(clause)])


@lru_cache(maxsize=65536)
def make_title(clause: str) -> str:
    text = BULLET.sub("", clause).strip().strip("\"'\u201c\u201d ")
    for _ in range(2):
        text = _LEADING.sub("", text).strip()
    text = text.rstrip(".;:, ")
    if len(text) > 120:
        text = text[:117].rsplit(" ", 1)[0] + "..."
    return text[:1].upper() + text[1:] if text else clause.strip()[:120]
