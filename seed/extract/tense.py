"""Whether a yearless date ("on Friday", "Dec. 24", "in June") lies before or after publication.

The direction comes from the clause that governs the date, not from any word of the sentence:
in "the road would reopen on Friday, officials said Thursday" the Thursday belongs to "said"
(past) and the Friday to "would reopen" (ahead). The cue nearest before the date, within its
own clause, decides: a future cue (will, planned, due, set for, to be held, ...) places it
ahead; a past cue (a reporting verb in the past, "was held", "could not be held", "after the")
places it before. Without a cue, an election or summit named just before the date takes the
nearest such day (they are usually ahead); anything else lies in the past. A plan told in the
past ("was due to", "initially set for"), put off ("... was postponed") or named "ahead of" what
the clause tells may lie either side of publication: the nearest such day. A planned weekday is
counted from the day it was told when the sentence gives one ("would reopen on Saturday, the
governor announced Thursday": see `seed.extract.told_weekdays`), and may be the publication day.
"""

from __future__ import annotations

import re
from typing import Literal

Direction = Literal["past", "future", "nearest"]

_FUTURE = re.compile(
    r"\b(?:will|would|shall|planned|plans?|scheduled|set\s+(?:for|to)|expected|due|slated|"
    r"upcoming|to\s+be\s+held|"
    # what a plan or text provides for: "the roadmap foresees a vote in June"
    r"foresees?|envisages?|envisions?|calls\s+for|provides\s+for|to\s+hold|to\s+host|to\s+convene|to\s+take\s+place|take\s+place|"
    r"aims?\s+to|next|postponed\s+(?:to|until)|is\s+to|are\s+to|"
    # a proposal: "suggested to delay the vote and hold it on"
    r"(?:suggest|propos)\w*\s+to|to\s+delay|to\s+postpone|"
    # the present of a fixed date: "the deadline expires Saturday", "talks begin Monday"
    r"expires?|expiring|runs\s+out|begins?|starts|resumes|opens|"
    # ... and of a fixed end: "the mandate ends in December", "the deadline falls on May 3"
    r"ends|closes|concludes|lapses|falls\s+on)\b",
    re.IGNORECASE,
)
# Cues that put what they govern before publication: reporting verbs in the past ("sources
# said Thursday", "told reporters on Monday"), a happening stated as past or as failed ("was
# held on", "could not be held on"), and "after the <date> conference".
_PAST = re.compile(
    r"\b(?:said|told|announced|stated|declared|confirmed|reported|revealed|added|noted|"
    r"was\s+held|were\s+held|took\s+place|could\s+not|couldn't|did\s+not|"
    # a failure names what was to happen, with its verb: "the failure to hold elections in"
    r"fail(?:ed|ure|ing)\s+to(?:\s+[a-z]+)?|"
    r"was\s+not|were\s+not|after\s+the|since\s+the|"
    # a plan that was already past when told: "the vote, which had been due on"
    r"had\s+been\s+(?:due|scheduled|planned|expected|set|slated))\b",
    re.IGNORECASE,
)
# A plan told in the past ("the vote was due on", "talks initially set for"): made before
# publication, for a day that may since have passed or still lie ahead: the nearest such day.
_PAST_PLAN = re.compile(
    r"\b(?:(?:was|were)\s+(?:[a-z]+ly\s+)?(?:due|scheduled|planned|expected|set|slated|"
    r"supposed|meant)|(?:initially|originally|previously|first)\s+(?:set|scheduled|planned|due|"
    r"slated|expected|proposed|meant))\b"
    # with the verb it governs: "was due to hold", "were expected to be held"
    r"(?:\s+to(?:\s+be)?(?:\s+[a-z]+){1,2}\b)?",
    re.IGNORECASE,
)
# A verb in the simple past that the clause reaches after any future cue: "The envoy, expected
# in Tripoli next week, met the premier on May 3", "the plan it approved in March". Regular
# forms, and the irregular ones news copy uses most; not after an auxiliary or "to" ("will be
# signed"), and not the participles that name plans ("planned", "expected", ...).
_SIMPLE_PAST = re.compile(
    r"(?<![\w-])(?!(?:planned|scheduled|expected|slated|proposed|postponed|delayed|suggested|"
    r"armed|alleged|so-called|based|backed|called|named|united|limited|needed)\b)"
    r"(?:[a-z]{2,}ed|met|held|took|made|won|lost|left|began|gave|went|came|saw|sent|struck|"
    r"fought|led|broke|spoke|chose|drew|flew|fell|rose|sought|brought|wrote|became|kept|withdrew)"
    # "a meeting devoted to Libya": a participle describing a noun
    r"\b(?!\s+to\b)",
)
# How near before the date the simple past must be to govern it (about six words).
_PAST_REACH = 40
# A date that is a target or a deadline ("pushed back the vote until January") is not placed by
# the tense of the act that set it.
_TARGET = re.compile(r"(?:until|till|to|for|by|through)\b", re.IGNORECASE)
_AUXILIARY = re.compile(
    r"\b(?:will|would|shall|to|be|been|being|is|are|was|were|has|have|had|could|should|may|"
    r"might|must|not|n't)\s+(?:[a-z]+ly\s+)?\Z",
    re.IGNORECASE,
)
# What the text says after a date that shows the happening took place (or failed to) already:
# "the talks planned for May 3 were held in Tunis", "the vote expected in December never
# took place".
_REALIZED_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:(?:was|were)\s+(?:finally\s+)?held|took\s+place|never\s+(?:took|"
    r"happened|materiali[sz]ed)|did\s+not\s+(?:take|happen)|fell\s+through|"
    # ... or failed to: "the vote set for December 24 could not be held", "was postponed"
    r"could\s+not\s+(?:be\s+held|take\s+place|go\s+ahead))\b",
    re.IGNORECASE,
)
# A plan put off: "the vote set for June was called off", "talks due on May 3 were delayed".
# Put off before its day or after it, it lies either side of publication: the nearest such day.
_PUT_OFF_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:postponed|delayed|"
    r"cancell?ed|called\s+off|put\s+off|suspended|scrapped)\b",
    re.IGNORECASE,
)
_PROSPECTIVE_NOUN = re.compile(
    r"\b(?:elections?|polls?|vote|ballot|referendum|summit|conference)\b[^.;]{0,25}$", re.I
)
# The same nouns right after the date they are named by: "the December elections".
_PROSPECTIVE_AFTER = re.compile(
    r"\s+(?:presidential\s+|parliamentary\s+|general\s+)?"
    r"(?:elections?|polls?|vote|ballot|referendum|summit|conference)\b",
    re.I,
)
# Where a clause ends looking back from a date: a semicolon, a dash, or a comma that opens
# another clause ("..., officials said", "..., but ...").
_CLAUSE_START = re.compile(
    r";\s+|\s+[\u2013\u2014-]\s+|,\s+(?:but|while|and|whereas|although|as|who|which)\s+"
)
WINDOW = 80


def _own_clause(sentence: str, position: int) -> str:
    before = sentence[max(0, position - WINDOW) : position]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
        if m.group(0).rstrip().endswith(("who", "which")):
            # "The minister, who will fly to Rome on Friday, met the envoy Thursday": the aside
            # ends at its comma, and the main clause resumes after it.
            close = before.find(", ", cut)
            if close != -1:
                cut = close + 2
    return before[cut:]


# A date opening its clause is governed by the verb after it: "On May 3, the vote is scheduled".
_FUTURE_AFTER = re.compile(
    r"[^.;]{0,50}?\b(?:will|is\s+(?:scheduled|due|set|expected|planned)|"
    r"are\s+(?:scheduled|due|set|expected|planned)|is\s+to|are\s+to|"
    # the present of a fixed date: "At the end of the month, the mandate expires."
    r"expires|runs\s+out|lapses|ends|begins|starts|opens|closes)\b",
    re.IGNORECASE,
)
# A deadline's date: "have until January 10 to appeal", "must leave by March 3". Without a
# tense in its clause it is a day still to come or just passed: the nearest such day.
_DEADLINE_BEFORE = re.compile(
    r"\b(?:until|till|by|no\s+later\s+than|deadline\s+(?:of|on|is))\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"(?:\A|[;,]\s*)(?:on|in|by|for|from|until)?\s*"
    # "At the end of this month, the mandate expires"
    r"(?:(?:at|by|until|before)\s+the\s+(?:end|start|beginning|middle)\s+of\s+)?\Z",
    re.IGNORECASE,
)


# "ahead of the November summit", "in the run-up to Thursday's vote": after what the clause
# tells, which may itself be past.
_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to)\s+(?:the\s+|an?\s+)?\Z", re.I)


def direction_at(sentence: str, position: int, end: int | None = None) -> Direction:
    """Whether a yearless date at `position` (ending at `end`) lies after publication (planned)
    or before it."""
    found = _direction(sentence, position, end)
    if found == "past" and _AHEAD_OF.search(sentence, max(0, position - 30), position):
        # "urged restraint ahead of Thursday's vote": the vote follows the urging, so it lies
        # either side of publication; the nearest such day is meant.
        return "nearest"
    return found


# The date a proposal names: "the board proposed January 24 as the new date".
_PROPOSED = re.compile(r"\b(?:suggest|propos)(?:ed|es|e|ing)\s+(?:the\s+date\s+of\s+)?\Z", re.I)


def _direction(sentence: str, position: int, end: int | None) -> Direction:
    before = _own_clause(sentence, position)
    if _PROPOSED.search(before):
        return "future"
    if end is not None and _OPENING.search(before) and _FUTURE_AFTER.match(sentence, end):
        return "future"
    future = [m.end() for m in _FUTURE.finditer(before)]
    past = [m.end() for m in _PAST.finditer(before)]
    if not _TARGET.match(sentence, position):
        past += [
            m.end()
            for m in _SIMPLE_PAST.finditer(before, max(0, len(before) - _PAST_REACH))
            if _AUXILIARY.search(before, 0, m.start()) is None
        ]
    if end is not None and _REALIZED_AFTER.match(sentence, end):
        return "past"
    last_future = future[-1] if future else -1
    last_past = past[-1] if past else -1
    plans = [m.end() for m in _PAST_PLAN.finditer(before)]
    if plans and plans[-1] >= max(last_future, last_past):
        return "nearest"
    if last_past > -1 and last_past >= last_future:
        return "past"
    if end is not None and _PUT_OFF_AFTER.match(sentence, end):
        return "nearest"
    if _PROSPECTIVE_NOUN.search(before) or (
        end is not None and _PROSPECTIVE_AFTER.match(sentence, end)
    ):
        if future and last_future >= len(before) - 40:
            return "future"
        # "the summit on Wednesday is expected to draw ministers": its own verb says ahead
        planned = not past and end is not None and _FUTURE_AFTER.match(sentence, end)
        return "future" if planned else "nearest"
    if future:
        # a future cue governs the rest of its clause ("proposed to delay the vote by a month
        # and hold it on <date>") unless a past cue came after it (handled above)
        return "future"
    if _DEADLINE_BEFORE.search(before):
        return "nearest"
    return "past"


# A reporting verb right before a weekday: "officials said Thursday", "told reporters on
# Monday", "announced in a statement on Tuesday".
_REPORTED = re.compile(
    r"\b(?:said|told|announced|stated|declared|confirmed|reported|revealed|added|noted)\b"
    r"[^,;.]{0,30}\Z",
    re.IGNORECASE,
)


def reported_at(sentence: str, position: int) -> bool:
    """Whether the date at `position` is the day someone said what the sentence tells."""
    return _REPORTED.search(sentence, max(0, position - 45), position) is not None
