"""Titles made from the clause a date dates."""

from __future__ import annotations

import pytest

from seed.extract.event_titles import make_title


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("\u2022 forces began to leave Sirte on Monday.", "Forces began to leave Sirte on Monday"),
        ("- talks resumed in Geneva on 3 May", "Talks resumed in Geneva on 3 May"),
        ("But the envoy left Tunis on Friday;", "The envoy left Tunis on Friday"),
    ],
)
def test_a_title_drops_bullets_leading_conjunctions_and_end_marks(
    clause: str, expected: str
) -> None:
    assert make_title(clause) == expected
