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
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from seed.extract.attendance import add_attendees
from seed.extract.dates import PROBE, find_dates
from seed.extract.references import PAIR, REFERENCE, pair_in, referent_in
from seed.extract.registry import ActorHit

if TYPE_CHECKING:
    from seed.extract.actors import ArticleActors
    from seed.extract.candidate import Candidate
    from seed.extract.parse import ParsedArticle
    from seed.extract.types import ActorRelation

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
# "..., which opened on Friday, in the presence of X": whom the sentence names after such a
# phrase attended the dated happening, wherever the date stands.
_PRESENCE = re.compile(
    r"\b(?:in\s+the\s+presence\s+of|with\s+the\s+participation\s+of|attended\s+by)\b", re.I
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
    per_sentence: dict[int, int] = {}
    for candidate in candidates:
        per_sentence[candidate.sentence_index] = per_sentence.get(candidate.sentence_index, 0) + 1
    for candidate in candidates:
        index = candidate.sentence_index
        if index >= len(sentences) or candidate.hit is None:
            continue
        text = sentences[index].text
        if per_sentence[index] == 1:
            # One dated happening in the sentence: whom the sentence names before the dated
            # clause ("The U.N. mission says the commission, with ..., inked a deal on Friday")
            # took part in it too; what follows the date may be another, undated happening.
            presence = _PRESENCE.search(text, candidate.hit.end)
            for hit in hits_of[index]:
                if hit.start >= candidate.hit.start and (
                    presence is None or hit.start < presence.end()
                ):
                    continue
                if all(hit.actor_key != k for k, _ in candidate.actors):
                    candidate.actors.append((hit.actor_key, "participant"))
        referent = _subject_referent(
            text, hits_of[index], hits_of[max(0, index - _REACH) : index], reader
        )
        if referent is not None:
            _add_subject(candidate, referent, default, named=bool(hits_of[index]), reader=reader)
        elif all(h.actor_key == default for h in hits_of[index]):
            _add_pair(candidate, text, hits_of[max(0, index - _REACH) : index], reader, default)
        for key in _participants(sentences, hits_of, index, candidate):
            if all(key != k for k, _ in candidate.actors):
                candidate.actors.append((key, "participant"))
        objects = _objects(text, hits_of[index])
        candidate.actors[:] = [
            (k, "object" if r == "participant" and k in objects else r) for k, r in candidate.actors
        ]
        _qualified_actor_first(candidate, text, hits_of[index], reader)
    add_attendees(candidates, sentences, hits_of)


# "French Ambassador X", "UN political chief X", "Libya's eastern strongman Gen. X", "Libya's
# first unity government": a qualifier, up to four words of title, then the actor meant.
_TITLE_BETWEEN = re.compile(r"\s+(?:[A-Za-z.-]+\s+){1,4}\Z")
_POSSESSIVE_BETWEEN = re.compile(r"['\u2019]s?\s+(?:[A-Za-z.-]+\s+){0,4}\Z")
# "France's UN ambassador": the actor after the possessive only qualifies the head noun.
_NOT_THE_HEAD = re.compile(
    r"\s+(?:ambassadors?|envoys?|representatives?|ministers?|spokes\w*|officials?|chiefs?|"
    r"delegations?|missions?|forces|troops|army|commanders?|heads?|leaders?)\b",
    re.IGNORECASE,
)


def _qualified_actor_first(
    candidate: Candidate, text: str, hits: list[ActorHit], reader: ArticleActors
) -> None:
    """The actor a qualifier introduces acts, not the qualifier: "French Ambassador X said" is
    X's statement with France taking part, "Libya's first unity government was sworn in" the
    government's. The actor takes the qualifier's role (subject, speaker, object) and its
    place; the qualifier stays a participant. A qualifier is a demonym or a body before a
    person's title, or any actor in the possessive."""
    for first, second in pairwise(hits):
        if first.start == second.start:
            continue  # "Haftar's forces": the force found through its leader, one phrase
        if next(h for h in hits if h.actor_key == first.actor_key) is not first:
            continue  # the qualifier is named on its own before: that may be why it leads
        qualifier, meant = reader.record(first.actor_key), reader.record(second.actor_key)
        if qualifier is None or meant is None:
            continue
        possessive = _POSSESSIVE_BETWEEN.match(text, first.end, second.start) is not None
        titled = (
            qualifier.type != "person"
            and meant.type == "person"
            and _TITLE_BETWEEN.match(text, first.end, second.start) is not None
        )
        if not (titled or possessive) or _NOT_THE_HEAD.match(text, second.end):
            continue
        roles = candidate.actors
        keys = [k for k, _ in roles]
        if first.actor_key not in keys or second.actor_key not in keys:
            continue
        i, j = keys.index(first.actor_key), keys.index(second.actor_key)
        if roles[i][1] == "participant" or roles[j][1] != "participant":
            continue
        role = roles[i][1]
        del roles[max(i, j)], roles[min(i, j)]
        roles.insert(min(i, j), (first.actor_key, "participant"))
        roles.insert(min(i, j), (second.actor_key, role))


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
    return referent_in(m.group(0), earlier, reader.record, reader.feminine)


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
    return {h.actor_key for h in hits if _after_transitive(text, h.start)}


@lru_cache(maxsize=16384)
def _after_transitive(text: str, start: int) -> bool:
    # Cached: every dated happening of a sentence asks about the same actors.
    return _TRANSITIVE.search(text, max(0, start - 30), start) is not None


def _add_subject(
    candidate: Candidate, key: str, default: str | None, *, named: bool, reader: ArticleActors
) -> None:
    roles = [(k, r) for k, r in candidate.actors if k != key]
    if not named and roles and roles[0][1] == "subject":
        # The sentence names nobody: its subject stood in from the sentence before (or the
        # country), and the reference says who it really is. A body that stood in for a
        # person stays a participant: the sentence before named them together ("A member of
        # the committee, X, said ... He confirmed ..." is the committee's too).
        if _body_of_person(roles[0][0], key, default, reader):
            roles[0] = (roles[0][0], "participant")
        else:
            roles = roles[1:]
    if roles == [(default, "subject")]:
        roles = []  # the country stood in only because the sentence named nobody
    roles = [(k, "participant" if r == "subject" else r) for k, r in roles]
    candidate.actors[:] = [(key, "subject"), *roles]


def _add_pair(
    candidate: Candidate,
    text: str,
    earlier: list[list[ActorHit]],
    reader: ArticleActors,
    default: str | None,
) -> None:
    """A sentence that names nobody but the country and opens on "the two delegations" (or
    "both sides") is about the two people named together just before: they replace the
    stand-in subject."""
    opening = _OPENING.match(text)
    if not PAIR.match(text, opening.end() if opening else 0):
        return
    pair = pair_in(earlier, reader.record)
    if not pair:
        return
    rest = [(k, r) for k, r in candidate.actors[1:] if k not in pair and k != default]
    candidate.actors[:] = [(pair[0], "subject"), (pair[1], "participant"), *rest]


def _body_of_person(stand_in: str, person: str, default: str | None, reader: ArticleActors) -> bool:
    """Whether `stand_in` is a body (not a person, not the country) and `person` a person."""
    body, who = reader.record(stand_in), reader.record(person)
    return (
        stand_in != default
        and body is not None
        and who is not None
        and body.type != "person"
        and who.type == "person"
    )


def _participants(
    sentences: tuple,  # type: ignore[type-arg]
    hits_of: list[list[ActorHit]],
    index: int,
    candidate: Candidate,
) -> list[str]:
    title = candidate.title
    if index + 1 >= len(sentences):
        return []
    here, nxt = sentences[index], sentences[index + 1]
    if nxt.paragraph > here.paragraph + 1 or find_dates(nxt.text, PROBE):
        return []  # a dated sentence is a happening of its own
    if not (
        _PARTICIPATION.search(nxt.text)
        or _SAME_HAPPENING.match(nxt.text)
        or (candidate.type == "meeting" and _SAME_HAPPENING.match(_opened_by(nxt.text)))
        or _takes_up(title, nxt.text)
    ):
        return []
    return list(dict.fromkeys(h.actor_key for h in hits_of[index + 1]))


# Nouns that name a meeting or a paper a happening produced. The next sentence that takes one
# up with a definite determiner ("approved a motion ..." -> "Two parties backed the motion")
# goes on about the same happening. Words for what a whole conflict is about (elections, the
# ceasefire, withdrawal) are not among them: "the elections" is the topic, not this happening.
_HAPPENING_NOUNS = (
    r"motions?|laws?|bills?|legislation|reports?|agreements?|deals?|accords?|memorand(?:um|a)|"
    r"pacts?|treaty|treaties|proposals?|resolutions?|decrees?|letters?|roadmaps?|initiatives?|"
    r"meetings?|talks|conferences?|summits?|sessions?|visits?|tours?"
)
_HAPPENING_NOUN = re.compile(rf"\b(?:{_HAPPENING_NOUNS})\b", re.IGNORECASE)
_DEFINITE = r"(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[\w-]+\s+){0,3}?"


# "Chaired by the envoy, the talks ...": who ran the meeting, before the meeting is taken up.
_OPENED_BY = re.compile(r"[A-Z][a-z]+ed\s+by\s+[^,]{1,80},\s+")


def _opened_by(text: str) -> str:
    """What follows a sentence's opening "<verb>ed by ...," phrase; "" without one."""
    m = _OPENED_BY.match(text)
    return text[m.end() :] if m else ""


@lru_cache(maxsize=16384)
def _takes_up(title: str, text: str) -> bool:
    nouns = {m.group(0).lower().rstrip("s") for m in _HAPPENING_NOUN.finditer(title)}
    for noun in nouns:
        stem = re.escape(noun)
        if re.search(rf"\b{_DEFINITE}{stem}s?\b", text, re.IGNORECASE):
            return True
    return False


def add_bodies_spoken_for(
    statements: list[Candidate], named: set[str], relations: list[ActorRelation]
) -> None:
    """A person speaks for the body they lead or belong to, when the article names it ("the
    head of the council, X, ... X said"): the body takes part in their statement."""
    for statement in statements:
        keys = [key for key, _ in statement.actors]
        for key, role in list(statement.actors):
            if role != "speaker":
                continue
            for r in relations:
                body = r.object_key
                if (
                    r.subject_key == key
                    and r.relation in {"leads", "member_of"}
                    and body in named
                    and body not in keys
                ):
                    statement.actors.append((body, "participant"))
                    keys.append(body)
