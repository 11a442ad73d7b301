"""A pledge rated through the withdrawal index: the withdrawals of its makers after it was
made, less its own sentences, as the plain rule (`status_of`) reads every withdrawal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seed.extract.types import DateInterval
from seed.link.pledge_status import Withdrawal, completed, status_of, withdrawal_order
from seed.link.withdrawal_index import WithdrawalIndex


def _day(d: date) -> DateInterval:
    return DateInterval(d, d, "day")


MADE = _day(date(2021, 3, 1))
AS_OF = date(2021, 9, 1)
REPORTS: list[Withdrawal] = sorted(
    [
        (_day(date(2021, 2, 20)), {"chad"}, "Some fighters left before the deal."),
        (_day(date(2021, 3, 1)), {"chad"}, "Fighters will leave within 90 days."),
        (_day(date(2021, 4, 9)), {"sudan"}, "A column of Sudanese fighters crossed back."),
        (_day(date(2021, 5, 2)), {"chad", "sudan"}, "A second column crossed the border."),
        (_day(date(2021, 6, 9)), {"chad"}, "All of the Chadian fighters have left the south."),
    ],
    key=lambda w: withdrawal_order(w[0], w[2]),
)


def test_only_the_makers_withdrawals_after_the_day_it_was_made_count() -> None:
    status, reason, shown = WithdrawalIndex(REPORTS).rating(MADE, None, {"chad"}, set(), AS_OF)
    assert status == "kept"
    assert reason == (
        "a later report says the withdrawal was completed: "
        "All of the Chadian fighters have left the south."
    )
    # neither the report of the day it was made nor the earlier one, nor Sudan's alone
    assert shown == [(3, "progress"), (4, "fulfils")]


def test_its_own_sentence_is_no_later_report() -> None:
    index = WithdrawalIndex(REPORTS)
    own = {"A second column crossed the border."}
    status, reason, shown = index.rating(_day(date(2021, 2, 1)), None, {"sudan"}, own, AS_OF)
    assert (status, shown) == ("in_the_works", [(2, "progress")])
    assert reason == "later withdrawal reported: A column of Sudanese fighters crossed back."


def test_a_passed_deadline_without_a_completion_is_broken() -> None:
    deadline = _day(date(2021, 5, 30))
    status, reason, shown = WithdrawalIndex(REPORTS).rating(MADE, deadline, {"sudan"}, set(), AS_OF)
    assert status == "broken"
    assert reason == (
        "the deadline (2021-05-30..2021-05-30) passed before 2021-09-01 without a reported "
        "completion; 2 later report(s) of partial movement"
    )
    assert shown == [(2, "progress"), (3, "progress")]


def test_withdrawals_out_of_report_order_are_refused() -> None:
    with pytest.raises(ValueError, match="report order"):
        WithdrawalIndex(list(reversed(REPORTS)))


_ACTORS = ("chad", "sudan", "wagner", "turkey")
_SUMMARIES = ("A convoy left.", "All fighters have left.", "Some crossed back.", "Fighters left.")
_withdrawal = st.tuples(
    st.integers(0, 60),
    st.integers(0, 3),
    st.frozensets(st.sampled_from(_ACTORS), max_size=3),
    st.sampled_from(_SUMMARIES),
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(_withdrawal, max_size=12),
    st.integers(0, 60),
    st.integers(0, 5),
    st.frozensets(st.sampled_from(_ACTORS), max_size=3),
    st.frozensets(st.sampled_from(_SUMMARIES), max_size=2),
    st.one_of(st.none(), st.integers(0, 90)),
    st.frozensets(st.integers(0, 12), max_size=4),
)
def test_the_index_rates_as_reading_every_withdrawal_does(
    drawn: list[tuple[int, int, frozenset[str], str]],
    made_at: int,
    made_width: int,
    pledgers: frozenset[str],
    own: frozenset[str],
    due: int | None,
    within: frozenset[int],
) -> None:
    first = date(2021, 1, 1)

    def span(offset: int, days: int) -> DateInterval:
        start = first + timedelta(days=offset)
        return DateInterval(start, start + timedelta(days=days), "range" if days else "day")

    reports: list[Withdrawal] = sorted(
        ((span(at, days), set(actors), text) for at, days, actors, text in drawn),
        key=lambda w: withdrawal_order(w[0], w[2]),
    )
    made = span(made_at, made_width)
    deadline = None if due is None else span(due, 0)
    as_of = first + timedelta(days=70)
    heard = [w for w in reports if w[2] not in own]
    later = [
        i
        for i, w in enumerate(reports)
        if w[2] not in own and w[0].start > made.end and w[1] & pledgers
    ]
    index = WithdrawalIndex(reports)
    status, reason, shown = index.rating(made, deadline, pledgers, own, as_of)
    assert (status, reason) == status_of(made, deadline, set(pledgers), heard, as_of)
    assert shown == [(i, "fulfils" if completed(reports[i][2]) else "progress") for i in later]
    # asked for the evidence on a few withdrawals only: the same status, that part of it
    assert index.rating(made, deadline, pledgers, own, as_of, within) == (
        status,
        reason,
        [(i, relation) for i, relation in shown if i in within],
    )
