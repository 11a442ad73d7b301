"""Which happening of a kind a mention names, when the kind has rivals of one month.

"Elections" name the happening's kind, not the happening: a presidential vote and legislative
elections may fall in one month, be planned, moved and talked of by the same bodies, and share
every word but one. That word tells them apart: a mention of legislative elections is not the
presidential vote, whatever else they share. A mention that names both ("presidential and
parliamentary elections") or neither may be either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seed.extract.candidate import Candidate
from seed.extract.governing import governing_text

# The qualifier of an election, cut to what tells the kinds apart ("parliamentary" and
# "legislative" elections are one kind).
_ELECTION = re.compile(
    r"\b(?P<kind>presidential|legislative|parliamentary|municipal|local)"
    r"(?:\s+(?:and|or|&)\s+(?P<other>presidential|legislative|parliamentary|municipal|local))?"
    r"\s+(?:elections?|polls?|votes?|ballots?|races?)\b",
    re.IGNORECASE,
)
_SAME = {"parliamentary": "legislative", "local": "municipal"}


def rival_kinds(candidate: Candidate) -> frozenset[str]:
    """The qualifiers of the happenings the candidate's dated stretch names ("presidential")."""
    hit = candidate.hit
    if hit is not None and hit.end > hit.start and candidate.summary:
        text = governing_text(candidate.summary, hit.start, hit.end)
    else:
        text = candidate.quote
    return _kinds(text)


@lru_cache(maxsize=65536)  # a stored mention is merged again by each linking that touches it
def _kinds(text: str) -> frozenset[str]:
    kinds: set[str] = set()
    for m in _ELECTION.finditer(text):
        for word in (m.group("kind"), m.group("other")):
            if word:
                kinds.add(_SAME.get(word.lower(), word.lower()))
    return frozenset(kinds)


def rivals(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two mentions name happenings of rival kinds: each names one, none in common."""
    return bool(mine) and bool(theirs) and not mine & theirs
