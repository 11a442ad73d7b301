"""Pledges: who committed to what, when, by when, how many (how each stands is rated when
the corpus is linked: `seed.link.pledge_status`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seed.extract.actors import ArticleActors
from seed.extract.candidate import Candidate
from seed.extract.commitments import PARTIES, PRONOUN, Commitment, find_commitment
from seed.extract.dates import add_duration, within_duration
from seed.extract.deadlines import QUANTITY, dated_deadline, quantity_in
from seed.extract.events import UNSTATED_KINDS
from seed.extract.parse import ParsedArticle, Sentence
from seed.extract.quoted_dates import quoted_spans
from seed.extract.references import referent_in
from seed.extract.registry import ActorHit
from seed.extract.spoken import KIND as SPOKEN
from seed.extract.tokens import content_tokens
from seed.extract.types import DateInterval

__all__ = [
    "QUANTITY",
    "PledgeCandidate",
    "extract_pledges",
    "same_dated_deadline",
]

# Cues that belong to an agreement: its parties (the actors of its event) made the pledge.
_AGREEMENT_CUES = {"agreed", "signed", "signed_by", "clause"}
# The speaker of reported speech: an actor just before the speech verb.
_SPEECH = re.compile(r"\b(?:said|says|told|announced|stated|added|declared|assured)\b", re.I)
_REACH = 60
# A promised departure is a pledge even when the text leaves its maker unnamed ("all foreign
# fighters will leave within 90 days"): whoever made it, it can be kept or broken.
_DEPARTURE = re.compile(
    r"\b(?:leave|withdraw|withdrawn|depart|pull\s+out|be\s+deported|be\s+evacuated|"
    r"be\s+repatriated|hand\s+over)\b",
    re.IGNORECASE,
)  # characters between a speaker and the speech verb


@dataclass(slots=True)
class PledgeCandidate:
    file_name: str
    quote_start: int
    quote_end: int
    quote: str
    text: str
    actors: list[str]
    made: DateInterval
    deadline: DateInterval | None
    duration: tuple[int, str] | None
    quantity: int | None
    unit: str | None
    event: Candidate | None
    tokens: frozenset[str]
    origins: tuple[str, ...] = ()
    merged: list[PledgeCandidate] = field(default_factory=list)


def extract_pledges(
    article: ParsedArticle,
    candidates: list[Candidate],
    publication: DateInterval,
    reader: ArticleActors,
) -> list[PledgeCandidate]:
    """Pledges of one article; `candidates` are its events (to date and attribute them)."""
    found: list[PledgeCandidate] = []
    by_sentence: dict[int, list[Candidate]] = {}
    by_paragraph: dict[int, Candidate] = {}
    for c in candidates:
        if c.date_kind == SPOKEN:
            continue  # the report's days, which the pledge takes by itself when undated
        by_sentence.setdefault(c.sentence_index, []).append(c)
        # a speaker's date, or one counted from another, dates its own sentence only
        if c.date_kind not in UNSTATED_KINDS:
            by_paragraph.setdefault(c.paragraph, c)
    earlier: list[list[ActorHit]] = []
    for index, sentence in enumerate(article.sentences):
        hits = reader.find(sentence.text)
        cue = find_commitment(sentence.text)
        if cue is not None:
            event = _making(by_sentence.get(index, []), publication)
            if event is None and index not in by_sentence and not _quoted_speech(sentence.text):
                nearby = by_paragraph.get(sentence.paragraph) or by_paragraph.get(
                    sentence.paragraph - 1
                )
                event = _making([nearby] if nearby else [], publication)
            pledge = _pledge(article, sentence, cue, hits, earlier, event, publication, reader)
            if pledge is not None and pledge.quantity is None and index > 0:
                _quantity_referred_to(pledge, article.sentences[index - 1].text)
            if pledge is not None:
                found.append(pledge)
        earlier.append(hits)
    return found


# After a quotation, its speaker and the verb of saying: '"...," it said', '"...," said X'.
_SAID_AFTER = re.compile(
    r"[,\s]*(?:[^\"\u201c\u201d.;]{0,60}?\s)?(?:said|says|added|adds|stated|declared)\b", re.I
)


def _quoted_speech(text: str) -> bool:
    """Whether the sentence is a quotation with its speaker ('"We will train them," it said'):
    the pledge was made in the saying, of the report's days, not on the date of a happening
    the paragraph before tells."""
    spans = quoted_spans(text)
    return bool(spans) and _SAID_AFTER.match(text, spans[-1][1] + 1) is not None


# "The move ...", "The decision ...": a sentence that refers back to what the one before said.
_BACK_REFERENCE = re.compile(
    r"\A[\"\u201c]?(?:The|This|That)\s+(?:move|decision|step|plan|announcement|pledge|promise|"
    r"withdrawal|departure|offer)\b"
)


def _quantity_referred_to(pledge: PledgeCandidate, previous: str) -> None:
    """ "300 fighters left on Monday. The move, announced in November by X, ...": the count of
    the sentence before is what the referring pledge is about."""
    if not _BACK_REFERENCE.match(pledge.quote):
        return
    quantity = quantity_in(previous)
    if quantity is not None:
        pledge.quantity, pledge.unit = quantity.count, quantity.unit


def _making(events: list[Candidate], publication: DateInterval) -> Candidate | None:
    """The event of the sentence that dates the commitment's making: the first one not after
    the publication ("agreed in 2020 to withdraw by January 2021"); a later date is what the
    commitment is for ("will host a conference on November 12"), not when it was made. With
    a publication date known only within a span, "not after" must hold for its first day."""
    ordered = sorted(events, key=lambda c: c.hit.start if c.hit is not None else -1)
    return next((c for c in ordered if c.date.start <= publication.start), None)


def _pledge(
    article: ParsedArticle,
    sentence: Sentence,
    cue: Commitment,
    hits: list[ActorHit],
    earlier: list[list[ActorHit]],
    event: Candidate | None,
    publication: DateInterval,
    reader: ArticleActors,
) -> PledgeCandidate | None:
    text = sentence.text
    if _thing_subject(text, cue, hits) and not _LEAVING.search(text):
        return None  # "the talks will boost ...": no actor commits to anything
    actors = pledgers(text, cue, hits, earlier, reader)
    if event is not None and (not actors or cue.kind in _AGREEMENT_CUES):
        actors += [key for key, _ in event.actors if key not in actors]
    made = event.date if event is not None else publication
    duration = within_duration(text)
    deadline = add_duration(made, *duration) if duration else None
    if deadline is None:
        after = cue.start
        if event is not None and event.hit is not None and event.quote_start >= sentence.start:
            after = max(after, event.hit.end)  # the making's own date is no deadline
        deadline = dated_deadline(text, after, made, publication)
    quantity = quantity_in(text)
    of_parties = cue.kind in _AGREEMENT_CUES or PARTIES.search(
        text, cue.subject_start, cue.subject_end
    )
    if not (actors or of_parties or deadline or quantity or _DEPARTURE.search(text)):
        return None  # "the meeting will be held": nobody commits to anything
    return PledgeCandidate(
        file_name=article.raw.file_name,
        quote_start=sentence.start,
        quote_end=sentence.end,
        quote=text,
        text=_short(text, keep=cue.condition),
        actors=actors,
        made=made,
        deadline=deadline,
        duration=duration,
        quantity=quantity.count if quantity else None,
        unit=quantity.unit if quantity else None,
        event=event,
        tokens=content_tokens(text),
    )


# Cues whose subject must be an actor: "Egypt will ...", "they plan to ...".
_ACTOR_CUES = {"future", "intention"}
# A departure promised, named by its verb or its noun ("shall be accompanied by the departure
# of all mercenaries"): whoever the subject is, it can be kept or broken.
_LEAVING = re.compile(rf"{_DEPARTURE.pattern}|\b(?:departure|withdrawal|pull-?out|exit)\b", re.I)
# "This shall be accompanied by ...": a demonstrative refers back to what was named before.
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which)\s+\Z", re.IGNORECASE)


def _thing_subject(text: str, cue: Commitment, hits: list[ActorHit]) -> bool:
    """Whether a future or an intention has a thing for its subject, not an actor: a subject
    without an actor, a pronoun or the parties ("the country is going to ..."), or a relative
    clause on a noun that is no actor ("a committee that will represent them")."""
    if cue.kind not in _ACTOR_CUES:
        return False
    span = text[cue.subject_start : cue.subject_end]
    if any(cue.subject_start <= h.start < cue.subject_end for h in hits):
        return False
    if re.search(r"\w", span):
        return not (PARTIES.search(span) or PRONOUN.search(span) or _DEMONSTRATIVE.search(span))
    relative = _RELATIVE.search(text, 0, cue.start)
    return relative is not None and not any(0 <= relative.start() - h.end <= 2 for h in hits)


def pledgers(
    text: str,
    cue: Commitment,
    hits: list[ActorHit],
    earlier: list[list[ActorHit]],
    reader: ArticleActors,
) -> list[str]:
    """Who commits: the actors of the cue's subject; the speaker for "we" or "it" in reported
    speech; the actor a pronoun or title refers back to; else every actor of the sentence
    except the addressees of a demand."""
    subject = [h.actor_key for h in hits if cue.subject_start <= h.start < cue.subject_end]
    if subject or cue.kind == "clause":
        # An agreement's clause binds its parties (the caller takes the agreement's event),
        # not whoever else the sentence names.
        return list(dict.fromkeys(subject))
    span = text[cue.subject_start : cue.subject_end]
    if PARTIES.search(span):
        return []  # the parties of the agreement: the caller takes its event's actors
    if PRONOUN.search(span):
        speaker = _speaker(text, hits, cue.start)
        if speaker is not None:
            return [speaker]
        referent = referent_in(
            span, [*earlier, [h for h in hits if h.start < cue.start]], reader.record
        )
        if referent is not None:
            return [referent]
    before = [h.actor_key for h in hits if h.start < cue.start]
    return list(dict.fromkeys(before or [h.actor_key for h in hits]))


def _speaker(text: str, hits: list[ActorHit], before: int) -> str | None:
    for verb in _SPEECH.finditer(text, 0, before):
        near = [h for h in hits if h.end <= verb.start() and verb.start() - h.end <= _REACH]
        if near:
            return near[-1].actor_key
    for verb in _SPEECH.finditer(text, before):
        # '"We will ...," said Dendias' or '"We will ...," Dendias said'
        after = [h for h in hits if 0 <= h.start - verb.end() <= 3]
        ahead = [h for h in hits if before <= h.start and 0 <= verb.start() - h.end <= 3]
        if after or ahead:
            return (after or ahead)[0].actor_key
    return None


def same_dated_deadline(a: PledgeCandidate, b: PledgeCandidate) -> bool:
    """Two tellings by a common actor of a pledge due on the same stated day."""
    return (
        a.deadline is not None
        and a.deadline == b.deadline
        and a.deadline.precision == "day"
        and a.duration is None
        and b.duration is None
        and bool(set(a.actors) & set(b.actors))
    )


def _short(text: str, *, keep: bool = False) -> str:
    """The pledge's wording; a conditional pledge keeps its condition (the whole sentence)."""
    text = text.rstrip(' ."\u201d')
    limit = 400 if keep else 200
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "..."
