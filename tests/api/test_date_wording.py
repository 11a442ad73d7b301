"""Uncertain dates in words: never a precise day for an interval, never a duration."""

from __future__ import annotations

from datetime import date

import pytest

from api.date_wording import describe_dates, machine_date


@pytest.mark.parametrize(
    ("start", "end", "precision", "words", "machine"),
    [
        ("2021-10-08", "2021-10-08", "day", "8 October 2021", "2021-10-08"),
        ("2021-10-01", "2021-10-08", "range", "between 1 and 8 October 2021", None),
        ("2021-10-04", "2021-10-10", "week", "between 4 and 10 October 2021", None),
        ("2021-09-28", "2021-10-03", "range", "between 28 September and 3 October 2021", None),
        ("2021-12-28", "2022-01-03", "range", "between 28 December 2021 and 3 January 2022", None),
        ("2021-10-01", "2021-10-31", "month", "October 2021", "2021-10"),
        ("2021-01-01", "2021-12-31", "year", "2021", "2021"),
        ("2021-09-01", "2021-11-30", "season", "autumn 2021", None),
        ("2020-12-01", "2021-02-28", "season", "winter 2020\u20132021", None),
        ("2021-07-01", "2021-09-30", "quarter", "between July and September 2021", None),
        ("2021-09-01", "2021-11-30", "range", "between September and November 2021", None),
        ("2020-11-01", "2021-02-28", "range", "between November 2020 and February 2021", None),
        ("2019-01-01", "2021-12-31", "range", "between January 2019 and December 2021", None),
        ("2021-01-01", "2021-01-01", "unknown", "date unknown", "2021-01-01"),
    ],
)
def test_words(start: str, end: str, precision: str, words: str, machine: str | None) -> None:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    assert describe_dates(first, last, precision) == words
    assert machine_date(first, last) == machine
