"""The kind of happening a date belongs to, read from the predicate that governs the date.

The trigger nearest to a date decides the kind (`events.event_type`), but only among the words
of the stretch that holds the date (`seed.extract.governing`): in "the council approved the
budget in 2014 amid clashes in the south" the 2014 happening is the vote, not the clashes. A
stretch that names no happening ("said today that it will take effect on 10 May") takes the
kind of its whole clause, and a date governed by a speech verb stays a statement.
Before that, a few predicates decide on their own, whatever trigger stands nearer:

- a reaction ("welcomed", "condemned") is a statement about another happening;
- what a body does by vote or ratification ("lawmakers voted", "the ratification of a law"),
  a reopening ("the road was reopened"), taking a post ("became the head of") and pushing back
  a vote are political acts, not elections, meetings, withdrawals or fighting;
- a person (not forces) who leaves ("she left at the end of July") leaves a post or a place;
- sending troops, or forces (or warplanes) moving on or arriving in a place, is a military
  act; a tour of capitals, or receiving a leader or a delegation, is a meeting;
- of two verbs sharing an object ("toppled and killed the ruler"), the first names the act;
- a news conference or briefing is where a statement is made, not a meeting;
- announcing or declaring an operation or offensive launches it: a military act;
- not ruling something out is a statement about it, not the thing itself;
- a military commission or committee is a body that meets and agrees: its name is no trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from seed.extract.governing import governing_span, is_reaction
from seed.extract.lexicon import ARMED_FORCES, alternation

# Kinds that say how we know or nothing: the stretch alone does not decide them.
WEAK = frozenset({"statement", "other"})
# Predicates that decide the kind when they stand in the dated stretch.
_DECIDING: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "political",
        re.compile(
            r"\b(?:(?:lawmakers|deputies|parliament\w*|MPs|senators|assembly|council|"
            r"legislators)\s+(?:\w+\s+)?voted|ratif\w+|re-?open(?:ed|s)|"
            r"became\s+(?:the\s+)?(?:head|chief|leader|president|prime\s+minister|envoy)|"
            # a date pushed back is a decision, not forces driven back
            r"pushed\s+back\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:elections?|polls?|vote|ballot))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "military",
        re.compile(r"\bsen[dt]s?\s+(?:(?:its|their|his|her|the|more|\w+)\s+){0,2}troops\b", re.I),
    ),
    (
        "military",
        re.compile(
            r"\b(?:forces|troops|fighters|convoys?|columns?|units|militias?|soldiers|tanks|"
            r"(?:war|fighter\s+)?(?:jets|planes)|warplanes|aircraft)\s+(?:[\w'\u2019-]+\s+){0,3}?"
            r"(?:moved|pushed|advanced|marched|rolled|mobili[sz]ed|arrived|landed)\b",
            re.IGNORECASE,
        ),
    ),
    ("meeting", re.compile(r"\btours?\s+of\b", re.IGNORECASE)),
    # a leader received by another is a meeting ("the president received the premier")
    (
        "meeting",
        re.compile(
            r"\breceived\s+(?:the\s+|his\s+|her\s+|a\s+)?(?:[\w'\u2019-]+\s+){0,3}?"
            r"(?:counterparts?|president|prime\s+minister|premier|ministers?|envoy|delegations?|"
            r"ambassadors?|leaders?|commanders?)\b",
            re.IGNORECASE,
        ),
    ),
)
# Leaving: of forces a withdrawal; of a person, a post or a place left.
_LEAVING = re.compile(r"\b(?:left|leaves?|leaving|departed|departs?)\b", re.IGNORECASE)
_FORCES = re.compile(rf"\b(?:{alternation(ARMED_FORCES)})\b", re.IGNORECASE)
# "toppled and killed": the second verb's object is the first one's; the first names the act.
_COORDINATED = re.compile(r"\b([a-z]+ed)\s+and\s+([a-z]+ed)\b")
# Where statements are made: not meetings.
_PRESS = re.compile(r"\b(?:news|press)\s+(?:conferences?|briefings?)\b", re.IGNORECASE)
# Named bodies whose name holds a trigger but whose acts are talks and plans.
_BODY = re.compile(r"\bmilitar\w*\s+(?:commissions?|committees?|councils?)\b", re.IGNORECASE)
# "announced the launch of its operation", "a statement declaring Operation X", "Launching
# the offensive, he says ...": the words start the fighting, whatever verb reports them.
_LAUNCH = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|declar(?:ed|es|ing))\s+(?:of\s+)?(?:the\s+|an?\s+|its\s+|his\s+|"
    r"their\s+)?(?:(?!(?:elect\w*|vot\w*|media|vaccin\w*|political|diplomatic|public)\b)"
    r"[\w\u2019'-]+\s+){0,2}?(?:operation|offensive|counter-?offensive|war|campaign)\b",
    re.IGNORECASE,
)
# Not ruling a thing out says something about it; the thing has not happened.
_RULE_OUT = re.compile(r"\brul(?:e|es|ed|ing)\s+out\b", re.IGNORECASE)


def _masked(text: str) -> str:
    """`text` with words that must not act as triggers blanked out (offsets kept)."""
    text = _PRESS.sub(lambda m: " " * len(m.group(0)), text)
    text = _BODY.sub(lambda m: " " * len(m.group(0)), text)
    return _COORDINATED.sub(lambda m: m.group(1) + m.group(0)[len(m.group(1)) :].replace(
        m.group(2), " " * len(m.group(2))
    ), text)  # fmt: skip


def content_kind(content: str, nearest: Callable[[str, int, int], str]) -> str:
    """The kind of reported news ("300 fighters have left the south"), read from its first
    trigger; a person who leaves leaves a post or a place."""
    kind = nearest(_masked(content), 0, 0)
    if kind == "withdrawal" and _LEAVING.search(content) and not _FORCES.search(content):
        return "political"
    return kind


@lru_cache(maxsize=65536)
def predicate_type(
    clause: str, anchor: int, anchor_end: int, nearest: Callable[[str, int, int], str]
) -> str:
    """The kind of the happening dated at [anchor, anchor_end) of `clause`; `nearest` is the
    nearest-trigger reading (`events.event_type`), applied to the dated stretch only."""
    if anchor_end <= anchor:
        return nearest(clause, anchor, anchor_end)
    if is_reaction(clause, anchor, anchor_end):
        return "statement"  # "welcomed on Friday the ceasefire": the reaction is the event
    lo, hi = governing_span(clause, anchor, anchor_end)
    stretch = clause[lo:hi]
    launch = _LAUNCH.search(clause)
    if launch is not None and (launch.start() == 0 or lo <= launch.start() < hi):
        return "military"  # in the dated stretch, or the participle opening the clause
    if _RULE_OUT.search(stretch):
        return "statement"
    whole = nearest(_masked(clause), anchor, anchor_end)
    if whole == "statement":
        return whole  # the date dates a speech verb: "During the talks on Tuesday, X said that"
    for kind, pattern in _DECIDING:
        if pattern.search(stretch):
            return kind
    kind = nearest(_masked(stretch), anchor - lo, anchor_end - lo)
    if kind in WEAK:
        # Nothing in the stretch names a happening ("said today that it will take effect on
        # December 10"): the clause around it tells what "it" is.
        kind, stretch = whole, clause
    if kind == "withdrawal" and _LEAVING.search(stretch) and not _FORCES.search(stretch):
        return "political"  # "she left at the end of July": a person, not forces
    return kind
