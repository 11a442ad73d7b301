"""Deadlines set by a date after a commitment, and the counts a pledge concerns."""

from __future__ import annotations

from datetime import date

from seed.extract.deadlines import Quantity, dated_deadline, quantity_in
from seed.extract.types import DateInterval

MADE = DateInterval(date(2022, 5, 10), date(2022, 5, 10), "day")


def _deadline(sentence: str) -> DateInterval | None:
    return dated_deadline(sentence, 0, MADE, MADE)


def test_by_a_day() -> None:
    assert _deadline("The units will pull back by June 30.") == DateInterval(
        date(2022, 6, 30), date(2022, 6, 30), "day"
    )


def test_by_a_yearless_day_already_past_is_next_years() -> None:
    assert _deadline("The units will pull back by April 2.") == DateInterval(
        date(2023, 4, 2), date(2023, 4, 2), "day"
    )


def test_the_end_of_this_year_and_of_a_named_year() -> None:
    assert _deadline("They will leave before the end of the year.") == DateInterval(
        date(2022, 12, 31), date(2022, 12, 31), "day"
    )
    assert _deadline("They will leave by the end of 2024.") == DateInterval(
        date(2024, 12, 31), date(2024, 12, 31), "day"
    )


def test_a_date_no_later_than_the_making_is_no_deadline() -> None:
    assert _deadline("The sides agreed on May 10 to swap prisoners.") is None


def test_counts_with_units() -> None:
    assert quantity_in("a first group of 1,300 Syrian fighters") == Quantity(1300, "fighters")
    assert quantity_in("some 300 mercenaries left") == Quantity(300, "mercenaries")
    assert quantity_in("twelve observers will arrive") == Quantity(12, "observers")
    assert quantity_in("in 2020 troops came") is None
