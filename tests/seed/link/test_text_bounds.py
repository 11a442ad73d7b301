"""What an undated article's own text bounds: nothing that may lie ahead bounds it from below,
nothing told as a failed plan bounds it from above."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.parse import decode_article, parse_article
from seed.link.text_bounds import lower_bound, upper_bound

BACKGROUND = "The port reopened in March 2019 after a blockade."


def bounds(text: str) -> tuple[date | None, date | None]:
    body = f"Port news\n{BACKGROUND}\n{text}\n"
    article = parse_article(decode_article("a.txt", body.encode()))
    low, high = lower_bound(article), upper_bound(article)
    return (low[0] if low else None, high[0] if high else None)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor adopted a reconstruction roadmap for 2027.",
        "Candidates registered ahead of the 2027 elections.",
        "The mission was extended through to September 2027.",
        "Fighters must leave no later than June 2027.",
        "The council cited resolution 2033 on the arms embargo.",
    ],
)
def test_what_may_lie_ahead_is_no_lower_bound(text: str) -> None:
    assert bounds(text)[0] == date(2019, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "A vote originally scheduled for 12 May 2020 was called off.",
        "Municipal polls planned for May 2020 could not be held.",
        "Talks that were supposed to open on 3 May 2020 collapsed.",
    ],
)
def test_a_failed_plan_is_no_upper_bound(text: str) -> None:
    assert bounds(text)[1] is None


def test_a_plan_still_ahead_bounds_publication_loosely() -> None:
    low, high = bounds("Municipal polls are planned for May 2020.")
    assert (low, high) == (date(2019, 3, 1), date(2021, 6, 1))


def test_a_vote_named_without_a_tense_cue_bounds_nothing_from_below() -> None:
    # it may lie either side of publication (the nearest such month): not a lower bound
    low, _ = bounds("A referendum in May 2027 is the next step for the city charter.")
    assert low == date(2019, 3, 1)


def test_a_caption_without_a_verb_dates_its_photo_and_bounds_from_below() -> None:
    caption = "The envoy at a press conference in Misrata, June 5, 2022. AFP - JANE ROE"
    assert bounds(caption) == (date(2022, 6, 5), None)


def test_a_caption_naming_a_plan_bounds_nothing_from_below() -> None:
    caption = "Posters for the vote in Misrata, ahead of June 5, 2027. AFP - JANE ROE"
    assert bounds(caption) == (date(2019, 3, 1), None)
