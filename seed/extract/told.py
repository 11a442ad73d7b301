"""A second happening told in a when-clause of the dated clause.

"The talks planned for May were thrown into disarray when the mediator said he would step
down": the date dates the talks; the when-clause tells another happening (the mediator's
statement) at the time the main clause's predicate took place, with a subject and verb of its
own. Read as one candidate, the sentence would join the articles about the talks and the
articles about the statement into one event; read as two, each joins its own.

A when-clause right after the date ("in 2011, when an uprising toppled the ruler") is not a
second happening: there it says what happened at that date (`seed.extract.governing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seed.extract.governing import governing_span

# ", when the commission said", " when Turkey sent", " when it announced": "when", a subject
# (opening with a determiner, a pronoun or a name; at most six words) and a finite verb.
_TOLD = re.compile(
    r",?\s+(?P<when>when)\s+(?P<clause>(?:the|a|an|its|his|her|their|it|he|she|they|[A-Z][\w'\u2019.-]*)"
    r"(?:\s+[\w'\u2019.-]+){0,5}?\s+(?P<verb>said|says|told|announced|declared|stated|"
    r"warned|ruled|decided|voted|sent|took|made|met|broke|began|came|won|lost|left|fell|held|"
    r"struck|gave|became|withdrew|quit|brought|led|threw|[a-z]{3,}ed)\b)"
)
# A speech verb makes the told happening a statement, whatever it talks about.
_SPEECH = re.compile(r"(?:said|says|told|announced|declared|stated|warned)\Z")


@dataclass(frozen=True, slots=True)
class Told:
    """`main_end`: where the dated clause stops; `start`..`end`: the told clause (offsets in
    the sentence); `verb_start`..`verb_end`: its finite verb; `speech`: the verb is one of
    speaking."""

    main_end: int
    start: int
    end: int
    verb_start: int
    verb_end: int
    speech: bool


@lru_cache(maxsize=16384)
def told_when(sentence: str, start: int, end: int, clause_end: int) -> Told | None:
    """The when-clause after the date at [start, end) that tells another happening, within
    the date's clause (which ends at `clause_end`); None when there is none."""
    if end <= start:
        return None
    stretch_end = governing_span(sentence, start, end)[1]
    for m in _TOLD.finditer(sentence, end, clause_end):
        if m.start("when") < stretch_end and sentence[end : m.start()].strip(" ,"):
            continue  # inside the date's own stretch
        if not sentence[end : m.start()].strip(" ,"):
            return None  # "in 2011, when ...": the when-clause is the dated happening
        return Told(
            main_end=m.start(),
            start=m.start("clause"),
            end=clause_end,
            verb_start=m.start("verb"),
            verb_end=m.end("verb"),
            speech=_SPEECH.match(m.group("verb")) is not None,
        )
    return None
