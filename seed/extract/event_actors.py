"""Actors of an event that its own sentence does not name, and which of them is the object.

The sentence that holds a date often says "he", "the minister" or "the committee" for an actor
named before, and the next sentence often says who took part ("The talks were attended by the
foreign ministers of Egypt and Algeria"). Both are read here, after the events of an article
are made, so the dated sentence stays what dates and types the event. An actor right after a
transitive verb ("hosted Egypt's foreign minister") is the predicate's `object`, not a mere
`participant`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from seed.extract.dates import PROBE, find_dates
from seed.extract.references import REFERENCE, referent_in
from seed.extract.registry import ActorHit

if TYPE_CHECKING:
    from seed.extract.actors import ArticleActors
    from seed.extract.events import Candidate
    from seed.extract.parse import ParsedArticle

# How far back a reference may reach: news copy refers to what the last few sentences named.
_REACH = 4
# A reference that is the sentence's subject: at its start, or after an opening adverbial
# ("On Monday, he ..."; "Later, the minister ...").
_OPENING = re.compile(r"\A(?:[\"\u201c]?\s*)(?:[^,]{0,40},\s+)?(?=\S)")
# A following sentence that says who took part in the same happening.
_PARTICIPATION = re.compile(
    r"\b(?:attended|took\s+part|take\s+part|participat\w*|joined|alongside|accompanied|"
    r"delegations?\s+(?:of|from)|representatives\s+of|ministers\s+of|present\s+were|"
    r"among\s+(?:them|those|the\s+participants)|the\s+participants|also\s+met)\b",
    re.IGNORECASE,
)
_SAME_HAPPENING = re.compile(
    r"\A(?:[\"\u201c]?\s*)(?:The|This|That|It|They|During|At)\s+(?:(?:meeting|talks|"
    r"conference|summit|visit|session|gathering|forum|signing|ceremony|event)\b|"
    r"(?:was|were)\s+attended\b)",
    re.IGNORECASE,
)


def complete_actors(
    candidates: list[Candidate], article: ParsedArticle, reader: ArticleActors
) -> None:
    """Add to each candidate the actor its subject refers back to and the participants the
    next sentence lists; in place, keeping what the sentence itself named first."""
    sentences = article.sentences
    hits_of = [reader.find(s.text) for s in sentences]
    default = reader.registry.default_actor
    for candidate in candidates:
        index = candidate.sentence_index
        if index >= len(sentences) or candidate.hit is None:
            continue
        text = sentences[index].text
        referent = _subject_referent(
            text, hits_of[index], hits_of[max(0, index - _REACH) : index], reader
        )
        if referent is not None:
            _add_subject(candidate, referent, default)
        for key in _participants(sentences, hits_of, index):
            if all(key != k for k, _ in candidate.actors):
                candidate.actors.append((key, "participant"))
        objects = _objects(text, hits_of[index])
        candidate.actors[:] = [
            (k, "object" if r == "participant" and k in objects else r) for k, r in candidate.actors
        ]


def _subject_referent(
    text: str,
    hits: list[ActorHit],
    earlier: list[list[ActorHit]],
    reader: ArticleActors,
) -> str | None:
    opening = _OPENING.match(text)
    start = opening.end() if opening else 0
    m = REFERENCE.match(text, start)
    if m is None:
        return None
    if any(h.start < m.end() and m.start() < h.end for h in hits):
        return None  # "the Foreign Ministry of Egypt": the sentence names it
    return referent_in(m.group(0), earlier, reader.record)


# The object of the predicate: an actor right after a transitive verb ("met Erdogan", "urged
# the LNA", "hosted the delegations of Egypt"), not after a preposition ("met in Rome").
_TRANSITIVE = re.compile(
    r"\b(?:met|meets|meet|hosted|hosts|received|receives|urged|urges|told|tells|accused|accuses|"
    r"attacked|attacks|visited|visits|backed|backs|supported|supports|recognized|recognised|"
    r"elected|appointed|named|replaced|ousted|sanctioned|condemned|condemns|welcomed|welcomes|"
    r"thanked|invited|invites|called\s+on|calls\s+on|asked|asks|warned|warns|criticized|"
    r"criticised|praised|targeted|struck|bombed|shelled|defeated|expelled|joined|joins|"
    r"persuaded|pressed|summoned|phoned|called|briefed|informed)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


def _objects(text: str, hits: list[ActorHit]) -> set[str]:
    return {h.actor_key for h in hits if _TRANSITIVE.search(text, max(0, h.start - 30), h.start)}


def _add_subject(candidate: Candidate, key: str, default: str | None) -> None:
    roles = [(k, r) for k, r in candidate.actors if k != key]
    if roles == [(default, "subject")]:
        roles = []  # the country stood in only because the sentence named nobody
    roles = [(k, "participant" if r == "subject" else r) for k, r in roles]
    candidate.actors[:] = [(key, "subject"), *roles]


def _participants(sentences: tuple, hits_of: list[list[ActorHit]], index: int) -> list[str]:  # type: ignore[type-arg]
    if index + 1 >= len(sentences):
        return []
    here, nxt = sentences[index], sentences[index + 1]
    if nxt.paragraph > here.paragraph + 1 or find_dates(nxt.text, PROBE):
        return []  # a dated sentence is a happening of its own
    if not (_PARTICIPATION.search(nxt.text) or _SAME_HAPPENING.match(nxt.text)):
        return []
    return list(dict.fromkeys(h.actor_key for h in hits_of[index + 1]))
