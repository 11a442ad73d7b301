"""Re-rating pledges after an incremental linking (`seed.rerate.rate`): each pledge against
its pledgers' withdrawals, and evidence only where it can have changed."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from seed.extract.types import DateInterval
from seed.rerate import rate

AS_OF = date(2024, 9, 1)
PLEDGE = uuid.uuid4()


def _day(month: int, day: int) -> DateInterval:
    return DateInterval(date(2024, month, day), date(2024, month, day), "day")


def _pledge(**changes: Any) -> dict[str, Any]:
    return {
        "id": PLEDGE,
        "made_start": date(2024, 3, 1),
        "made_end": date(2024, 3, 1),
        "made_precision": "day",
        "deadline_start": None,
        "deadline_end": None,
        "deadline_precision": None,
        "status": "not_yet_rated",
        "status_reason": "",
        "pledgers": ["north-brigade"],
    } | changes


# In report order (`withdrawal_order`), as `rerate` hands them over.
REPORTED = [
    (_day(2, 1), {"north-brigade"}, "North brigade pulled a unit back before the promise."),
    (_day(4, 2), {"south-brigade"}, "South brigade pulled two units back."),
    (_day(4, 9), {"north-brigade"}, "North brigade pulled one unit back."),
    (_day(5, 3), {"north-brigade", "south-brigade"}, "Both brigades moved guns back."),
]


def test_a_pledge_is_rated_on_its_pledgers_later_withdrawals_only() -> None:
    updates, evidence = rate([_pledge()], REPORTED, {PLEDGE: set()}, None, AS_OF, {PLEDGE}, ())

    assert updates == [
        {
            "id": PLEDGE,
            "status": "in_the_works",
            "status_reason": "later withdrawal reported: North brigade pulled one unit back.",
        }
    ]
    assert evidence == [(PLEDGE, 2, "progress"), (PLEDGE, 3, "progress")]


def test_a_pledge_not_linked_again_gets_evidence_only_on_the_rewritten_withdrawals() -> None:
    stored = _pledge(
        status="in_the_works",
        status_reason="later withdrawal reported: North brigade pulled one unit back.",
    )
    updates, evidence = rate([stored], REPORTED, {PLEDGE: set()}, None, AS_OF, set(), {3})

    assert updates == []
    assert evidence == [(PLEDGE, 3, "progress")]
