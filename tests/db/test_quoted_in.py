"""What stored sources are quoted in (`db.repositories.quoted_in`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention, Pledge
from db.repositories.quoted_in import events_quoting, pledges_quoted_by
from tests.db.test_copy_samples import three_sources


async def test_the_events_and_pledges_quoting_sources_are_found_through_their_mentions(
    session: AsyncSession,
) -> None:
    first, second, third = await three_sources(session)
    talks, vote = uuid.UUID(int=41), uuid.UUID(int=42)
    for event in (talks, vote):
        await session.execute(
            insert(Event).values(
                id=event, title="Talks", type="meeting", date_start=date(2021, 3, 9),
                date_end=date(2021, 3, 9), date_precision="day",
            )
        )  # fmt: skip
    await session.execute(
        insert(Pledge).values(
            id=uuid.UUID(int=51), text="Pledge", made_start=date(2021, 3, 9),
            made_end=date(2021, 3, 9), made_precision="day", status="not_yet_rated",
            event_id=talks,
        )
    )  # fmt: skip
    quoted = [(first, talks, None, 0), (second, vote, None, 0), (second, None, 51, 5)]
    for n, (source, event, pledge, start) in enumerate(quoted):
        await session.execute(
            insert(Mention).values(
                id=uuid.UUID(int=60 + n), source_id=source, event_id=event,
                pledge_id=uuid.UUID(int=pledge) if pledge else None, quote="Talks resumed.",
                char_start=start, char_end=start + 9, origin="o",
            )
        )  # fmt: skip
    assert await events_quoting(session, [first, third]) == {talks}
    assert await events_quoting(session, [second, first]) == {talks, vote}
    assert await events_quoting(session, []) == set()
    assert await pledges_quoted_by(session, [second, third]) == [
        (uuid.UUID(int=51), talks, second, 5, 14)
    ]
    assert await pledges_quoted_by(session, [first]) == []
