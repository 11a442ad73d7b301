"""A grouped alternation of literal strings matches what the plain alternation matches, with
the same preference among strings that match at one position."""

from __future__ import annotations

import re

from seed.extract.alternatives import literal_alternation

WORDS = ["elect", "election", "vote", "Voter", "\u0130zmir", "izmir talks", "Ivo", "5+5"]
TEXT = "The Election and voters: \u0130ZMIR TALKS with ivo, 5+5 talks and the elected vote."


def _spans(source: str, flags: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"\b(?:{source})", TEXT, flags)]


def test_same_matches_in_the_same_order_of_preference() -> None:
    for flags in (0, re.IGNORECASE):
        plain = "|".join(re.escape(w) for w in WORDS)
        assert _spans(literal_alternation(WORDS, flags), flags) == _spans(plain, flags)
    # "elect" comes before "election", and "\u0130zmir" before "izmir talks" (the two first
    # letters match one another under IGNORECASE): those are what match
    assert _spans(literal_alternation(WORDS, re.IGNORECASE), re.IGNORECASE) == [
        (4, 9), (17, 21), (25, 30), (42, 45), (47, 50), (65, 70), (73, 77),
    ]  # fmt: skip
