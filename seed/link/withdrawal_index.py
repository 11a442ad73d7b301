"""Pledges rated against the withdrawals reported after them, through an index.

A pledge is rated by the withdrawals of its makers reported after it was made
(`seed.extract.pledges.status_from`). Linking the corpus rates every pledge, and a new
article re-rates the pledges of the actors whose withdrawals it changes: with thousands of
each in a large corpus, going through every withdrawal of a pledge's makers for each pledge
grew with the square of the corpus. Withdrawals come in report order (`withdrawal_order`),
which starts with the first day, so those reported after a day are a tail found by bisection;
the withdrawals of one set of makers are gathered once, not once per pledge.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from itertools import pairwise

from seed.extract.pledges import Withdrawal, completed, status_from
from seed.extract.types import DateInterval, PledgeStatus

# What a withdrawal shows of a pledge: the promised departure completed, or under way.
Evidence = list[tuple[int, str]]


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
        # Makers -> the indexes of their withdrawals, and those withdrawals' first days.
        self._bearing: dict[frozenset[str], tuple[list[int], list[date]]] = {}

    def _of(self, pledgers: Iterable[str]) -> tuple[list[int], list[date]]:
        makers = frozenset(pledgers)
        found = self._bearing.get(makers)
        if found is None:
            indexes = sorted({i for actor in makers for i in self._by_actor.get(actor, ())})
            found = indexes, [self.withdrawals[i][0].start for i in indexes]
            self._bearing[makers] = found
        return found

    def rating(
        self,
        made: DateInterval,
        deadline: DateInterval | None,
        pledgers: Iterable[str],
        own_quotes: Collection[str],
        as_of: date,
    ) -> tuple[PledgeStatus, str, Evidence]:
        """A pledge's status, its reason and its evidence (indexes of withdrawals, with what
        each shows). The pledge's own sentences ("will withdraw by March 31") tell no later
        withdrawal."""
        indexes, starts = self._of(pledgers)
        later = [
            i
            for i in indexes[bisect_right(starts, made.end) :]
            if self.withdrawals[i][2] not in own_quotes
        ]
        reported = [self.withdrawals[i] for i in later]
        status, reason = status_from(deadline, reported, as_of)
        shown = [(i, "fulfils" if completed(self.withdrawals[i][2]) else "progress") for i in later]
        return status, reason, shown
