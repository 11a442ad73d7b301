"""Simple references back to an actor named earlier: a pronoun or a title noun phrase.

News copy names an actor once and then says "he", "the minister" or "the committee". Each
reference resolves to an actor of the most recent earlier sentence with one that can be meant
(a person for "he", "she" and person titles; a body for "it" and body nouns, whose name must
contain the noun; anyone for "they"), and within that sentence to the first such actor: the
subject of a sentence is what the next one goes on about. Nothing is resolved when no earlier
actor fits. "She" and "he" skip a person known to be of the other gender (the registry lists
the women it holds; a discovered person's title may say: "spokeswoman").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from seed.extract.registry import ActorHit
from seed.extract.types import ActorRecord

_PERSON_PRONOUN = re.compile(r"\A(?:he|she|his|her)\Z", re.I)
_FEMININE_PRONOUN = re.compile(r"\A(?:she|her)\Z", re.I)
# Whether an actor is a woman: True, False, or None when unknown.
Gender = Callable[[str], bool | None]
_BODY_PRONOUN = re.compile(r"\A(?:it|its)\Z", re.I)
_ANY_PRONOUN = re.compile(r"\A(?:they|their|we|our)\Z", re.I)
_PERSON_TITLES = (
    r"(?:(?:foreign|prime|defen[cs]e|interior)\s+)?minister|president|envoy|spokes(?:man|woman|"
    r"person)|general|commander|marshal|ambassador|premier|chancellor|secretary|chief|leader|"
    r"official|diplomat|prosecutor|mayor|speaker|chairman|chairwoman|head"
)
_BODY_NOUNS = (
    r"ministry|government|council|committee|commission|mission|army|parliament|house|"
    r"assembly|organi[sz]ation|agency|alliance|union|court|authority|forces|presidency|cabinet|"
    r"coalition|conference|group|company"
)
# "the minister", "the Turkish minister", "the UN envoy": a title after a determiner.
REFERENCE = re.compile(
    rf"\b(?P<ref>(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[A-Z][\w.-]*\s+|[a-z]+-[a-z]+\s+)?"
    rf"(?P<noun>{_PERSON_TITLES}|{_BODY_NOUNS})|(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e))\b"
)
_BODY_TYPES = {"state", "government", "organization", "intergovernmental", "armed_group"}


def resolve_reference(
    surface: str,
    noun: str | None,
    earlier: Sequence[Sequence[ActorHit]],
    record: Callable[[str], ActorRecord | None],
    feminine: Gender | None = None,
) -> str | None:
    """The actor `surface` refers back to; `earlier` holds the hits of earlier sentences."""
    for sentence in reversed(earlier):
        for hit in sentence:
            actor = record(hit.actor_key)
            if actor is None or not _fits(surface, noun, actor):
                continue
            if noun is None and feminine is not None and _PERSON_PRONOUN.match(surface):
                woman = feminine(actor.key)
                if woman is not None and woman != bool(_FEMININE_PRONOUN.match(surface)):
                    continue
            return actor.key
    return None


def _fits(surface: str, noun: str | None, actor: ActorRecord) -> bool:
    if noun is None:
        if _PERSON_PRONOUN.match(surface):
            return actor.type == "person"
        if _BODY_PRONOUN.match(surface):
            return actor.type in _BODY_TYPES
        return bool(_ANY_PRONOUN.match(surface))
    noun = noun.lower()
    if re.fullmatch(_PERSON_TITLES, noun):
        if actor.type != "person":
            return False
        # A discovered person keeps the role they were introduced with; it must agree.
        described = (actor.description or "").lower()
        return not described or noun.split()[-1] in described or noun in {"official", "leader"}
    head = noun.split()[-1]
    return actor.type in _BODY_TYPES and head.rstrip("s") in actor.name.lower()


def referent_in(
    span: str,
    earlier: Sequence[Sequence[ActorHit]],
    record: Callable[[str], ActorRecord | None],
    feminine: Gender | None = None,
) -> str | None:
    """The actor the first reference in `span` resolves to, if any."""
    for m in REFERENCE.finditer(span):
        resolved = resolve_reference(
            m.group("pronoun") or m.group("ref"), m.group("noun"), earlier, record, feminine
        )
        if resolved is not None:
            return resolved
    return None


# "The two delegations", "both sides": the two parties a sentence before named.
PAIR = re.compile(
    r"(?:[Tt]he\s+two|[Bb]oth)\s+(?:\w+\s+)?(?:delegations|sides|parties|rivals|leaders|camps)\b"
)


def pair_in(
    earlier: Sequence[Sequence[ActorHit]], record: Callable[[str], ActorRecord | None]
) -> list[str]:
    """The first two people of the most recent earlier sentence that names two or more: whom
    "the two delegations" stand for (their heads, the people the report goes on about)."""
    for sentence in reversed(earlier):
        people = [
            h.actor_key for h in sentence if (r := record(h.actor_key)) and r.type == "person"
        ]
        people = list(dict.fromkeys(people))
        if len(people) >= 2:
            return people[:2]
    return []
