"""When a mandate granted for a length of time runs out: a happening of its own.

"Lawmakers on Thursday approved a one-year mandate to deploy troops" dates the vote; the mandate
it grants runs out a year later, a deadline the timeline should show ("the mandate expires").
It is dated by the granting's day plus the length, to the month (the text gives no day of
expiry: a mandate may run from the vote, from its publication or from a later start).

Only a granting dated to a day (a vaguer one would give a vaguer deadline still), only a
mandate, term or authorisation with its length next to it ("a one-year mandate", "a mandate
for 18 months"), outside quotations; not an extension ("extended the mandate for another six
months"), which runs from the end of the term it extends, a day the sentence does not give.
"""

from __future__ import annotations

import re
from dataclasses import replace

from seed.extract.calendar_math import COUNT, NUMBERS, add_duration, month_bounds
from seed.extract.candidate import Candidate
from seed.extract.dates import DateHit
from seed.extract.event_titles import make_title
from seed.extract.layout import Sentence
from seed.extract.tokens import content_tokens
from seed.extract.types import ActorRelation, DateInterval

# The date kind of a mandate's end: counted from the granting's date, stated by no expression.
KIND = "mandate"
# The type of the happening: a political term that ends.
TYPE = "political"

_COUNT = rf"(?:{COUNT})"
_MANDATE = re.compile(
    rf"\b(?P<n>{_COUNT})-(?P<unit>month|year)\s+(?:(?:troop|deployment|military|extended|new)\s+)"
    r"{0,2}(?:mandate|term|authori[sz]ation)\b|"
    r"\b(?:mandate|term|authori[sz]ation)\b[^.;:\"\u201c\u201d]{0,60}?\bfor\s+"
    rf"(?P<n2>{_COUNT})\s+(?P<unit2>month|year)s?\b",
    re.IGNORECASE,
)
# An extension runs from the end of the term it extends, which the sentence does not give.
_EXTENDED = re.compile(r"\b(?:extend\w*|renew\w*|prolong\w*|another|further|additional)\b", re.I)


def mandate_end(
    granting: Candidate,
    sentence: Sentence,
    quoted: tuple[tuple[int, int], ...],
    relations: list[ActorRelation],
) -> Candidate | None:
    """The end of the mandate the dated `granting` (a candidate of `sentence`) gives, or None.
    `quoted`: the sentence's quotation spans; `relations`: the registry's, which tell the state
    a granting body is part of (a parliament's mandate is its state's)."""
    hit = granting.hit
    if hit is None or granting.date.precision != "day" or hit.kind in {"quoted", KIND}:
        return None
    m = _MANDATE.search(sentence.text)
    if m is None or any(s < m.start() < e for s, e in quoted) or _EXTENDED.search(sentence.text):
        return None
    raw = (m["n"] or m["n2"]).lower()
    count = int(raw) if raw.isdigit() else NUMBERS[raw]
    unit = (m["unit"] or m["unit2"]).lower()
    day = add_duration(granting.date, count, unit).start
    first, last = month_bounds(day.year, day.month)
    interval = DateInterval(first, last, "month")
    words = m.group()
    return replace(
        granting,
        quote_start=sentence.start + m.start(),
        quote_end=sentence.start + m.end(),
        quote=words,
        date=interval,
        date_text=None,
        date_kind=KIND,
        type=TYPE,
        title=make_title(f"The {words} runs out"),
        actors=_with_states(granting.actors, relations),
        tokens=content_tokens(words),
        lead=False,
        hit=DateHit(m.start(), m.end(), "", KIND, interval),
    )


def _with_states(
    actors: list[tuple[str, str]], relations: list[ActorRelation]
) -> list[tuple[str, str]]:
    """`actors` and the states their bodies are part of ("the Turkish parliament": Turkey)."""
    keys = {key for key, _ in actors}
    states = [
        r.object_key
        for key, _ in actors
        for r in relations
        if r.subject_key == key and r.relation == "part_of" and r.object_key not in keys
    ]
    return [*actors, *((state, "participant") for state in dict.fromkeys(states))]
