"""ETag / Cache-Control / 304, CORS exposure, the response cache and its invalidation."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from fixtures_timeline import StoredTimeline
from httpx import ASGITransport, AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.app import create_app
from api.caching import ResponseCache, resource_etag
from api.change_listener import ChangeListener
from api.deps import get_session
from api.settings import Settings
from db.models import Event
from db.repositories.changes import notify_change

LIST_PATHS = ["/events", "/actors", "/sources", "/pledges", "/actors/khalifa-haftar"]


def test_resource_etag_is_strong_and_versioned() -> None:
    event_id = uuid.UUID("168204eb-27a4-592b-9d90-7cc1574a2746")
    assert resource_etag(event_id, 3) == '"168204eb-27a4-592b-9d90-7cc1574a2746.v3"'
    assert resource_etag(event_id, 4) != resource_etag(event_id, 3)


@pytest.mark.parametrize("path", LIST_PATHS)
async def test_lists_have_body_etag_cache_control_and_304(
    client: AsyncClient, timeline: StoredTimeline, path: str
) -> None:
    first = await client.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and len(etag) == 34
    assert first.headers["cache-control"] == "public, max-age=60"
    again = await client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = await client.get(path, headers={"If-None-Match": '"something-else", ' + etag})
    assert other.status_code == 304
    stale = await client.get(path, headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200


async def test_event_etag_follows_its_version(
    client: AsyncClient, session: AsyncSession, timeline: StoredTimeline
) -> None:
    event_id = timeline.events["geneva-ceasefire"]
    first = await client.get(f"/events/{event_id}")
    assert first.headers["etag"] == resource_etag(event_id, 1)
    assert (
        await client.get(f"/events/{event_id}", headers={"If-None-Match": first.headers["etag"]})
    ).status_code == 304
    await session.execute(
        update(Event).where(Event.id == event_id).values(title="Ceasefire", version=2)
    )
    await session.commit()
    second = await client.get(
        f"/events/{event_id}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert second.status_code == 200
    assert second.headers["etag"] == resource_etag(event_id, 2)
    assert second.json()["title"] == "Ceasefire"


async def test_list_etag_changes_with_the_data(
    client: AsyncClient, session: AsyncSession, timeline: StoredTimeline
) -> None:
    before = (await client.get("/events")).headers["etag"]
    await session.execute(
        update(Event).where(Event.id == timeline.events["jmc-action-plan"]).values(title="Plan")
    )
    await session.commit()
    assert (await client.get("/events")).headers["etag"] != before


async def test_cors_exposes_link_and_etag(client: AsyncClient, timeline: StoredTimeline) -> None:
    origin = {"Origin": "https://newsroom.example"}
    simple = await client.get("/events?limit=2", headers=origin)
    assert simple.headers["access-control-allow-origin"] == "*"
    exposed = {
        h.strip().lower() for h in simple.headers["access-control-expose-headers"].split(",")
    }
    assert {"link", "etag"} <= exposed
    assert simple.headers["link"].endswith('>; rel="next"')
    preflight = await client.options(
        "/events",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    assert "if-none-match" in preflight.headers["access-control-allow-headers"].lower()


@pytest.fixture
async def cached_client(
    session: AsyncSession, timeline: StoredTimeline
) -> AsyncIterator[tuple[AsyncClient, ResponseCache]]:
    app = create_app(
        Settings(database_url=None, response_cache=True, response_cache_size=3, read_deadline=None)
    )

    async def test_session() -> AsyncIterator[AsyncSession]:
        yield session
        await session.commit()

    app.dependency_overrides[get_session] = test_session
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as http:
        yield http, app.state.response_cache


async def test_cache_serves_repeats_until_cleared(
    cached_client: tuple[AsyncClient, ResponseCache],
    session: AsyncSession,
    timeline: StoredTimeline,
) -> None:
    client, cache = cached_client
    first = await client.get("/events?limit=2")
    assert len(cache) == 1
    # Changed behind the cache's back (no NOTIFY): the cached page is served.
    await session.execute(
        update(Event).where(Event.id == timeline.events["lna-tripoli-offensive"]).values(title="X")
    )
    await session.commit()
    cached = await client.get("/events?limit=2")
    assert cached.content == first.content
    assert cached.headers["etag"] == first.headers["etag"]
    assert cached.headers["link"] == first.headers["link"]
    not_modified = await client.get(
        "/events?limit=2", headers={"If-None-Match": first.headers["etag"]}
    )
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    # A different Accept is a different entry.
    csv = await client.get("/events?limit=2", headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    cache.clear()
    fresh = await client.get("/events?limit=2")
    assert fresh.json()["items"][0]["title"] == "X"


async def test_cache_skips_errors_and_streams_and_is_bounded(
    cached_client: tuple[AsyncClient, ResponseCache], timeline: StoredTimeline
) -> None:
    client, cache = cached_client
    assert (await client.get("/events?actor=nobody")).status_code == 404
    await client.get("/events.ndjson")
    assert len(cache) == 0
    for path in ("/events", "/actors", "/sources", "/pledges"):
        await client.get(path)
    assert len(cache) == 3


async def _wait(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - polls state owned by the listener task
            await asyncio.sleep(0.02)


async def test_notify_change_clears_the_cache_on_commit_only(engine: AsyncEngine) -> None:
    cleared: list[int] = []
    listener = ChangeListener(engine, lambda: cleared.append(1))
    listener.start()
    try:
        await _wait(listener.listening.is_set)
        baseline = len(cleared)  # the listener clears once when it (re)connects
        async with AsyncSession(engine) as writer:
            await notify_change(writer)
            await writer.rollback()
        await asyncio.sleep(0.2)
        assert len(cleared) == baseline
        async with AsyncSession(engine) as writer:
            await notify_change(writer)
            await writer.commit()
        await _wait(lambda: len(cleared) == baseline + 1)
    finally:
        await listener.stop()


async def test_listener_reconnects_after_losing_its_connection(engine: AsyncEngine) -> None:
    cleared: list[int] = []
    listener = ChangeListener(engine, lambda: cleared.append(1), max_backoff=0.2)
    listener.start()
    try:
        await _wait(listener.listening.is_set)
        async with AsyncSession(engine) as admin:
            from sqlalchemy import text

            await admin.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid() "
                    "AND datname = current_database()"
                )
            )
            await admin.commit()
        await _wait(lambda: not listener.listening.is_set())
        await _wait(listener.listening.is_set)
        baseline = len(cleared)
        async with AsyncSession(engine) as writer:
            await notify_change(writer)
            await writer.commit()
        await _wait(lambda: len(cleared) == baseline + 1)
    finally:
        await listener.stop()
