"""Pledges rated against the withdrawals reported after them, through an index.

A pledge is rated by the withdrawals of its makers reported after it was made
(`seed.link.pledge_status`). Linking the corpus rates every pledge, and a new
article re-rates the pledges of the actors whose withdrawals it changes: with thousands of
each in a large corpus, going through every withdrawal of a pledge's makers for each pledge
grew with the square of the corpus. Withdrawals come in report order (`withdrawal_order`),
which starts with the first day, so those reported after a day are a tail found by bisection;
the withdrawals of one set of makers are gathered once, not once per pledge, with where the
next report of a completion is from each on: a status then costs a bisection, and evidence
asked for on a few withdrawals (a re-rating) costs those few.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from seed.extract.types import DateInterval, PledgeStatus
from seed.link.pledge_status import Withdrawal, completed, status_for

# What a withdrawal shows of a pledge: the promised departure completed, or under way.
Evidence = list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class _Bearing:
    """The withdrawals of one set of makers, in report order."""

    indexes: list[int]
    starts: list[date]
    # Per position, the first position from there on whose report is of a completion (or
    # len(indexes)): a pledge's status needs only the first after the day it was made.
    next_done: list[int]
    # Report -> its positions: a pledge's own sentences are found, not looked for.
    positions: dict[str, list[int]]

    def position(self, index: int) -> int | None:
        """Where the withdrawal `index` stands among these (`indexes` is sorted), if at all."""
        k = bisect_left(self.indexes, index)
        return k if k < len(self.indexes) and self.indexes[k] == index else None


class WithdrawalIndex:
    """The withdrawals of a corpus, in report order, by the actors they bear on."""

    def __init__(self, withdrawals: Sequence[Withdrawal]) -> None:
        starts = [w[0].start for w in withdrawals]
        if any(a > b for a, b in pairwise(starts)):
            raise ValueError("withdrawals must come in report order (withdrawal_order)")
        self.withdrawals = withdrawals
        self._by_actor: dict[str, list[int]] = {}
        for i, (_, actors, _) in enumerate(withdrawals):
            for actor in actors:
                self._by_actor.setdefault(actor, []).append(i)
        self._bearing: dict[frozenset[str], _Bearing] = {}

    def _of(self, pledgers: Iterable[str]) -> _Bearing:
        makers = frozenset(pledgers)
        found = self._bearing.get(makers)
        if found is None:
            indexes = sorted({i for actor in makers for i in self._by_actor.get(actor, ())})
            reports = [self.withdrawals[i][2] for i in indexes]
            next_done = [len(indexes)] * (len(indexes) + 1)
            for k in range(len(indexes) - 1, -1, -1):
                next_done[k] = k if completed(reports[k]) else next_done[k + 1]
            positions: dict[str, list[int]] = {}
            for k, report in enumerate(reports):
                positions.setdefault(report, []).append(k)
            found = _Bearing(
                indexes,
                [self.withdrawals[i][0].start for i in indexes],
                next_done,
                positions,
            )
            self._bearing[makers] = found
        return found

    def rating(
        self,
        made: DateInterval,
        deadline: DateInterval | None,
        pledgers: Iterable[str],
        own_quotes: Collection[str],
        as_of: date,
        within: Collection[int] | None = None,
    ) -> tuple[PledgeStatus, str, Evidence]:
        """A pledge's status, its reason and its evidence (indexes of withdrawals, with what
        each shows): all of it, or that on the withdrawals indexed `within`. The pledge's own
        sentences ("will withdraw by March 31") tell no later withdrawal."""
        of = self._of(pledgers)
        first = bisect_right(of.starts, made.end)
        end = len(of.indexes)
        own = {k for quote in own_quotes for k in of.positions.get(quote, ()) if k >= first}
        done = of.next_done[first]
        while done in own:
            done = of.next_done[done + 1]
        earliest = first
        while earliest in own:
            earliest += 1
        status, reason = status_for(
            deadline,
            self.withdrawals[of.indexes[done]][2] if done < end else None,
            self.withdrawals[of.indexes[earliest]][2] if earliest < end else None,
            end - first - len(own),
            as_of,
        )
        if within is None:
            later = [of.indexes[k] for k in range(first, end) if k not in own]
        else:
            at = {i: of.position(i) for i in within}
            later = sorted(
                i for i, k in at.items() if k is not None and k >= first and k not in own
            )
        shown = [(i, "fulfils" if completed(self.withdrawals[i][2]) else "progress") for i in later]
        return status, reason, shown
