"""Migration 0003's triggers keep each event's actor list and source counts equal to what
aggregating its links and mentions gives, whatever writes them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import orjson
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Event, EventActor, Mention, Source

EVENT = uuid.UUID("00000000-0000-4000-8000-0000000000e1")
OTHER_EVENT = uuid.UUID("00000000-0000-4000-8000-0000000000e2")
ZED = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
ALPHA = uuid.UUID("00000000-0000-4000-8000-0000000000a2")
SOURCE = uuid.UUID("00000000-0000-4000-8000-0000000000c1")


async def _listing(session: AsyncSession, event_id: uuid.UUID) -> tuple[str, int, int]:
    row = (
        await session.execute(
            text(
                "SELECT actors_doc::text, source_count, independent_source_count "
                "FROM events WHERE id = :id"
            ),
            {"id": event_id},
        )
    ).one()
    return row[0], row[1], row[2]


async def _xmin(session: AsyncSession, event_id: uuid.UUID) -> str:
    return str(
        (
            await session.execute(
                text("SELECT xmin::text FROM events WHERE id = :id"), {"id": event_id}
            )
        ).scalar_one()
    )


async def _seed(session: AsyncSession) -> None:
    await session.execute(
        insert(Actor),
        [
            {"id": ZED, "key": "zed", "name": "Zed", "type": "person"},
            {"id": ALPHA, "key": "alpha", "name": "Alpha", "type": "state"},
        ],
    )
    await session.execute(
        insert(Source).values(
            id=SOURCE,
            slug="wire",
            file_name="wire.txt",
            title="Wire",
            text="Alpha and Zed met.",
            sha256="0" * 64,
            published_start=date(2020, 10, 23),
            published_end=date(2020, 10, 23),
            published_precision="day",
            published_explicit=True,
            published_reason="dateline",
        )
    )
    await session.execute(
        insert(Event),
        [
            {
                "id": event_id,
                "title": "Talks",
                "type": "meeting",
                "date_start": date(2020, 10, 23),
                "date_end": date(2020, 10, 23),
                "date_precision": "day",
            }
            for event_id in (EVENT, OTHER_EVENT)
        ],
    )


def _mention(n: int, event_id: uuid.UUID, origin: str) -> dict[str, Any]:
    return {
        "id": uuid.UUID(int=n),
        "source_id": SOURCE,
        "event_id": event_id,
        "quote": "met",
        "char_start": 14,
        "char_end": 17,
        "origin": origin,
    }


async def test_a_new_event_lists_no_actors_and_no_sources(session: AsyncSession) -> None:
    await _seed(session)
    assert await _listing(session, EVENT) == ("[]", 0, 0)


async def test_actor_list_follows_links_and_names_in_name_then_role_order(
    session: AsyncSession,
) -> None:
    await _seed(session)
    await session.execute(
        insert(EventActor),
        [
            {"event_id": EVENT, "actor_id": ZED, "role": "signatory"},
            {"event_id": EVENT, "actor_id": ALPHA, "role": "subject"},
            {"event_id": EVENT, "actor_id": ALPHA, "role": "participant"},
        ],
    )
    alpha = f'"id":"{ALPHA}","key":"alpha","name":"Alpha"'
    zed = f'"id":"{ZED}","key":"zed","name":"Zed"'
    assert (await _listing(session, EVENT))[0] == (
        f'[{{{alpha},"role":"participant"}},{{{alpha},"role":"subject"}},'
        f'{{{zed},"role":"signatory"}}]'
    )

    await session.execute(update(Actor).where(Actor.id == ZED).values(name="Aaron", key="aaron"))
    await session.execute(
        delete(EventActor).where(EventActor.actor_id == ALPHA, EventActor.role == "subject")
    )
    aaron = f'"id":"{ZED}","key":"aaron","name":"Aaron"'
    assert (await _listing(session, EVENT))[0] == (
        f'[{{{aaron},"role":"signatory"}},{{{alpha},"role":"participant"}}]'
    )

    await session.execute(
        update(EventActor).where(EventActor.actor_id == ALPHA).values(event_id=OTHER_EVENT)
    )
    assert (await _listing(session, EVENT))[0] == f'[{{{aaron},"role":"signatory"}}]'
    assert (await _listing(session, OTHER_EVENT))[0] == f'[{{{alpha},"role":"participant"}}]'

    await session.execute(delete(Actor).where(Actor.id == ZED))
    assert (await _listing(session, EVENT))[0] == "[]"


async def test_an_actor_rewrite_that_keeps_name_and_key_leaves_events_untouched(
    session: AsyncSession,
) -> None:
    await _seed(session)
    await session.execute(insert(EventActor).values(event_id=EVENT, actor_id=ZED, role="subject"))
    before = await _xmin(session, EVENT)
    await session.execute(update(Actor).values(description="changed", discovered=True))
    assert await _xmin(session, EVENT) == before


async def test_source_counts_follow_mentions(session: AsyncSession) -> None:
    await _seed(session)
    # Two paragraphs of one source with different origins, one a reprint of the first.
    await session.execute(
        insert(Mention),
        [_mention(1, EVENT, "o1"), _mention(2, EVENT, "o2"), _mention(3, EVENT, "o1")],
    )
    assert (await _listing(session, EVENT))[1:] == (1, 2)

    await session.execute(update(Mention).where(Mention.id == uuid.UUID(int=2)).values(origin="o1"))
    assert (await _listing(session, EVENT))[1:] == (1, 1)

    await session.execute(
        update(Mention).where(Mention.id == uuid.UUID(int=3)).values(event_id=OTHER_EVENT)
    )
    assert (await _listing(session, OTHER_EVENT))[1:] == (1, 1)

    await session.execute(delete(Mention).where(Mention.event_id == EVENT))
    assert (await _listing(session, EVENT))[1:] == (0, 0)
    assert (await _listing(session, OTHER_EVENT))[1:] == (1, 1)


async def test_the_ingested_corpus_lists_what_aggregation_gives(
    corpus_session: AsyncSession,
) -> None:
    links = (
        await corpus_session.execute(
            select(EventActor.event_id, Actor.id, Actor.key, Actor.name, EventActor.role).join(
                Actor, Actor.id == EventActor.actor_id
            )
        )
    ).all()
    mentions = (
        await corpus_session.execute(
            select(Mention.event_id, Mention.source_id, Mention.origin).where(
                Mention.event_id.is_not(None)
            )
        )
    ).all()
    events = (
        await corpus_session.execute(
            text("SELECT id, actors_doc::text, source_count, independent_source_count FROM events")
        )
    ).all()
    assert len(events) > 0 and len(links) > 0 and len(mentions) > 0
    for event_id, doc, sources, origins in events:
        expected = sorted(
            (
                {"id": str(a), "key": k, "name": n, "role": r}
                for e, a, k, n, r in links
                if e == event_id
            ),
            key=lambda d: (d["name"], d["role"]),
        )
        # Order is the database collation's (pinned by the hand-built test above).
        listed = sorted(orjson.loads(doc), key=lambda d: (d["name"], d["role"]))
        assert listed == expected
        assert sources == len({s for e, s, _ in mentions if e == event_id})
        assert origins == len({o for e, _, o in mentions if e == event_id})
