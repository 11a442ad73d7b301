"""A chronicle told in the historical present: undated steps take the day of the step before.

Recaps and timelines tell past days in the present tense: "On May 3, rebels seize the airport.
The government declares a state of emergency." The second sentence is dated by the first: a
chronicle states a day once and tells what followed it without repeating it. A present tense
is only historical when the text has used it for a day well before publication (a dated
sentence whose date governs a verb in the present), so "Ankara says the move is needed" in an
ordinary report stays undated. An undated step takes the latest day the text named, if that
day is at most a few sentences back (see seed.extract.chaining), and is marked as counted
from it ("chained"), so it stays apart from the happening that named the day. A recap that
steps back ("X says on April 4 ... The army said the previous day ...") leaves the steps told
next between the two days: they may belong to the earlier day's item or already to the later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from seed.extract.chaining import MAX_SENTENCES_BACK, DayAnchor
from seed.extract.dates import DateHit
from seed.extract.governing import governing_span
from seed.extract.quoted_dates import QUOTE_MARKS
from seed.extract.types import DateInterval

# The present of the verbs chronicles tell their steps with: "forces announce", "the UN calls".
_PRESENT = re.compile(
    r"\b(?<![-\u2019'])(?:announce|declare|call|order|launch|say|vow|warn|urge|reject|accept|"
    r"claim|seize|capture|retake|take|flare|erupt|break|strike|hit|reach|arrive|leave|enter|"
    r"withdraw|deploy|sign|agree|meet|open|close|begin|start|resume|suspend|appoint|name|"
    r"resign|impose|lift|demand|threaten|accuse|pledge|promise|advance|push|shell|attack|"
    r"kill|fire|down|seek|ask|send|mobili[sz]e)(?:s|es)?\b"
)
# What makes the verb no finite present: an auxiliary, "to", a modal, a determiner.
_NOT_FINITE = re.compile(
    r"(?:\b(?:to|will|would|shall|could|should|may|might|must|can|cannot|did|does|do|not|the|a|"
    r"an|its|their|his|her|of|and|or)|n't)\s+\Z",
    re.IGNORECASE,
)
_PAST_WORD = re.compile(r"\b(?:said|told|was|were|had|did|[a-z]{2,}ed)\b")
# How many days before publication a day must lie for its present tense to be historical.
_PAST_BY = 2


def _present_verbs(text: str, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    end = len(text) if hi is None else hi
    found = []
    for m in _PRESENT.finditer(text, lo, end):
        if _NOT_FINITE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if len(QUOTE_MARKS.findall(text, 0, m.start())) % 2:
            continue  # inside a quotation: the speaker's words
        found.append(m)
    return found


def narrates_past(text: str, hits: tuple[DateHit, ...], publication: DateInterval) -> bool:
    """Whether `text` dates a day well before publication with a verb in the present ("On
    May 3, rebels seize ...", "X says in a message on May 3")."""
    latest = publication.start - timedelta(days=_PAST_BY)
    for hit in hits:
        if hit.end <= hit.start or hit.interval.start != hit.interval.end:
            continue
        if hit.interval.end > latest:
            continue
        lo, hi = governing_span(text, hit.start, hit.end)
        if not _present_verbs(text, lo, hi):
            continue
        # "On May 3, rebels seize ...", or a sentence with no past tense at all ("X says in a
        # message on May 3: ..."); "X says it downed a drone on May 3" dates the downing
        if hit.start <= len("On ") or not _PAST_WORD.search(_outside_quotes(text)):
            return True
    return False


def _outside_quotes(text: str) -> str:
    return "".join(part for i, part in enumerate(QUOTE_MARKS.split(text)) if i % 2 == 0)


def narrated_hit(text: str, index: int, anchor: DayAnchor | None) -> DateHit | None:
    """For an undated sentence of a chronicle in the present, the day of the step before."""
    if anchor is None or index - anchor.sentence > MAX_SENTENCES_BACK:
        return None
    verbs = _present_verbs(text)
    if not verbs:
        return None
    # the verb stands where a date would: what it governs is the step's kind
    verb = verbs[0]
    return DateHit(verb.start(), verb.end(), "", "chained", anchor.interval, anchor.fixed)


def stepped_back(
    counted: Sequence[DateHit], anchor: DayAnchor | None, index: int
) -> DayAnchor | None:
    """ "X says in a message on April 4 ... The army said the previous day ...": a chronicle
    that steps back from its latest day to an earlier one (`counted`: the days sentence `index`
    counts from another, "the previous day"). The undated steps told next belong to the earlier
    day's item or already to the later day: both days, from where it stepped back."""
    if anchor is None or anchor.interval.start != anchor.interval.end:
        return None
    for hit in reversed(counted):
        day = hit.interval
        if hit.kind == "chained" and hit.text and day.start == day.end < anchor.interval.start:
            both = DateInterval(day.start, anchor.interval.end, "range")
            return DayAnchor(both, anchor.fixed and hit.fixed, index, hit.start)
    return None


# Steps that are appeals or words, whatever they are about: "the UN calls for a truce".
_APPEAL = re.compile(r"(?:say|call|urge|warn|demand|vow|threaten|accuse|ask|pledge|promise)")


def step_kind(text: str, hit: DateHit, kind: str) -> str:
    """The kind of a chronicle's undated step: a statement when its verb is an appeal or
    words ("the UN calls for a truce"), else `kind`, read from what the verb governs."""
    narrated = hit.kind == "chained" and not hit.text and hit.end > hit.start
    if narrated and _APPEAL.match(text, hit.start):
        return "statement"
    return kind
