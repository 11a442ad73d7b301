"""Fixtures of the read API tests: the hand-built timeline, stored in the test's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fixtures_timeline import (
    ACTORS,
    DELETED_EVENT,
    EVENTS,
    EXTRA_EVIDENCE,
    PLEDGES,
    SOURCES,
    StoredTimeline,
    build_timeline,
)
from sqlalchemy import event, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.settings import PROJECT_ROOT, Settings
from db.ids import actor_id, source_id
from db.models import Event, Pledge, PledgeEvidence
from seed.names import slugify
from seed.store import store_timeline


@pytest.fixture
def settings() -> Settings:
    # The response cache is off unless a test turns it on: tests write data without NOTIFY.
    return Settings(
        database_url=None,
        data_dir=PROJECT_ROOT / ".data",
        public_url="http://testserver",
        # No read deadline: on a busy machine a slow read would be cut off while it still
        # uses the test's shared connection (tests/reliability covers the deadline).
        read_deadline=None,
        response_cache=False,
    )


@pytest.fixture
async def timeline(session: AsyncSession) -> StoredTimeline:
    """The fixture timeline, written by the ingestion's own storage code, rolled back after."""
    await store_timeline(session, build_timeline())
    titles = {e.title: e.key for e in EVENTS}
    events = {
        titles[title]: id_
        for id_, title in (await session.execute(select(Event.id, Event.title))).tuples()
    }
    texts = {p.text: p.key for p in PLEDGES}
    pledges = {
        texts[text]: id_
        for id_, text in (await session.execute(select(Pledge.id, Pledge.text))).tuples()
    }
    await session.execute(
        update(Event).where(Event.id == events[DELETED_EVENT]).values(deleted_at=func.now())
    )
    await session.execute(
        insert(PledgeEvidence),
        [
            {"pledge_id": pledges[p], "event_id": events[e], "relation": rel, "note": None}
            for p, e, rel in EXTRA_EVIDENCE
        ],
    )
    # Releases the savepoint only (the outer transaction is rolled back after the test), so
    # that a request ending in an error, which rolls its session back, keeps the fixture.
    await session.commit()
    return StoredTimeline(
        events=events,
        pledges=pledges,
        sources={s.file_name: source_id(slugify(s.file_name)) for s in SOURCES},
        actors={a.key: actor_id(a.key) for a in ACTORS},
    )


@pytest.fixture
def count_statements(engine: AsyncEngine) -> Callable[[], Any]:
    """A context manager counting the SQL statements sent while it is open."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        seen: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            seen.append(statement)

        event.listen(engine.sync_engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", record)

    return counting
