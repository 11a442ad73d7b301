"""Writes that rename stored near-duplicate group ids in place
(`db.repositories.origin_renames`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Mention
from db.repositories import origin_renames
from tests.db.rows import insert_sources

WIRE, REPRINT, OTHER = (uuid.UUID(int=n) for n in (1, 2, 3))
TALKS, VOTE = (uuid.UUID(int=n) for n in (11, 12))


async def _store(session: AsyncSession) -> None:
    """Three sources; the first two quoted in the talks, the third in the vote."""
    await insert_sources(
        session,
        [
            (source, {"spans": [0, 14], "origins": [f"aaaa{n} s{n}.txt:0"]})
            for n, source in enumerate((WIRE, REPRINT, OTHER))
        ],
    )
    for event, title in ((TALKS, "Talks"), (VOTE, "Vote")):
        await session.execute(
            insert(Event).values(
                id=event, title=title, type="meeting", date_start=date(2021, 3, 9),
                date_end=date(2021, 3, 9), date_precision="day",
            )
        )  # fmt: skip
    for n, (source, event) in enumerate(((WIRE, TALKS), (REPRINT, TALKS), (OTHER, VOTE))):
        await session.execute(
            insert(Mention).values(
                id=uuid.UUID(int=100 + n), source_id=source, event_id=event,
                quote="Talks resumed.", char_start=0, char_end=14, origin=f"aaaa{n}",
            )
        )  # fmt: skip


async def test_the_quote_origins_of_sources_are_read_and_stored(session: AsyncSession) -> None:
    await _store(session)
    assert await origin_renames.span_origins(session, [REPRINT, WIRE]) == {
        WIRE: ([0, 14], ["aaaa0 s0.txt:0"]),
        REPRINT: ([0, 14], ["aaaa1 s1.txt:0"]),
    }
    await origin_renames.save_span_origins(session, {REPRINT: ["bbbb s1.txt:0"]})
    assert await origin_renames.span_origins(session, [REPRINT, OTHER]) == {
        REPRINT: ([0, 14], ["bbbb s1.txt:0"]),
        OTHER: ([0, 14], ["aaaa2 s2.txt:0"]),
    }


async def test_the_mentions_beside_a_source_are_those_of_the_events_it_is_quoted_in(
    session: AsyncSession,
) -> None:
    await _store(session)
    assert await origin_renames.mentions_beside(session, [REPRINT]) == [
        (uuid.UUID(int=100), TALKS, WIRE, "s0.txt", 0, 14, "aaaa0"),
        (uuid.UUID(int=101), TALKS, REPRINT, "s1.txt", 0, 14, "aaaa1"),
    ]
    assert await origin_renames.mentions_beside(session, []) == []


async def test_mention_origins_are_set_and_the_event_counts_follow(session: AsyncSession) -> None:
    await _store(session)
    counts = select(Event.independent_source_count).where(Event.id == TALKS)
    assert await session.scalar(counts) == 2
    await origin_renames.save_mention_origins(
        session, {uuid.UUID(int=100): "bbbb", uuid.UUID(int=101): "bbbb"}
    )
    await origin_renames.save_mention_origins(session, {})
    rows = await session.execute(select(Mention.id, Mention.origin).order_by(Mention.id))
    assert [(m.int, o) for m, o in rows.tuples()] == [(100, "bbbb"), (101, "bbbb"), (102, "aaaa2")]
    assert await session.scalar(counts) == 1
