"""The ingestion writer's set-based link writes."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, insert, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Event, EventActor, Mention, Pledge, PledgeEvidence, Source
from db.repositories.timeline_sync import refresh_search, replace_links, replace_pledge_evidence
from tests.db.rows import source_row

EVENTS = [uuid.UUID(int=n) for n in (1, 2)]
ZED, ALPHA = uuid.UUID(int=10), uuid.UUID(int=11)


async def _links(session: AsyncSession) -> list[tuple[int, int, str]]:
    rows = await session.execute(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role).order_by(
            EventActor.event_id, EventActor.actor_id, EventActor.role
        )
    )
    return [(e.int, a.int, r) for e, a, r in rows.tuples()]


async def test_replace_links_adds_the_new_and_removes_only_the_stale(
    session: AsyncSession,
) -> None:
    await session.execute(
        insert(Actor),
        [
            {"id": ZED, "key": "zed", "name": "Zed", "type": "person"},
            {"id": ALPHA, "key": "alpha", "name": "Alpha", "type": "state"},
        ],
    )
    await session.execute(
        insert(Event),
        [
            {
                "id": event_id,
                "title": "Talks",
                "type": "meeting",
                "date_start": date(2021, 10, 8),
                "date_end": date(2021, 10, 8),
                "date_precision": "day",
            }
            for event_id in EVENTS
        ],
    )

    def link(event: int, actor: uuid.UUID, role: str) -> dict[str, object]:
        return {"event_id": EVENTS[event], "actor_id": actor, "role": role}

    await replace_links(
        session,
        model=EventActor,
        owner_column="event_id",
        owner_ids=EVENTS,
        rows=[link(0, ZED, "subject"), link(0, ALPHA, "host"), link(1, ZED, "subject")],
    )
    assert await _links(session) == [(1, 10, "subject"), (1, 11, "host"), (2, 10, "subject")]

    # Event 1 loses Zed and gains Alpha as a participant; event 2 is not being rewritten.
    await replace_links(
        session,
        model=EventActor,
        owner_column="event_id",
        owner_ids=EVENTS[:1],
        rows=[link(0, ALPHA, "host"), link(0, ALPHA, "participant")],
    )
    assert await _links(session) == [
        (1, 11, "host"),
        (1, 11, "participant"),
        (2, 10, "subject"),
    ]


async def test_refresh_search_sets_the_vector_of_title_summary_and_quotes_and_only_where_it_changed(
    session: AsyncSession,
) -> None:
    source = uuid.UUID(int=20)
    await session.execute(
        insert(Source),
        [source_row(source, "wire", "Convoys left Sirte. Guards stayed.", date(2021, 10, 9))],
    )
    await session.execute(
        insert(Event),
        [
            {
                "id": event_id,
                "title": title,
                "summary": "Departures",
                "type": "withdrawal",
                "date_start": date(2021, 10, 8),
                "date_end": date(2021, 10, 8),
                "date_precision": "day",
            }
            for event_id, title in zip(EVENTS, ("Convoys leave", "Guards stay"), strict=True)
        ],
    )
    await session.execute(
        insert(Mention),
        [
            {
                "id": uuid.UUID(int=30),
                "source_id": source,
                "event_id": EVENTS[0],
                "quote": "Convoys left Sirte.",
                "char_start": 0,
                "char_end": 19,
                "origin": "o1",
            }
        ],
    )

    await refresh_search(session, EVENTS)

    vectors = dict((await session.execute(select(Event.id, Event.search))).tuples().all())
    expected = await session.scalar(
        select(func.to_tsvector(text("'english'"), "Convoys leave Departures Convoys left Sirte."))
    )
    assert vectors[EVENTS[0]] == expected
    # an event without quotes: its title and summary
    assert vectors[EVENTS[1]] == await session.scalar(
        select(func.to_tsvector(text("'english'"), "Guards stay Departures "))
    )
    where = select(literal_column("ctid")).where(Event.id == EVENTS[0])
    before = await session.scalar(where)
    await refresh_search(session, EVENTS)
    # nothing changed: the row is not written again (an update makes a new row version)
    assert await session.scalar(where) == before


async def test_refresh_search_joins_the_quotes_in_the_order_of_their_sources_and_places(
    session: AsyncSession,
) -> None:
    first, second = uuid.UUID(int=21), uuid.UUID(int=22)
    await session.execute(
        insert(Source),
        [
            source_row(first, "first", "Guards stayed. Convoys left.", date(2021, 10, 9)),
            {
                **source_row(second, "second", "Trucks returned.", date(2021, 10, 9)),
                "sha256": "1" * 64,
            },
        ],
    )
    await session.execute(
        insert(Event).values(
            id=EVENTS[0],
            title="Departures",
            summary="",
            type="withdrawal",
            date_start=date(2021, 10, 8),
            date_end=date(2021, 10, 8),
            date_precision="day",
        )
    )
    # Inserted last first: the order rows are stored (and scanned) in is not the one read.
    quotes = [
        (second, 0, "Trucks returned."),
        (first, 15, "Convoys left."),
        (first, 0, "Guards stayed."),
    ]
    await session.execute(
        insert(Mention),
        [
            {
                "id": uuid.UUID(int=40 + n),
                "source_id": source,
                "event_id": EVENTS[0],
                "quote": quote,
                "char_start": start,
                "char_end": start + len(quote),
                "origin": f"o{n}",
            }
            for n, (source, start, quote) in enumerate(quotes)
        ],
    )

    await refresh_search(session, EVENTS[:1])

    expected = await session.scalar(
        select(
            func.to_tsvector(
                text("'english'"), "Departures  Guards stayed. Convoys left. Trucks returned."
            )
        )
    )
    assert await session.scalar(select(Event.search).where(Event.id == EVENTS[0])) == expected


async def test_replacing_where_a_pledge_was_made_leaves_its_later_and_editors_evidence(
    session: AsyncSession,
) -> None:
    events = [uuid.UUID(int=50 + n) for n in range(5)]
    await session.execute(
        insert(Event),
        [
            {
                "id": event_id,
                "title": f"Event {n}",
                "type": "withdrawal",
                "date_start": date(2021, 10, 8),
                "date_end": date(2021, 10, 8),
                "date_precision": "day",
            }
            for n, event_id in enumerate(events)
        ],
    )
    pledge = uuid.UUID(int=60)
    await session.execute(
        insert(Pledge).values(
            id=pledge,
            text="Fighters will leave",
            made_start=date(2021, 10, 1),
            made_end=date(2021, 10, 1),
            made_precision="day",
            status="not_yet_rated",
        )
    )
    stored = [(0, "made_at"), (1, "fulfils"), (2, "editor"), (3, "progress")]
    await session.execute(
        insert(PledgeEvidence),
        [{"pledge_id": pledge, "event_id": events[n], "relation": r} for n, r in stored],
    )

    # Now made at event 1 (where it was evidenced as fulfilled), in an incremental run.
    made = [{"pledge_id": pledge, "event_id": events[1], "relation": "made_at", "note": None}]
    await replace_pledge_evidence(session, [pledge], made, later=False)

    rows = await session.execute(select(PledgeEvidence.event_id, PledgeEvidence.relation))
    assert sorted((events.index(e), r) for e, r in rows.tuples()) == [
        (1, "made_at"),
        (2, "editor"),
        (3, "progress"),
    ]
