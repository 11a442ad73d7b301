"""Reads of incremental linking's keys (`db.repositories.link_keys`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Source, SourceSketch
from db.repositories.link_keys import origins_of
from tests.db.rows import source_row

WIRE = uuid.UUID(int=7)


async def test_origins_of_finds_each_span_by_its_start_and_end_the_last_stored_first(
    session: AsyncSession,
) -> None:
    await session.execute(
        insert(Source).values(
            source_row(WIRE, "wire", "Convoys left Sirte. Guards stayed.", date(2021, 10, 9))
        )
    )
    await session.execute(
        insert(SourceSketch).values(
            source_id=WIRE,
            paragraphs=[],
            paragraph_spans=[],
            copies=[],
            copy_size=0,
            undated_persons=[],
            # (start, end) pairs: 19 ends the first span and starts the third; (0, 19) is
            # stored twice, the later one as the last linking assigned it.
            spans=[0, 19, 20, 34, 19, 34, 0, 19],
            origins=["g1 g2", "g3", "g4", "g5"],
        )
    )

    found = await origins_of(
        session, [(WIRE, 0, 19), (WIRE, 19, 34), (WIRE, 20, 34), (WIRE, 19, 20)]
    )

    assert found == {WIRE: {(0, 19): ("g5",), (19, 34): ("g4",), (20, 34): ("g3",)}}
