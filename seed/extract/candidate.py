"""An event candidate: one dated happening as one article states it, and the roles of the
actors its clause names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from seed.extract.dates import DateHit
from seed.extract.event_kinds import SPEECH
from seed.extract.registry import ActorHit
from seed.extract.types import DateInterval


@dataclass(slots=True)
class Candidate:
    """One dated happening as one article states it."""

    file_name: str
    sentence_index: int
    paragraph: int
    quote_start: int
    quote_end: int
    quote: str
    date: DateInterval
    date_text: str | None
    date_kind: str
    type: str
    title: str
    summary: str
    actors: list[tuple[str, str]]
    location: str | None
    tokens: frozenset[str]
    lead: bool = False
    # False when the date only resolves against a wide inferred publication interval ("on
    # Thursday" in an article of unknown year): such a candidate may join a dated event as a
    # mention; otherwise it is an event of its own that no other telling joins.
    resolved: bool = True
    # Ids of the near-duplicate groups of the paragraphs the quote spans (see seed.link.origins).
    origins: tuple[str, ...] = ()
    hit: DateHit | None = field(default=None, repr=False)


@lru_cache(maxsize=65536)
def _speech_at(clause: str) -> re.Match[str] | None:
    return SPEECH.search(clause)


def actor_roles(hits: list[ActorHit], clause: str) -> list[tuple[str, str]]:
    """Each actor once: the one named next to a speech verb speaks, the first is the subject,
    the rest take part."""
    speech = _speech_at(clause)
    roles: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, hit in enumerate(hits):
        if hit.actor_key in seen:
            continue
        seen.add(hit.actor_key)
        if speech is not None and abs(hit.end - speech.start()) <= 25:
            role = "speaker"
        elif index == 0:
            role = "subject"
        else:
            role = "participant"
        roles.append((hit.actor_key, role))
    return roles
