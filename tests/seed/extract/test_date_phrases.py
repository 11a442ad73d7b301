"""Date phrases beyond the plain day/month/weekday forms, each resolved against publication."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.dates import find_dates
from seed.extract.types import DateInterval


def pub(day: str) -> DateInterval:
    return DateInterval(date.fromisoformat(day), date.fromisoformat(day), "day")


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # the end / middle / start of a month is that month
        (
            "The envoy at the end of August hinted at a delay.",
            "2021-09-21",
            "2021-08-01..2021-08-31 month",
        ),
        (
            "Shelling resumed in mid-March near the port.",
            "2021-04-10",
            "2021-03-01..2021-03-31 month",
        ),
        ("Talks broke down by the middle of May.", "2021-09-01", "2021-05-01..2021-05-31 month"),
        # weekends: the latest one, or the next when planned
        (
            "The truce held over the weekend, residents said.",
            "2020-03-10",
            "2020-03-07..2020-03-08 range",
        ),
        ("Militias traded fire the past weekend.", "2020-03-14", "2020-03-07..2020-03-08 range"),
        (
            "The delegations will meet over the weekend.",
            "2021-06-17",
            "2021-06-19..2021-06-20 range",
        ),
        ("Observers arrive next weekend.", "2021-06-19", "2021-06-26..2021-06-27 range"),
        # parts of a year
        (
            "Parliament endorsed the cabinet early this year.",
            "2021-11-24",
            "2021-01-01..2021-03-31 range",
        ),
        ("The port was blockaded late last year.", "2021-05-02", "2020-10-01..2020-12-31 range"),
        # a day with a year relative to publication, and "Dec.24" without a space
        ("polls planned for December 24 this year", "2021-06-23", "2021-12-24..2021-12-24 day"),
        ("The vote on Feb.3 decides it.", "2021-01-10", "2021-02-03..2021-02-03 day"),
        # a season named without "last"/"this"
        ("the calm they have kept since the autumn", "2021-03-15", "2020-09-01..2020-11-30 season"),
        ("the ports reopened in the spring", "2021-11-15", "2021-03-01..2021-05-31 season"),
        ("the ports will reopen in the spring", "2021-11-15", "2022-03-01..2022-05-31 season"),
    ],
)
def test_phrase_resolves(sentence: str, published: str, expected: str) -> None:
    hits = find_dates(sentence, pub(published))
    assert len(hits) == 1, hits
    found = hits[0].interval
    assert f"{found.start}..{found.end} {found.precision}" == expected


def test_a_count_after_over_or_more_than_is_not_a_year() -> None:
    sentence = "At least 30 died and over 2000 fled, more than 1990 of them children."
    assert find_dates(sentence, pub("2019-04-09")) == ()


def test_earlier_this_month_names_the_month() -> None:
    (hit,) = find_dates("The law was ratified earlier this month.", pub("2021-09-21"))
    assert (hit.interval.start, hit.interval.end, hit.interval.precision) == (
        date(2021, 9, 1),
        date(2021, 9, 30),
        "month",
    )


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a month naming a happening: a truce or an offensive lies behind...
        ("Militias broke the March truce within days.", "2021-09-15", "2021-03-01..2021-03-31"),
        ("The port reopened after an August ceasefire.", "2021-02-10", "2020-08-01..2020-08-31"),
        # ... elections and summits are the nearest such month, usually ahead
        ("Observers prepare for the December elections.", "2021-09-15", "2021-12-01..2021-12-31"),
        ("Envoys met ahead of the November summit.", "2022-01-10", "2021-11-01..2021-11-30"),
    ],
)
def test_a_month_naming_a_happening_dates_it(sentence: str, published: str, expected: str) -> None:
    (hit,) = find_dates(sentence, pub(published))
    found = hit.interval
    assert f"{found.start}..{found.end} {found.precision}" == expected + " month"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a span of days in one month is the span, not its last day
        ("The officers met in Rome on 14-15 March 2021.", "2021-04-02", "2021-03-14..2021-03-15"),
        ("The officers met in Rome on March 14-15, 2021.", "2021-04-02", "2021-03-14..2021-03-15"),
        ("Talks ran from 7 to 9 February in Tunis.", "2021-03-01", "2021-02-07..2021-02-09"),
        ("Talks will run between 7 and 9 May.", "2021-03-01", "2021-05-07..2021-05-09"),
        ("Envoys met between February 7 and 9.", "2021-03-01", "2021-02-07..2021-02-09"),
    ],
)
def test_a_span_of_days_is_a_range(sentence: str, published: str, expected: str) -> None:
    (hit,) = find_dates(sentence, pub(published))
    found = hit.interval
    assert f"{found.start}..{found.end} {found.precision}" == expected + " range"


def test_two_days_joined_by_and_are_not_a_span() -> None:
    hits = find_dates("Shelling hit the port on 3 and 6 May.", pub("2021-06-01"))
    assert [(h.text, h.interval.start) for h in hits] == [("6 May", date(2021, 5, 6))]


def test_a_reworded_last_year_places_the_month() -> None:
    # text spinners turn "last year" into "final yr"
    (hit,) = find_dates("The militia took the town in May final yr.", pub("2021-08-01"))
    assert (hit.interval.start, hit.interval.end) == (date(2020, 5, 1), date(2020, 5, 31))


def test_an_abbreviated_year_is_read_like_the_word() -> None:
    # "yr" for "year", as headlines and text spinners write it
    (hit,) = find_dates("Guards closed the pipeline earlier this yr.", pub("2022-09-14"))
    assert (hit.text, hit.interval.start, hit.interval.end, hit.interval.precision) == (
        "earlier this yr",
        date(2022, 1, 1),
        date(2022, 12, 31),
        "year",
    )


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Gunmen struck the day before yesterday.", "2021-06-16", "2021-06-14..2021-06-14 day"),
        ("Envoys arrive the day after tomorrow.", "2021-06-16", "2021-06-18..2021-06-18 day"),
        ("Militias traded fire at the weekend.", "2021-06-16", "2021-06-12..2021-06-13 range"),
        ("Output fell in the second half of 2019.", "2021-06-16", "2019-07-01..2019-12-31 range"),
        ("Output fell in the first quarter of 2020.", "2021-06-16", "2020-01-01..2020-03-31 range"),
    ],
)
def test_more_day_and_part_phrases(sentence: str, published: str, expected: str) -> None:
    (hit,) = find_dates(sentence, pub(published))
    found = hit.interval
    assert f"{found.start}..{found.end} {found.precision}" == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Envoys say mercenaries poured into the port in the past months.",
            "2022-02-14..2022-09-14",
        ),
        ("Shelling has intensified over the last few days.", "2022-09-04..2022-09-14"),
        ("In the past two weeks, raids emptied three villages.", "2022-08-31..2022-09-14"),
        ("Fuel queues grew over past few days, drivers said.", "2022-09-04..2022-09-14"),
        ("Rents rose over the last couple of weeks.", "2022-08-24..2022-09-14"),
    ],
)
def test_the_past_units_run_up_to_publication(sentence: str, expected: str) -> None:
    (hit,) = find_dates(sentence, pub("2022-09-14"))
    assert (f"{hit.interval.start}..{hit.interval.end}", hit.interval.precision) == (
        expected,
        "range",
    )


def test_a_duration_for_the_past_months_is_no_date() -> None:
    assert find_dates("The envoy has lived in Tunis for the past months.", pub("2022-09-14")) == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "in recent days": up to ten days before publication
        ("Water cuts spread across Sabha in recent days.", "2022-02-04..2022-02-14 range"),
        # "recently": up to two weeks; "in recent weeks": up to six
        ("The mayor recently closed two bakeries.", "2022-01-31..2022-02-14 range"),
        ("Prices of bread doubled in recent weeks.", "2022-01-03..2022-02-14 range"),
        # "a recent outbreak of ...": a happening of the last weeks, as "recently"
        ("A recent outbreak of cholera closed the school.", "2022-01-31..2022-02-14 range"),
        ("It followed the recent wave of strikes.", "2022-01-31..2022-02-14 range"),
    ],
)
def test_recently_is_a_range_ending_at_publication(sentence: str, expected: str) -> None:
    (hit,) = find_dates(sentence, pub("2022-02-14"))
    assert (hit.kind, f"{hit.interval.start}..{hit.interval.end} {hit.interval.precision}") == (
        "recent",
        expected,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The recently elected mayor closed two bakeries.",
        "A recently-built depot burned.",
        "In the last days of the siege the depot burned.",
        "A recent report on cholera was read out.",
    ],
)
def test_recently_as_an_adjective_or_a_span_of_something_else_is_no_date(sentence: str) -> None:
    assert find_dates(sentence, pub("2022-02-14")) == ()


def _one(sentence: str, published: str) -> str:
    (hit,) = find_dates(sentence, pub(published))
    return f"{hit.interval.start}..{hit.interval.end} {hit.interval.precision}"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Monday 2021-06-21: the weekend just gone
        (
            "Fishermen were detained this past weekend.",
            "2021-06-21",
            "2021-06-19..2021-06-20 range",
        ),
        # parts of a month with its name
        (
            "Flights resumed in the first week of June.",
            "2021-06-17",
            "2021-06-01..2021-06-07 range",
        ),
        ("Prices rose in the last week of May 2020.", "2021-06-17", "2020-05-25..2020-05-31 range"),
        (
            "Drills were held in the second half of May.",
            "2021-06-17",
            "2021-05-16..2021-05-31 range",
        ),
        # this unit without "this": named whole, like "earlier this month"
        ("The board met at the start of the month.", "2021-06-17", "2021-06-01..2021-06-30 month"),
        ("Hostages were freed earlier in the week.", "2021-06-17", "2021-06-14..2021-06-20 week"),
        (
            "The bank will reopen by the end of the year.",
            "2021-06-17",
            "2021-01-01..2021-12-31 year",
        ),
    ],
)
def test_phrases_of_a_part_of_a_period(sentence: str, published: str, expected: str) -> None:
    assert _one(sentence, published) == expected


def test_the_end_of_the_month_told_as_past_is_not_dated() -> None:
    # published on the 3rd, it may well be last month's end: no date rather than a wrong one
    assert find_dates("Clashes erupted at the end of the month.", pub("2021-06-03")) == ()


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Thursday 2021-06-17
        (
            "Mediators hosted talks on Monday and Tuesday.",
            "2021-06-17",
            "2021-06-14..2021-06-15 range",
        ),
        ("The panel sat from Monday to Wednesday.", "2021-06-17", "2021-06-14..2021-06-16 range"),
        (
            "The panel will sit from Monday to Wednesday.",
            "2021-06-17",
            "2021-06-21..2021-06-23 range",
        ),
        (
            "Delegates gathered on 14 and 15 June in Rome.",
            "2021-06-17",
            "2021-06-14..2021-06-15 range",
        ),
        (
            "Delegates gathered on June 14 and 15 in Rome.",
            "2021-06-17",
            "2021-06-14..2021-06-15 range",
        ),
        ("Strikes went on from May 30 to June 2.", "2021-06-17", "2021-05-30..2021-06-02 range"),
        (
            "Crews worked between 3 June and 9 June 2020.",
            "2021-06-17",
            "2020-06-03..2020-06-09 range",
        ),
        (
            "Crews worked from 28 December to 3 January.",
            "2021-01-10",
            "2020-12-28..2021-01-03 range",
        ),
    ],
)
def test_a_span_between_two_days_is_those_days(
    sentence: str, published: str, expected: str
) -> None:
    assert _one(sentence, published) == expected


def test_a_figure_after_a_day_is_no_second_day() -> None:
    hits = find_dates("On June 14 and 15,000 more fled.", pub("2021-06-17"))
    assert [h.text for h in hits] == ["June 14"]


def test_two_weekdays_apart_joined_by_and_are_two_days() -> None:
    hits = find_dates("Drones struck on Monday and Thursday.", pub("2021-06-18"))
    assert [h.interval.start.isoformat() for h in hits] == ["2021-06-14", "2021-06-17"]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # the night up to the report; a night to come starts on its day
        ("Rockets hit the airport overnight.", "2021-03-10", "2021-03-09..2021-03-10"),
        ("The curfew will be lifted overnight.", "2021-03-10", "2021-03-10..2021-03-11"),
    ],
)  # fmt: skip
def test_overnight_is_the_night_around_the_report(
    sentence: str, published: str, expected: str
) -> None:
    assert _one(sentence, published) == expected + " range"


def test_overnight_gives_way_to_the_night_named() -> None:
    hits = find_dates("Shells fell overnight Tuesday near the port.", pub("2021-03-12"))
    assert [(h.text, h.interval.start) for h in hits] == [("Tuesday", date(2021, 3, 9))]


@pytest.mark.parametrize(
    "sentence",
    [
        "An overnight curfew starts.",
        "Peace will not happen overnight.",
        "Tourism is a goal of Vision 2030.",
        "The 2030 Agenda was cited.",
        "Deputies discussed the 2022 budget.",
    ],
)
def test_words_that_look_like_dates_but_date_nothing(sentence: str) -> None:
    assert find_dates(sentence, pub("2021-03-10")) == ()


def test_a_year_before_a_plan_word_dates_when_a_preposition_governs_it() -> None:
    (hit,) = find_dates("In 2022 budget talks stalled.", pub("2023-03-10"))
    assert (hit.text, hit.interval.start, hit.interval.end) == (
        "2022",
        date(2022, 1, 1),
        date(2022, 12, 31),
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He stepped down at the end of last year.", "2020-10-01..2020-12-31"),
        ("By the start of next year, forces must leave.", "2022-01-01..2022-03-31"),
        ("Fighting stopped in mid-2019.", "2019-05-01..2019-08-31"),
        ("Fighting stopped in the middle of 2019.", "2019-05-01..2019-08-31"),
        ("Forces withdrew in late 2019.", "2019-10-01..2019-12-31"),
        ("The port reopened at the end of 2019.", "2019-10-01..2019-12-31"),
        # said in that very part of the year: up to publication
        ("Talks stalled in early 2021.", "2021-01-01..2021-03-10"),
    ],
)
def test_a_part_of_a_named_or_relative_year_is_those_months(sentence: str, expected: str) -> None:
    assert _one(sentence, "2021-03-10") == expected + " range"
