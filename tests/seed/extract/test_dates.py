"""Each date expression, resolved against a publication date (or an inferred interval)."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.dates import add_duration, find_dates, within_duration
from seed.extract.inverse_dates import publication_constraint
from seed.extract.types import DateInterval


def pub(start: str, end: str | None = None) -> DateInterval:
    return DateInterval(date.fromisoformat(start), date.fromisoformat(end or start), "day")


def only(sentence: str, publication: DateInterval) -> tuple[str, str, str]:
    hits = find_dates(sentence, publication)
    assert len(hits) == 1, hits
    i = hits[0].interval
    return i.start.isoformat(), i.end.isoformat(), i.precision


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # weekdays: the most recent such day, publication day included
        ("Mangoush said Sunday.", "2021-10-08", ("2021-10-03", "2021-10-03", "day")),
        ("forces declared Thursday that", "2021-11-11", ("2021-11-11", "2021-11-11", "day")),
        ("voter registration on Monday", "2021-11-11", ("2021-11-08", "2021-11-08", "day")),
        ("talks will resume on Monday", "2021-11-11", ("2021-11-15", "2021-11-15", "day")),
        # a fixed date in the present tense is ahead
        ("The deadline expires Saturday.", "2021-01-22", ("2021-01-23", "2021-01-23", "day")),
        ("Talks begin Monday in Geneva.", "2021-11-11", ("2021-11-15", "2021-11-15", "day")),
        ("today", "2021-11-11", ("2021-11-11", "2021-11-11", "day")),
        ("he said yesterday", "2021-11-11", ("2021-11-10", "2021-11-10", "day")),
        # weeks and months relative to publication
        ("This week, investigators linked", "2021-10-08", ("2021-10-04", "2021-10-08", "week")),
        ("Last week, she said", "2021-10-08", ("2021-09-27", "2021-10-03", "week")),
        ("Last month, Kubis said", "2021-08-19", ("2021-07-01", "2021-07-31", "month")),
        ("said last month it would", "2021-01-15", ("2020-12-01", "2020-12-31", "month")),
        ("signed last year", "2021-10-08", ("2020-01-01", "2020-12-31", "year")),
        ("signed a year ago", "2021-10-08", ("2020-08-08", "2020-12-08", "range")),
        ("three days ago", "2021-10-08", ("2021-10-05", "2021-10-05", "day")),
        # "a few" / "several" is no count: a range from two units back
        ("clashes a few days ago", "2021-10-08", ("2021-09-28", "2021-10-06", "range")),
        ("met several weeks ago", "2021-10-08", ("2021-08-20", "2021-09-24", "range")),
        ("a few months ago the vote", "2021-10-08", ("2021-03-01", "2021-08-08", "range")),
        ("Last winter, the UN estimated", "2021-08-19", ("2020-12-01", "2021-02-28", "season")),
        # months without a year: before publication unless planned
        ("In June, AFRICOM revealed", "2021-10-08", ("2021-06-01", "2021-06-30", "month")),
        ("a unity government in March", "2021-10-08", ("2021-03-01", "2021-03-31", "month")),
        ("an assessment released in October.", "2021-11-11", ("2021-10-01", "2021-10-31", "month")),
        ("elections set for January", "2021-11-11", ("2022-01-01", "2022-01-31", "month")),
        ("elections in December was part of", "2021-11-11", ("2021-12-01", "2021-12-31", "month")),
        ("October of last year", "2021-11-11", ("2020-10-01", "2020-10-31", "month")),
        ("in October 2020", "2021-11-11", ("2020-10-01", "2020-10-31", "month")),
        ("released in January 2020", "2021-10-08", ("2020-01-01", "2020-01-31", "month")),
        ("In April 2019, Hifter launched", "2021-08-19", ("2019-04-01", "2019-04-30", "month")),
        ("the 2011 uprising", "2021-10-08", ("2011-01-01", "2011-12-31", "year")),
        ("toppled Gaddafi in 2011, splitting", "2021-08-19", ("2011-01-01", "2011-12-31", "year")),
        # full days
        ("elections planned for Dec. 24", "2021-10-08", ("2021-12-24", "2021-12-24", "day")),
        ("signed on 23 October 2020", "2021-10-08", ("2020-10-23", "2020-10-23", "day")),
        ("signed on October 23, 2020", "2021-10-08", ("2020-10-23", "2020-10-23", "day")),
        ("comes on the eve of a summit", "2021-11-11", ("2021-11-12", "2021-11-12", "day")),
    ],
)
def test_expression_resolves(sentence: str, published: str, expected: tuple[str, ...]) -> None:
    assert only(sentence, pub(published)) == expected


def test_numbers_that_are_not_years_are_not_dates() -> None:
    text = (
        "2,000 Russian mercenaries; 500 kilometers (300 miles); 20,000 foreign forces; 2021 troops"
    )
    assert find_dates(text, pub("2021-10-08")) == ()


def test_an_inferred_publication_interval_widens_relative_dates() -> None:
    assert only("Mangoush said Sunday.", pub("2021-10-03", "2021-10-10")) == (
        "2021-10-03",
        "2021-10-10",
        "range",
    )
    assert only("said last month it would", pub("2021-10-03", "2021-10-10")) == (
        "2021-09-01",
        "2021-09-30",
        "month",
    )


def test_from_today_in_a_quotation_is_not_the_publication_day() -> None:
    assert find_dates("within three months from today", pub("2021-10-08")) == ()


def test_within_a_duration_becomes_a_deadline() -> None:
    assert within_duration("to be withdrawn within three months of its signing") == (3, "month")
    assert within_duration("within a maximum period of three months from today") == (3, "month")
    assert within_duration("within 90 days") == (90, "day")
    made = DateInterval(date(2020, 10, 1), date(2020, 10, 31), "month")
    assert add_duration(made, 3, "month") == DateInterval(
        date(2021, 1, 1), date(2021, 1, 31), "month"
    )


def test_relative_expressions_constrain_an_unknown_publication_date() -> None:
    sunday = DateInterval(date(2021, 10, 3), date(2021, 10, 3), "day")
    said_sunday = find_dates("she said Sunday", pub("2021-10-08"))[0]
    last_week = find_dates("Last week, she said", pub("2021-10-08"))[0]
    assert publication_constraint(said_sunday, sunday) == (date(2021, 10, 3), date(2021, 10, 9))
    assert publication_constraint(last_week, sunday) == (date(2021, 10, 4), date(2021, 10, 10))


def test_a_planned_weekday_may_be_printed_on_that_very_day() -> None:
    # "will speak on Sunday" of a Sunday speech: the week before, or that Sunday's morning.
    sunday = DateInterval(date(2021, 10, 3), date(2021, 10, 3), "day")
    planned = find_dates("she will speak on Sunday", pub("2021-10-01"))[0]
    assert publication_constraint(planned, sunday, "future") == (
        date(2021, 9, 26),
        date(2021, 10, 3),
    )


def test_one_sentence_read_against_two_publication_days_resolves_against_each() -> None:
    # The matches of a sentence are kept by its text alone; what they resolve to is not.
    sentence = "The envoy met the delegation on Tuesday and will return in March."
    first = [(h.text, h.interval) for h in find_dates(sentence, pub("2021-06-10"))]
    second = [(h.text, h.interval) for h in find_dates(sentence, pub("2022-04-20"))]
    assert first == [
        ("on Tuesday", DateInterval(date(2021, 6, 8), date(2021, 6, 8), "day")),
        ("in March", DateInterval(date(2022, 3, 1), date(2022, 3, 31), "month")),
    ]
    assert second == [
        ("on Tuesday", DateInterval(date(2022, 4, 19), date(2022, 4, 19), "day")),
        ("in March", DateInterval(date(2023, 3, 1), date(2023, 3, 31), "month")),
    ]


def test_the_nearest_weekday_bounds_publication_to_three_days_either_side() -> None:
    # "ahead of Wednesday's conference" of a Wednesday conference: the nearest Wednesday
    wednesday = DateInterval(date(2021, 6, 23), date(2021, 6, 23), "day")
    hit = find_dates("Maas spoke ahead of Wednesday's conference.", pub("2021-06-22"))[0]
    assert hit.interval.start == date(2021, 6, 23)
    assert publication_constraint(hit, wednesday, "nearest") == (
        date(2021, 6, 20),
        date(2021, 6, 26),
    )
