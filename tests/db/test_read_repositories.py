"""Repository reads on a few rows inserted directly: actor resolution, event filters, batching."""

from __future__ import annotations

import uuid
from datetime import date

import orjson
import pytest
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, ActorAlias, Event, EventActor, Mention, Source
from db.repositories import actors, events, search_pages
from db.repositories.filters import EventFilter
from tests.db.rows import source_row

HAFTAR, LNA, DUPLICATE = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


async def _seed(session: AsyncSession, n_events: int = 7) -> list[uuid.UUID]:
    await session.execute(
        insert(Actor),
        [
            {"id": HAFTAR, "key": "khalifa-haftar", "name": "Khalifa Haftar", "type": "person"},
            {"id": LNA, "key": "lna", "name": "Libyan National Army", "type": "armed_group"},
            {
                "id": DUPLICATE,
                "key": "k-hifter",
                "name": "K. Hifter",
                "type": "person",
                "merged_into_id": HAFTAR,
            },
        ],
    )
    await session.execute(
        insert(ActorAlias),
        [
            {"actor_id": HAFTAR, "alias": "Haftar", "alias_norm": "haftar"},
            {"actor_id": HAFTAR, "alias": "Hifter", "alias_norm": "hifter"},
            {"actor_id": LNA, "alias": "Hifter's forces", "alias_norm": "hifter forces"},
        ],
    )
    source = uuid.uuid4()
    await session.execute(insert(Source).values(source_row(source, "s", "x", date(2021, 1, 1))))
    ids = [uuid.uuid4() for _ in range(n_events)]
    await session.execute(
        insert(Event),
        [
            {
                "id": event_id,
                "title": f"Event {i}",
                "type": "meeting",
                "date_start": date(2020, 1, 1 + i),
                "date_end": date(2020, 1, 1 + i),
                "date_precision": "day",
            }
            for i, event_id in enumerate(ids)
        ],
    )
    await session.execute(
        insert(EventActor), [{"event_id": e, "actor_id": HAFTAR, "role": "x"} for e in ids]
    )
    await session.execute(
        insert(Mention),
        [
            {
                "id": uuid.uuid4(),
                "source_id": source,
                "event_id": e,
                "quote": "x",
                "char_start": 0,
                "char_end": 1,
                "origin": "o",
            }
            for e in ids
        ],
    )
    return ids


async def test_resolve_by_alias_key_id_and_merged_duplicate(session: AsyncSession) -> None:
    await _seed(session)
    assert await actors.resolve(session, ref="HAFTAR") == (HAFTAR,)
    assert await actors.resolve(session, ref="khalifa-haftar") == (HAFTAR,)
    assert await actors.resolve(session, ref=str(HAFTAR)) == (HAFTAR,)
    # The merged duplicate stands for the actor it was merged into.
    assert await actors.resolve(session, ref="k-hifter") == (HAFTAR,)
    assert await actors.resolve(session, ref="Hifter's forces") == (LNA,)
    assert await actors.resolve(session, ref="nobody") == ()


async def test_iter_events_batches_in_keyset_order(session: AsyncSession) -> None:
    ids = await _seed(session)
    f = EventFilter(actor_groups=((HAFTAR,),))
    batches = [b async for b in events.iter_events(session, filter=f, batch_size=3)]
    assert [len(b) for b in batches] == [3, 3, 1]
    assert [e["id"] for b in batches for e in b] == ids
    desc = [b async for b in events.iter_events(session, filter=f, batch_size=5, descending=True)]
    assert [e["id"] for b in desc for e in b] == list(reversed(ids))


async def test_list_events_next_key_only_when_more(session: AsyncSession) -> None:
    ids = await _seed(session)
    page = await events.list_events(session, filter=EventFilter(), limit=7)
    assert page.next_key is None
    page = await events.list_events(session, filter=EventFilter(), limit=6)
    assert page.next_key == (date(2020, 1, 6), ids[5])
    rest = await events.list_events(session, filter=EventFilter(), after=page.next_key, limit=6)
    assert [e["id"] for e in rest.items] == [ids[6]]


async def test_fingerprint_changes_with_the_data(session: AsyncSession) -> None:
    ids = await _seed(session)
    before = await events.fingerprint(session, filter=EventFilter())
    assert before[0] == 7
    await session.execute(
        text("UPDATE events SET version = version + 1 WHERE id = :id"), {"id": ids[0]}
    )
    assert await events.fingerprint(session, filter=EventFilter()) != before


async def test_json_page_is_byte_for_byte_the_orjson_of_the_dict_page(
    session: AsyncSession,
) -> None:
    """PostgreSQL builds the `/events` page JSON: it must match what orjson made of the rows."""
    ids = await _seed(session)
    awkward = 'Quote " back\\slash\nnew\tline \x01 café — 🕊 </script>'
    await session.execute(
        text("UPDATE events SET title = :t, summary = :t, location = :l WHERE id = :id"),
        {"t": awkward, "l": awkward, "id": ids[0]},
    )
    # Whole second, a fraction with trailing zeros, and a non-UTC offset on input.
    for event_id, stamp in zip(
        ids[1:4],
        ["2021-03-04 05:06:07+00", "2021-03-04 05:06:07.120000+00", "2021-03-04 23:30:00.5+05"],
        strict=True,
    ):
        await session.execute(
            text(
                "UPDATE events SET updated_at = CAST(CAST(:s AS text) AS timestamptz) "
                "WHERE id = :id"
            ),
            {"s": stamp, "id": event_id},
        )
    await session.execute(
        text("UPDATE actors SET name = :n WHERE id = :id"), {"n": awkward, "id": LNA}
    )
    await session.execute(
        insert(EventActor), [{"event_id": ids[0], "actor_id": LNA, "role": "target"}]
    )
    for f in (EventFilter(), EventFilter(actor_groups=((HAFTAR,),))):
        for descending in (False, True):
            page = await events.list_events(session, filter=f, descending=descending, limit=5)
            raw = await events.list_events_json(session, filter=f, descending=descending, limit=5)
            assert raw.items == orjson.dumps(page.items, default=str)
            assert raw.next_key == page.next_key
            after = page.next_key
            rest = await events.list_events(session, filter=f, after=after, limit=5)
            raw_rest = await events.list_events_json(session, filter=f, after=after, limit=5)
            assert raw_rest.items == orjson.dumps(rest.items, default=str)
            assert raw_rest.next_key is None


@pytest.mark.parametrize("walk_rows", [10_000, 3])
@pytest.mark.parametrize("descending", [False, True])
async def test_search_pages_are_the_same_from_the_walk_or_the_index(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch, walk_rows: int, descending: bool
) -> None:
    """With a short walk the term's matches come from the GIN index (a rare term); the pages,
    their order and their cursors are the same either way."""
    monkeypatch.setattr(search_pages, "WALK_ROWS", walk_rows)
    ids = await _seed(session, n_events=9)
    for i in (0, 2, 3, 5, 8):  # 5 of the 9 events match
        await session.execute(
            text(
                "UPDATE events SET search = to_tsvector('english', 'foreign fighters') "
                "WHERE id = :id"
            ),
            {"id": ids[i]},
        )
    await session.execute(
        text("UPDATE events SET deleted_at = now() WHERE id = :id"), {"id": ids[3]}
    )
    expected = [ids[i] for i in (0, 2, 5, 8)]
    if descending:
        expected.reverse()
    f = EventFilter(q="fighter")
    seen: list[uuid.UUID] = []
    after = None
    for _ in range(3):
        page = await events.list_events(
            session, filter=f, after=after, descending=descending, limit=2
        )
        seen += [item["id"] for item in page.items]
        after = page.next_key
        if after is None:
            break
    assert seen == expected
