"""Pledges rated against the withdrawals reported after them, through an index.

A pledge is rated by the withdrawals of its makers reported after it was made
(`seed.link.pledge_status`). Linking the corpus rates every pledge, and a new
article re-rates the pledges of the actors whose withdrawals it changes: with thousands of
each in a large corpus, going through every withdrawal of a pledge's makers for each pledge
grew with the square of the corpus. Withdrawals come in report order (`withdrawal_order`),
which starts with the first day, so those reported after a day are a tail found by bisection;
the withdrawals of one set of makers are gathered once, not once per pledge, with the
positions of the reports of a completion among them: a status then costs bisections, and
evidence asked for on a few withdrawals (a re-rating) costs those few.
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
    # The positions (into `indexes`) whose report is of a completion: a pledge's status needs
    # only the first after the day it was made.
    done: list[int]

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
        # Report -> the withdrawals telling it: a pledge's own sentences are looked up, not
        # searched for (kept once for the corpus, not once per set of makers: a busy corpus
        # has hundreds of those, each bearing on hundreds of withdrawals).
        self._by_report: dict[str, list[int]] = {}
        for i, (_, actors, report) in enumerate(withdrawals):
            for actor in actors:
                self._by_actor.setdefault(actor, []).append(i)
            self._by_report.setdefault(report, []).append(i)
        self._completed = [completed(w[2]) for w in withdrawals]
        self._bearing: dict[frozenset[str], _Bearing] = {}

    def _of(self, pledgers: Iterable[str]) -> _Bearing:
        makers = frozenset(pledgers)
        found = self._bearing.get(makers)
        if found is None:
            indexes = sorted({i for actor in makers for i in self._by_actor.get(actor, ())})
            done = self._completed
            found = _Bearing(
                indexes,
                [self.withdrawals[i][0].start for i in indexes],
                [k for k, i in enumerate(indexes) if done[i]],
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
        own = {
            k
            for quote in own_quotes
            for i in self._by_report.get(quote, ())
            if (k := of.position(i)) is not None and k >= first
        }
        at = bisect_left(of.done, first)
        while at < len(of.done) and of.done[at] in own:
            at += 1
        done = of.done[at] if at < len(of.done) else end
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
            placed = {i: of.position(i) for i in within}
            later = sorted(
                i for i, k in placed.items() if k is not None and k >= first and k not in own
            )
        done_at = self._completed
        shown = [(i, "fulfils" if done_at[i] else "progress") for i in later]
        return status, reason, shown
