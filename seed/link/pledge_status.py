"""How a pledge stands, as of the newest source's publication date (PolitiFact's meters rate
outcomes):
- `kept`: a later withdrawal event says the promised departure was completed;
- `broken`: the deadline has passed and no such completion is reported;
- `in_the_works`: not yet due (or no deadline) and a later withdrawal event by a pledger or the
  same forces shows movement;
- `not_yet_rated`: not yet due and nothing reported since.
`stalled` and `compromise` are left to editors: they need judgement the text rarely states.

The rule reads the corpus's withdrawals, so it belongs to linking, not to reading an article:
changing it re-rates the stored pledges (`timeline relink`) without reading any article again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import TypeVar

from seed.extract.types import DateInterval, PledgeStatus

_COMPLETED = re.compile(r"\b(?:all|last)\b[^.]{0,40}\b(?:left|withdrawn|departed)\b", re.I)

Withdrawal = tuple[DateInterval, set[str], str]


def withdrawal_order(date: DateInterval, summary: str | None) -> tuple[object, ...]:
    """The order withdrawals are rated in: earliest first, then by what they report. A status's
    reason cites the first later one (`status_of`), so this order, not the order a store returns
    rows in, decides which."""
    return (date.start, date.end, summary or "")


K = TypeVar("K")


def in_report_order(
    items: Iterable[tuple[K, DateInterval, Iterable[str], str]],
    related: Callable[[str], set[str]],
    default_actor: str | None,
) -> tuple[list[K], list[Withdrawal]]:
    """Withdrawals as pledges are rated with them, from (key, date, actor keys, summary) of
    each, in report order (`withdrawal_order`): their keys, and each with its actors as the
    registry relates them. Linking (the events as they will be stored) and re-rating (the
    stored events) both read them through here, so a pledge cites the same withdrawal either
    way."""
    ordered = sorted(items, key=lambda w: withdrawal_order(w[1], w[3]))
    withdrawals = [
        (day, related_actors(actors, related, default_actor), summary)
        for _, day, actors, summary in ordered
    ]
    return [w[0] for w in ordered], withdrawals


def related_actors(
    keys: Iterable[str], related: Callable[[str], set[str]], default_actor: str | None
) -> set[str]:
    """`keys` and the actors the registry relates to them, less the country itself (party to
    everything, it ties no withdrawal to a pledge)."""
    found: set[str] = set()
    for key in keys:
        found |= related(key)
    return found - {default_actor}


@lru_cache(maxsize=8192)
def completed(report: str) -> bool:
    """Whether a withdrawal's report says it was completed ("all of them have left"); asked
    once per report, not once per pledge it bears on."""
    return _COMPLETED.search(report) is not None


def _later(made: DateInterval, actors: set[str], withdrawals: list[Withdrawal]) -> list[Withdrawal]:
    """Withdrawals after the pledge was made, by a pledger or the same forces."""
    return [w for w in withdrawals if w[0].start > made.end and (w[1] & actors)]


def status_of(
    made: DateInterval,
    deadline: DateInterval | None,
    actors: set[str],
    withdrawals: list[Withdrawal],
    as_of: date,
) -> tuple[PledgeStatus, str]:
    """A pledge's status and its reason, from `withdrawals` in report order
    (`withdrawal_order`)."""
    later = _later(made, actors, withdrawals)
    done = next((w[2] for w in later if completed(w[2])), None)
    return status_for(deadline, done, later[0][2] if later else None, len(later), as_of)


def status_for(
    deadline: DateInterval | None, done: str | None, first: str | None, count: int, as_of: date
) -> tuple[PledgeStatus, str]:
    """The status rule on what it reads of the later withdrawals: the first that reports a
    completion (`done`), the first of all and how many there are."""
    if done is not None:
        return "kept", f"a later report says the withdrawal was completed: {done[:120]}"
    if deadline is not None and deadline.end < as_of:
        progress = f"; {count} later report(s) of partial movement" if count else ""
        return (
            "broken",
            f"the deadline ({deadline.start.isoformat()}..{deadline.end.isoformat()}) passed "
            f"before {as_of.isoformat()} without a reported completion{progress}",
        )
    if first is not None:
        return "in_the_works", f"later withdrawal reported: {first[:120]}"
    return "not_yet_rated", f"no later report on it as of {as_of.isoformat()}"
