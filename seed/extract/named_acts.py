"""An agreement a dated clause names by its participle: the second happening of its sentence.

"Egypt welcomed on Friday the truce reached between the two camps" tells a welcome and the
truce; "X asked for time to study the deal already signed by Y" tells the request and Y's
signing. The participle phrase ("reached between ...", "already signed by ...") names who
made the agreement, and the sentence dates it with the clause it is named in: a reaction is
to fresh news, and "already" says the signing is done by the day the clause is dated. Without
one of those two cues ("violated the truce brokered by Z") the agreement may be years older,
and no date is given to it. A phrase that carries its own date is left to that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seed.extract.actors import ArticleActors
from seed.extract.candidate import Candidate
from seed.extract.dates import PROBE, DateHit, find_dates
from seed.extract.event_kinds import event_type
from seed.extract.governing import is_reaction
from seed.extract.parse import Sentence
from seed.extract.predicates import predicate_type
from seed.extract.registry import ActorHit
from seed.extract.tokens import content_tokens
from seed.extract.two_happenings import told_candidate

# "the (permanent) ceasefire agreement (already) reached between / signed by / struck with"
_NAMED_ACT = re.compile(
    r"\b(?P<np>(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w'\u2019-]+\s+){0,4}?"
    r"(?:agreement|deal|accord|ceasefire|cease-fire|truce|pact|treaty|memorandum|"
    r"memorandum\s+of\s+understanding|declaration|roadmap))\s+"
    r"(?P<act>(?:(?P<done>already|just|newly)\s+)?(?:signed|reached|agreed|concluded|struck|"
    r"sealed|brokered|inked|clinched)\s+(?:by|between|with|among|in|at|during)\b)",
    re.IGNORECASE,
)
# Where the participle phrase ends: the next clause boundary.
_PHRASE_END = re.compile(
    r"\s*(?:[,;:\u2013\u2014]|\s-\s|\.(?:\s|\Z)|\band\s+(?:then\s+)?[a-z]+ed\b)"
)
_OPENING_COMMA = re.compile(r"(?:\s+[a-z]+){0,2}\s*,\s*")
_BOUNDARY = re.compile(r"[,;:\u2013\u2014]|\s-\s")
# What dates the clause itself: a stated date, not an undated lead or a count back from one.
_STATED = frozenset({"day", "weekday", "named_day", "month", "month_year", "day_range", "weekend"})


@dataclass(frozen=True, slots=True)
class NamedAct:
    """Offsets in the sentence: the noun phrase, the participle phrase and its end."""

    np_start: int
    act_start: int
    end: int


def named_act(text: str, hit: DateHit) -> NamedAct | None:
    """The agreement the clause dated by `hit` names by a participle phrase, when the clause
    dates it too (a reaction to it, or "already" done)."""
    if hit.kind not in _STATED or hit.end <= hit.start:
        return None
    reaction = is_reaction(text, hit.start, hit.end)
    # the clause of the date: from the date ("On Monday, X asked ...") to the next boundary
    opening = _OPENING_COMMA.match(text, hit.end)
    begin = opening.end() if opening else hit.end
    boundary = _BOUNDARY.search(text, begin)
    clause_end = boundary.start() if boundary else len(text)
    for m in _NAMED_ACT.finditer(text, begin, clause_end):
        if not reaction and m.group("done") is None:
            continue
        stop = _PHRASE_END.search(text, m.end())
        end = min(stop.start() if stop else len(text), clause_end)
        if find_dates(text[m.start() : end], PROBE):
            return None  # "the deal signed in May": its own date dates it
        return NamedAct(m.start("np"), m.start("act"), end)
    return None


def split_named_act(
    main: Candidate,
    sentence: Sentence,
    sentence_actors: list[ActorHit],
    actors: ArticleActors,
) -> list[Candidate]:
    """`main` and, when its clause names an agreement it dates, the agreement as a candidate
    of its own; `main`'s quote then stops where the agreement's phrase begins."""
    hit = main.hit
    text = sentence.text
    act = named_act(text, hit) if hit is not None else None
    if hit is None or act is None:
        return [main]
    # A reaction keeps the verb and its date ("X welcomed on Friday"); the request keeps what
    # it asks ("asked for time to study the deal") and the signing is "already signed by Y".
    start = act.np_start if is_reaction(text, hit.start, hit.end) else act.act_start
    named = text[act.np_start : act.end]
    verb = act.act_start - act.np_start
    kind = predicate_type(named, verb, verb, event_type)
    if kind in {"statement", "other"}:
        kind = "agreement"
    agreement = told_candidate(
        main,
        sentence,
        (start, act.end),
        (act.np_start, act.end),
        kind,
        main.date,
        hit.fixed,
        sentence_actors,
        actors,
    )
    # What the dated clause did, told without the agreement it names: its words are its own
    # ("asked for time to study"), so it links to other tellings of the request, not to those
    # of the signing.
    own = text[: act.np_start]
    main.tokens = content_tokens(own[main.quote_start - sentence.start :])
    if main.quote_start < sentence.start + start < main.quote_end:
        cut = len(text[:start].rstrip())
        main.quote = text[main.quote_start - sentence.start : cut]
        main.quote_end = sentence.start + cut
    return [main, agreement]
