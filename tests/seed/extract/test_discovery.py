"""Roles written before a name, found only near their role words: the same matches as the
pattern tried at every position."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from seed.extract.discovery import ROLE_BEFORE_NAME, roles_before_names

TEXTS = [
    "The talks, said acting UN spokesman Pavel Orlov Minsky, will resume.",
    "Xminister Tarek spokesman Omar Bello arrived\nand army chief Hana Sorel left.",
    "Former foreign minister, Ivo Kral, and senior defence adviser Ivo Kral met.",
    "Regional envoy Lise Marrow-Holt and deputy minister Dan de Vries spoke; minister Lo.",
    "",
]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, str, str]]:
    return [(m.start(), m.end(), m.group("title"), m.group("name")) for m in matches]


def test_windowed_search_finds_what_the_pattern_finds_everywhere() -> None:
    for text in TEXTS:
        assert _spans(roles_before_names(text)) == _spans(ROLE_BEFORE_NAME.finditer(text))


def test_a_match_may_start_before_an_earlier_role_word_that_leads_nowhere() -> None:
    # "minister Tarek" is no match (one name part); the match of "spokesman" starts with the
    # capitalised word that holds that earlier role word.
    assert _spans(roles_before_names(TEXTS[1])) == [
        (0, 36, "Xminister Tarek spokesman", "Omar Bello"),
        (49, 70, "army chief", "Hana Sorel"),
    ]


WORDS = [
    "Xminister", "minister", "spokesman", "Tarek", "Omar", "Bello", "chief", "acting", "UN",
    "U.N.", "foreign", "said", "general", "al-Sayed", "el-", "de", "Jean-Yves", "O'Neil",
    "Omar's", "army", "regional", "spokesperson", "top", "admiral", "ex-envoy", "2021", "the",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "\n", ", ", "-", "  ", "\t"]


def test_windowed_search_on_many_made_up_word_sequences() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(
            rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 12))
        )
        assert _spans(roles_before_names(text)) == _spans(ROLE_BEFORE_NAME.finditer(text))
