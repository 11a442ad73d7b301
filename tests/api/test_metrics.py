"""`/metrics`: requests by route template and status, latency, cache, ingestion, DB pool."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api import metrics
from api.settings import PROJECT_ROOT, Settings
from tests.conftest import client_for


def _samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }


async def _scrape(http: AsyncClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return _samples(response.text)


def _requests(method: str, route: str, status: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    labels = (("method", method), ("route", route), ("status", status))
    return ("http_requests_total", labels)


async def test_requests_are_counted_by_route_template_and_status(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    event = timeline.events["geneva-ceasefire"]
    before = await _scrape(client)
    await client.get(f"/events/{event}")
    await client.get(f"/events/{event}")
    await client.head(f"/events/{event}")
    await client.get("/events/not-an-id")
    await client.patch(f"/events/{event}", json={})  # (no key; its template has `:uuid`)
    await client.get("/no/such/route/1")
    await client.get("/no/such/route/2")
    after = await _scrape(client)

    def delta(key: tuple[str, tuple[tuple[str, str], ...]]) -> float:
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta(_requests("GET", "/events/{event_id}", "200")) == 2
    assert delta(_requests("HEAD", "/events/{event_id}", "200")) == 1
    assert delta(_requests("GET", "/events/{event_id}", "404")) == 1
    assert delta(_requests("PATCH", "/events/{event_id}", "401")) == 1
    assert delta(_requests("GET", "<unmatched>", "404")) == 2
    latency = (
        "http_request_duration_seconds_count",
        (("method", "GET"), ("route", "/events/{event_id}")),
    )
    assert delta(latency) == 3


async def test_cache_hits_and_misses(session: AsyncSession, timeline: StoredTimeline) -> None:
    settings = Settings(
        database_url=None,
        data_dir=PROJECT_ROOT / ".data",
        public_url="http://testserver",
        response_cache=True,
        read_deadline=None,
    )
    async with client_for(session, settings) as http:
        before = await _scrape(http)
        for _ in range(3):
            assert (await http.get("/actors")).status_code == 200
        after = await _scrape(http)
    hit = ("response_cache_lookups_total", (("result", "hit"),))
    miss = ("response_cache_lookups_total", (("result", "miss"),))
    # The two scrapes are GETs too: one miss each (never cached: no-store).
    assert (after[hit] - before.get(hit, 0), after[miss] - before.get(miss, 0)) == (2, 2)
    cached = _requests("GET", "/actors", "200")
    assert after[cached] - before.get(cached, 0) == 3


async def test_pool_connections_in_use(engine: AsyncEngine) -> None:
    metrics.watch_pool(engine, capacity=4)
    start = metrics.POOL_IN_USE._value.get()
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
        assert metrics.POOL_IN_USE._value.get() == start + 1
    assert metrics.POOL_IN_USE._value.get() == start


def test_several_workers_are_added_up(tmp_path: Path) -> None:
    env = {**os.environ, metrics.MULTIPROCESS_ENV: str(tmp_path)}
    worker = (
        "from api import metrics; "
        "metrics.observe_request('GET', '/events', 200, 0.01); "
        "metrics.CACHE_HITS.inc()"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", worker], env=env, check=True, cwd=PROJECT_ROOT)
    scrape = (
        "import asyncio; from api import metrics; "
        "print(asyncio.run(metrics.metrics()).body.decode())"
    )
    body = subprocess.run(
        [sys.executable, "-c", scrape],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    ).stdout
    samples = _samples(body)
    assert samples[_requests("GET", "/events", "200")] == 2
    assert samples[("response_cache_lookups_total", (("result", "hit"),))] == 2
