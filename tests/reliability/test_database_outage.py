"""The database goes away and comes back: 503 problem+json promptly, then recovery by itself.

Uses its own throwaway PostgreSQL server (the project's embedded one, in a private folder under
the git-ignored `.data/`), because the test stops and restarts it.
"""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient, Response

from api.app import create_app
from api.settings import PROJECT_ROOT, Settings
from db import migrate
from db.embedded import EmbeddedPostgres


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = PROJECT_ROOT / ".data" / f"test-outage-{uuid.uuid4().hex[:8]}"
    path.parent.mkdir(exist_ok=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)
    (path.parent / f".{path.name}.lock").unlink(missing_ok=True)


async def _timed(http: AsyncClient, path: str) -> tuple[Response, float]:
    started = time.perf_counter()
    response = await http.get(path)
    return response, time.perf_counter() - started


async def test_503_while_the_database_is_down_then_recovers(data_dir: Path) -> None:
    server = EmbeddedPostgres(data_dir, backend="package")
    server.start()
    try:
        server.ensure_database("outage")
        url = server.url_for("outage", driver="asyncpg")
        migrate.upgrade(url)
        settings = Settings(
            database_url=url, db_connect_timeout=1.0, db_pool_size=2, response_cache=False
        )
        app = create_app(settings)
        history = f"/events/{uuid.uuid4()}/history"  # a data endpoint: 404 when up, 503 when down
        async with (
            app.router.lifespan_context(app),
            AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http,
        ):
            assert (await http.get("/readyz")).status_code == 200
            assert (await http.get(history)).status_code == 404

            server.stop()
            for path in ("/readyz", history, "/readyz"):
                response, elapsed = await _timed(http, path)
                assert response.status_code == 503, (path, response.text)
                assert response.headers["content-type"] == "application/problem+json"
                assert response.headers["retry-after"] == "5"
                assert response.json()["title"] == "Service unavailable"
                assert elapsed < 3.0, (path, elapsed)

            server = EmbeddedPostgres(data_dir, backend="package")
            server.start()
            assert server.url_for("outage", driver="asyncpg") == url
            # The same app, never restarted: the pool drops dead connections and reconnects.
            statuses = []
            for _ in range(20):
                statuses.append((await http.get("/readyz")).status_code)
                if statuses[-1] == 200:
                    break
                await asyncio.sleep(0.25)
            assert statuses[-1] == 200, statuses
            assert (await http.get(history)).status_code == 404
    finally:
        server.stop()
