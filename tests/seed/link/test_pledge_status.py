"""The withdrawal a pledge's status cites does not depend on the order withdrawals arrive in."""

from __future__ import annotations

from datetime import date
from itertools import permutations

from seed.extract.types import DateInterval
from seed.link.pledge_status import Withdrawal, status_of, withdrawal_order


def _day(d: date) -> DateInterval:
    return DateInterval(d, d, "day")


MADE = _day(date(2021, 3, 1))
REPORTS: list[Withdrawal] = [
    (_day(date(2021, 5, 2)), {"chad"}, "A second column of fighters crossed the border."),
    (_day(date(2021, 4, 9)), {"chad"}, "The first fighters crossed back into Chad."),
    (_day(date(2021, 4, 9)), {"chad"}, "A convoy left the southern base for the border."),
]


def _cited(reports: list[Withdrawal]) -> str:
    ordered = sorted(reports, key=lambda w: withdrawal_order(w[0], w[2]))
    status, reason = status_of(MADE, None, {"chad"}, ordered, date(2021, 6, 1))
    assert status == "in_the_works"
    return reason


def test_the_earliest_later_withdrawal_is_cited_whatever_the_arrival_order() -> None:
    reasons = {_cited(list(order)) for order in permutations(REPORTS)}
    # the two of 9 April are told apart by what they report, the convoy's coming first
    assert reasons == {"later withdrawal reported: A convoy left the southern base for the border."}


def test_a_withdrawal_without_a_summary_sorts_before_one_of_its_day_with_one() -> None:
    day = _day(date(2021, 4, 9))
    assert withdrawal_order(day, None) < withdrawal_order(day, "A convoy left.")
    assert withdrawal_order(day, "Z") < withdrawal_order(_day(date(2021, 4, 10)), "A")
