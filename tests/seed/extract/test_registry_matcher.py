"""The registry's surface-form alternation, grouped by first character for speed, finds exactly
what the plain alternation of the same surfaces finds."""

from __future__ import annotations

import re

from seed.extract.registry import _alternation


def _plain(surfaces: list[str], flags: int) -> re.Pattern[str]:
    unique = sorted(set(surfaces), key=len, reverse=True)
    body = "|".join(re.escape(s) for s in unique)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


SURFACES = ["Ismir", "İsmir Province", "ismir port", "Sirt", "\u017firt bay", "K-9", "Kelvin Force"]
TEXTS = [
    "Talks in İsmir Province and ismir port ended.",
    "ISMIR PROVINCE, \u0131smir and Ismirs were named.",
    "The SIRT BAY patrol met in \u017firt; Sirt.x is not a name.",
    "K-9 units and the \u212aelvin force arrived.",
    "",
]


def test_case_insensitive_first_characters_that_share_a_match_stay_in_one_group() -> None:
    grouped = _alternation(SURFACES, flags=re.IGNORECASE)
    plain = _plain(SURFACES, re.IGNORECASE)
    for text in TEXTS:
        assert _spans(grouped, text) == _spans(plain, text)
    assert _spans(grouped, TEXTS[0]) == [(9, 23, "İsmir Province"), (28, 38, "ismir port")]
    assert _spans(grouped, TEXTS[1]) == [(0, 14, "ISMIR PROVINCE"), (16, 21, "\u0131smir")]


def test_case_sensitive_alternation_is_unchanged() -> None:
    grouped = _alternation(SURFACES, flags=0)
    plain = _plain(SURFACES, 0)
    for text in TEXTS:
        assert _spans(grouped, text) == _spans(plain, text)
    assert _spans(grouped, TEXTS[2]) == [(33, 37, "Sirt")]
