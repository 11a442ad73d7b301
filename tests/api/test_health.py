from __future__ import annotations

import time
from collections.abc import Callable

from httpx import ASGITransport, AsyncClient

from api.app import create_app
from api.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.migrate import head_revision


async def test_healthz_answers_without_the_database(client: AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_migration_head(client: AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "revision": head_revision()}


async def _get_with_database(url: str, path: str) -> tuple[int, dict[str, object], str, float]:
    app = create_app(Settings(database_url=None, db_connect_timeout=1.0))
    engine = make_engine(url, pool_size=1, connect_timeout=1.0)
    app.state.sessionmaker = make_sessionmaker(engine)
    started = time.perf_counter()
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http:
            response = await http.get(path)
    finally:
        await engine.dispose()
    elapsed = time.perf_counter() - started
    return response.status_code, response.json(), response.headers["content-type"], elapsed


async def test_readyz_is_503_problem_when_the_database_is_not_migrated(
    scratch_database: Callable[[], str],
) -> None:
    status, body, content_type, _ = await _get_with_database(scratch_database(), "/readyz")
    assert status == 503
    assert content_type == "application/problem+json"
    assert body["detail"] == (
        f"The database is at revision none, expected {head_revision()}; run `timeline migrate`."
    )
    assert body["expected_revision"] == head_revision()


async def test_readyz_is_503_problem_promptly_when_the_database_is_down() -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused.
    url = "postgresql+asyncpg://postgres@127.0.0.1:9/timeline"
    status, body, content_type, elapsed = await _get_with_database(url, "/readyz")
    assert (status, content_type) == (503, "application/problem+json")
    assert body["title"] == "Service unavailable"
    assert body["detail"] == "The database is unreachable."
    assert elapsed < 5
