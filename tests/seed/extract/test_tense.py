"""The clause that governs a yearless date decides whether it lies before or after publication."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.dates import find_dates
from seed.extract.tense import direction_at
from seed.extract.types import DateInterval


def days(sentence: str, published: str) -> list[str]:
    day = date.fromisoformat(published)
    return [
        h.interval.start.isoformat() for h in find_dates(sentence, DateInterval(day, day, "day"))
    ]


def test_a_reporting_verb_in_the_past_governs_its_weekday_not_a_future_word_before_it() -> None:
    # Thursday 2021-06-17: the border reopens on the coming Friday, said on that Thursday.
    sentence = "The border post would reopen on Friday, customs officials said Thursday."
    assert days(sentence, "2021-06-17") == ["2021-06-18", "2021-06-17"]
    assert days("Officials said Thursday the border post would reopen.", "2021-06-18") == [
        "2021-06-17"
    ]


def test_a_happening_that_could_not_take_place_lies_in_the_past() -> None:
    sentence = "The runoff planned for the capital could not be held on 24 January."
    assert days(sentence, "2022-02-03") == ["2022-01-24"]


def test_a_date_after_after_the_dates_a_past_happening() -> None:
    assert days("Donors will build on pledges made after the March 9 meeting.", "2021-04-20") == [
        "2021-03-09"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the council is due to publish its findings on", "future"),
        ("Rome expects to host the conference on", "future"),
        ("the envoy told reporters on", "past"),
        ("the summit was held on", "past"),
        ("voting in the referendum on", "nearest"),
        ("the militia withdrew on", "past"),
    ],
)
def test_direction_of_the_governing_clause(sentence: str, expected: str) -> None:
    assert direction_at(sentence + " May 3", len(sentence) + 1) == expected


def test_a_date_opening_its_clause_is_governed_by_the_verb_after_it() -> None:
    assert days("On May 3, the runoff is scheduled to take place.", "2021-04-20") == ["2021-05-03"]
    assert days("On March 3, the runoff was held.", "2021-04-20") == ["2021-03-03"]


def test_a_proposed_new_date_lies_ahead() -> None:
    sentence = "The board suggested to delay the vote by a month and hold it on February 2nd."
    assert days(sentence, "2021-12-22") == ["2022-02-02"]


def test_a_failure_to_do_something_in_a_month_lies_in_the_past() -> None:
    # "to hold" alone looks ahead; "the failure to hold" names what did not happen.
    sentence = "Anger grew after the failure to hold the local vote in March, residents said."
    assert days(sentence, "2022-09-02") == ["2022-03-01"]
    assert days("Militias failed to take the airport in May.", "2020-02-10") == ["2019-05-01"]


def test_a_verb_coordinated_with_a_planned_one_shares_its_direction() -> None:
    # "proposed to delay ... and hold it on": the holding is as planned as the delay, however
    # long the clause between them.
    sentence = (
        "The commission has proposed to postpone the long-awaited municipal vote by a month and "
        "hold it on February 3rd instead."
    )
    assert days(sentence, "2021-12-20") == ["2022-02-03"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The observers' mandate ends in March.", "2022-03-01"),
        ("The pullout deadline falls on 3 March.", "2022-03-03"),
        ("The observers' mandate ended in March.", "2021-03-01"),
    ],
)
def test_a_fixed_end_in_the_present_lies_ahead(sentence: str, expected: str) -> None:
    assert days(sentence, "2021-11-10") == [expected]


def test_a_relative_aside_does_not_govern_the_main_clause_after_it() -> None:
    # Wednesday 2021-11-10: the aside's Friday lies ahead, the main clause's Tuesday behind.
    sentence = "The envoy, who will fly to Cairo on Friday, met the delegates Tuesday."
    assert days(sentence, "2021-11-10") == ["2021-11-12", "2021-11-09"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a plan already past when told, or told as held / never held
        ("The runoff, which had been due on 3 March, was called off.", ["2021-03-03"]),
        ("The talks planned for 3 March were held in Tunis.", ["2021-03-03"]),
        ("The runoff expected in March never took place.", ["2021-03-01"]),
        # a simple past verb governs its date, whatever future cue came before it
        ("The envoy, expected in Sirte soon, met the mayors on 3 March.", ["2021-03-03"]),
        ("The council would debate the plan it adopted in March.", ["2021-03-01"]),
        # ... but not a participle describing a noun, nor a target date
        ("The envoy will chair a session devoted to the port on 3 March.", ["2022-03-03"]),
    ],
)
def test_the_tense_of_the_verb_governing_a_date_places_it(
    sentence: str, expected: list[str]
) -> None:
    assert days(sentence, "2021-11-10") == expected


def test_a_planned_weekday_printed_on_that_weekday_is_that_day() -> None:
    # Friday 2021-06-18: wires name the day of a plan for later that day, not "today".
    assert days("The council will vote on Friday.", "2021-06-18") == ["2021-06-18"]
    assert days("The council will vote next Friday.", "2021-06-18") == ["2021-06-25"]


def test_a_planned_weekday_counts_from_the_day_it_was_announced() -> None:
    # Printed Sunday 2021-06-20: the Saturday after the Thursday of the announcement.
    sentence = "The crossing would reopen on Saturday, the governor announced Thursday."
    assert days(sentence, "2021-06-20") == ["2021-06-19", "2021-06-17"]


def test_ahead_of_a_weekday_counts_from_the_happening_before_it() -> None:
    # Printed Thursday 2021-06-17: the meeting followed Monday's landing, so it was that week's.
    sentence = "The envoy landed in Rome on Monday ahead of Wednesday's meeting."
    assert days(sentence, "2021-06-17") == ["2021-06-14", "2021-06-16"]
    # Without an earlier day, ahead of publication (Tuesday 2021-06-15).
    assert days("The minister urged restraint ahead of Thursday's vote.", "2021-06-15") == [
        "2021-06-17"
    ]


def test_a_summit_whose_own_verb_is_ahead_lies_ahead() -> None:
    # Monday 2021-06-14: the nearest Friday would be the one before.
    sentence = "The summit on Friday is expected to adopt a declaration."
    assert days(sentence, "2021-06-14") == ["2021-06-18"]


@pytest.mark.parametrize("verb", ["envisages", "foresees", "calls for", "provides for"])
def test_what_a_plan_provides_for_lies_ahead(verb: str) -> None:
    sentence = f"The roadmap {verb} the departure of all fighters in May."
    assert days(sentence, "2021-06-17") == ["2022-05-01"]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a plan told in the past: the nearest such day, here the one just gone
        ("The referendum was due to take place on 20 December.", "2022-01-12", "2021-12-20"),
        (
            "The port, initially set to reopen on 2 December, stayed shut.",
            "2022-01-12",
            "2021-12-02",
        ),
        # ... and here the one still ahead
        ("The referendum was due to take place on 20 December.", "2021-11-02", "2021-12-20"),
        # a plan that could not be held is past
        ("The runoff slated for 9 December could not be held.", "2022-01-12", "2021-12-09"),
        # a plan put off: the nearest such day (ahead when put off early)
        ("Talks expected to open on 4 February were postponed.", "2022-03-01", "2022-02-04"),
        ("Talks expected to open on 4 February were postponed.", "2022-01-10", "2022-02-04"),
        # the day a proposal names lies ahead
        ("The committee proposed 14 February as the new date.", "2022-01-12", "2022-02-14"),
    ],
)
def test_plans_told_in_the_past_put_off_or_proposed(
    sentence: str, published: str, expected: str
) -> None:
    assert days(sentence, published) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # published 2021-11-20: a deadline with no tense is the nearest such day, here ahead
        ("Bidders have until February 2 to file their offers, the port said.", "2022-02-02"),
        ("Contractors must hand over the site by January 15 at the latest.", "2022-01-15"),
        # ... and just behind when that is nearer
        ("Traders had a deadline of November 12 to register.", "2021-11-12"),
    ],
)
def test_a_deadline_without_a_tense_is_the_nearest_such_day(sentence: str, expected: str) -> None:
    assert days(sentence, "2021-11-20")[0] == expected


def test_a_clause_opening_with_the_end_of_a_period_takes_the_tense_of_its_verb() -> None:
    sentence = "At the end of this month, the lease on the depot expires."
    hits = find_dates(sentence, DateInterval(date(2021, 3, 10), date(2021, 3, 10), "day"))
    assert [(h.interval.start, h.interval.end) for h in hits] == [
        (date(2021, 3, 1), date(2021, 3, 31))
    ]
