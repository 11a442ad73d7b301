"""Reads of incremental linking's keys (`db.repositories.link_keys`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id
from db.models import Actor, Event, Pledge, PledgeActor, Source, SourceSketch
from db.repositories.link_keys import origins_of, pledges_of_actors, undated_naming
from tests.db.rows import sketch_row, source_row

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
            sketch_row(
                WIRE,
                # (start, end) pairs: 19 ends the first span and starts the third; (0, 19) is
                # stored twice, the later one as the last linking assigned it.
                spans=[0, 19, 20, 34, 19, 34, 0, 19],
                origins=["g1 g2", "g3", "g4", "g5"],
            )
        )
    )

    found = await origins_of(
        session, [(WIRE, 0, 19), (WIRE, 19, 34), (WIRE, 20, 34), (WIRE, 19, 20)]
    )

    assert found == {WIRE: {(0, 19): ("g5",), (19, 34): ("g4",), (20, 34): ("g3",)}}


async def test_pledges_of_actors_are_those_made_then_or_due_that_day_once_with_their_event(
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

    def pledge(
        number: int, made: date, event: uuid.UUID | None, **due: object
    ) -> dict[str, object]:
        return {
            "id": uuid.UUID(int=number),
            "text": f"Pledge {number}",
            "made_start": made,
            "made_end": made,
            "made_precision": "day",
            "status": "not_yet_rated",
            "event_id": event,
            "deadline_start": due.get("start"),
            "deadline_end": due.get("start"),
            "deadline_precision": due.get("precision"),
        }

    await session.execute(
        insert(Pledge),
        [
            pledge(21, date(2021, 6, 23), summit),  # both, at the summit
            pledge(22, date(2021, 6, 30), None),  # Egypt's, a week later
            pledge(23, date(2021, 6, 23), None),  # Russia's
            pledge(24, date(2020, 2, 1), None),  # Egypt's, long before
            # Egypt's, long before, due the same day (or the same month)
            pledge(25, date(2020, 3, 1), None, start=date(2021, 9, 1), precision="day"),
            pledge(26, date(2020, 3, 1), None, start=date(2021, 9, 1), precision="month"),
        ],
    )
    makers = {21: [egypt, turkey], 22: [egypt], 23: [russia], 24: [egypt], 25: [egypt]}
    makers[26] = [egypt]
    await session.execute(
        insert(PledgeActor),
        [
            {"pledge_id": uuid.UUID(int=n), "actor_id": actor, "role": "pledger"}
            for n, actors in makers.items()
            for actor in actors
        ],
    )
    june = (date(2021, 6, 1), date(2021, 7, 15))

    assert await pledges_of_actors(session, [egypt, turkey, egypt], *june) == {
        uuid.UUID(int=21): summit,
        uuid.UUID(int=22): None,
    }
    assert await pledges_of_actors(session, [egypt], *june, date(2021, 9, 1)) == {
        uuid.UUID(int=21): summit,
        uuid.UUID(int=22): None,
        uuid.UUID(int=25): None,
    }
    assert await pledges_of_actors(session, [], *june) == {}


async def test_undated_naming_finds_only_those_the_first_round_left_wide_when_asked(
    session: AsyncSession,
) -> None:
    wide, narrow = uuid.UUID(int=21), uuid.UUID(int=22)
    for n, source in enumerate((wide, narrow)):
        row = source_row(source, f"u{n}", f"Undated {n}.", date(2021, 3, 10))
        await session.execute(
            insert(Source).values({**row, "sha256": f"{n:064d}", "published_explicit": False})
        )
        await session.execute(
            insert(SourceSketch).values(
                sketch_row(
                    source,
                    undated_persons=["jan-kubis@6", "word:6:bridge", "word:6:nalut"],
                    first_round_wide=source == wide,
                )
            )
        )
    words = ["word:6:bridge", "word:6:nalut"]
    assert await undated_naming(session, ["jan-kubis@6"]) == [wide, narrow]
    assert await undated_naming(session, ["jan-kubis@6"], first_round_wide=True) == [wide]
    assert await undated_naming(session, [], words, 2) == [wide, narrow]
    assert await undated_naming(session, [], words, 2, first_round_wide=True) == [wide]
