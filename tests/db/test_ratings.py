"""Reads that pledge ratings take (`db.repositories.ratings`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event
from db.repositories.ratings import withdrawals

JANUARY, MARCH, TALKS = (uuid.UUID(int=n) for n in (1, 2, 3))


async def test_withdrawals_after_a_day_are_those_starting_later(session: AsyncSession) -> None:
    def event(event_id: uuid.UUID, kind: str, day: date) -> dict[str, object]:
        return {
            "id": event_id,
            "title": "Fighters leave",
            "type": kind,
            "date_start": day,
            "date_end": day,
            "date_precision": "day",
        }

    await session.execute(
        insert(Event),
        [
            event(JANUARY, "withdrawal", date(2021, 1, 5)),
            event(MARCH, "withdrawal", date(2021, 3, 1)),
            event(TALKS, "meeting", date(2021, 3, 2)),
        ],
    )

    every = await withdrawals(session)
    later = await withdrawals(session, after=date(2021, 1, 5))

    assert sorted(w["start"] for w in every) == [date(2021, 1, 5), date(2021, 3, 1)]
    assert [(w["id"], w["start"]) for w in later] == [(MARCH, date(2021, 3, 1))]
