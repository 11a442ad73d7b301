"""Reads of incremental linking's keys (`db.repositories.link_keys`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id
from db.models import Actor, Event, Pledge, PledgeActor, Source, SourceSketch
from db.repositories.link_keys import origins_of, pledges_of_actors
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


async def test_pledges_of_actors_are_each_pledge_of_one_of_them_once_with_its_event(
    session: AsyncSession,
) -> None:
    egypt, turkey, russia = actor_id("egypt"), actor_id("turkey"), actor_id("russia")
    await session.execute(
        insert(Actor),
        [
            {"id": actor_id(key), "key": key, "name": key.title(), "type": "state"}
            for key in ("egypt", "turkey", "russia")
        ],
    )
    summit = uuid.UUID(int=11)
    await session.execute(
        insert(Event).values(
            id=summit,
            title="Summit",
            type="meeting",
            date_start=date(2021, 6, 23),
            date_end=date(2021, 6, 23),
            date_precision="day",
        )
    )
    made = {
        "made_start": date(2021, 6, 23),
        "made_end": date(2021, 6, 23),
        "made_precision": "day",
        "status": "not_yet_rated",
    }
    joint, alone, other = uuid.UUID(int=21), uuid.UUID(int=22), uuid.UUID(int=23)
    await session.execute(
        insert(Pledge),
        [
            {"id": joint, "text": "Both leave", "event_id": summit, **made},
            {"id": alone, "text": "Engineers", "event_id": None, **made},
            {"id": other, "text": "Advisers", "event_id": None, **made},
        ],
    )
    await session.execute(
        insert(PledgeActor),
        [
            {"pledge_id": joint, "actor_id": egypt, "role": "pledger"},
            {"pledge_id": joint, "actor_id": turkey, "role": "pledger"},
            {"pledge_id": alone, "actor_id": egypt, "role": "pledger"},
            {"pledge_id": other, "actor_id": russia, "role": "pledger"},
        ],
    )

    found = await pledges_of_actors(session, [egypt, turkey, egypt])

    assert found == {joint: summit, alone: None}
    assert await pledges_of_actors(session, []) == {}
