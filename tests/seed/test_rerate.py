"""Re-rating pledges after an incremental linking (`seed.rerate.rate`): each pledge against
its pledgers' withdrawals, and evidence only where it can have changed."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from seed.extract.types import DateInterval
from seed.rerate import changed_withdrawals, rate

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


def _stored(summary: str, *actors: str, **changes: Any) -> dict[str, Any]:
    return {
        "id": uuid.UUID(int=1),
        "start": date(2024, 4, 9),
        "end": date(2024, 4, 9),
        "precision": "day",
        "summary": summary,
        "actors": set(actors),
    } | changes


def test_only_withdrawals_whose_stored_row_changed_can_change_a_pledge() -> None:
    kept = _stored("North brigade pulled one unit back.", "north-brigade")
    retold = _stored("South brigade pulled two units back.", "south-brigade", id=uuid.UUID(int=2))
    told_anew = retold | {
        "summary": "South brigade said it pulled two units back.",
        "actors": {"south-brigade", "east-brigade"},
    }
    gone = _stored("Both brigades moved guns back.", "north-brigade", id=uuid.UUID(int=3))
    new = _stored("East brigade left the port.", "east-brigade", id=uuid.UUID(int=4))
    # A row read again, equal in every field, is the same row.
    same_kept = kept | {"actors": {"north-brigade"}}

    before, after = changed_withdrawals([kept, retold, gone], [same_kept, told_anew, new])

    assert before == [retold, gone]
    assert after == [told_anew, new]
    assert changed_withdrawals([kept], [same_kept]) == ([], [])
    moved = kept | {"start": date(2024, 4, 8)}
    assert changed_withdrawals([kept], [moved]) == ([kept], [moved])
