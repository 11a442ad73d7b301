"""The database hangs (every server process frozen with SIGSTOP): 503 within 2 s, then recovery.

A frozen server is worse than a stopped one: connections stay open and statements never
answer, so only the connect, pool-acquire and statement timeouts end the wait. Uses its own
throwaway PostgreSQL (the project's embedded one, under the git-ignored `.data/`).
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from httpx import ASGITransport, AsyncClient

from api.app import create_app
from api.settings import PROJECT_ROOT, Settings
from db import migrate
from db.embedded import EmbeddedPostgres


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = PROJECT_ROOT / ".data" / f"test-hang-{uuid.uuid4().hex[:8]}"
    path.parent.mkdir(exist_ok=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)
    (path.parent / f".{path.name}.lock").unlink(missing_ok=True)


def _signal_server(pid: int, signum: signal.Signals) -> None:
    postmaster = psutil.Process(pid)
    for process in [postmaster, *postmaster.children(recursive=True)]:
        process.send_signal(signum)


async def test_503_within_two_seconds_while_the_database_hangs_then_recovers(
    data_dir: Path,
) -> None:
    server = EmbeddedPostgres(data_dir, backend="package")
    server.start()
    frozen = False
    try:
        server.ensure_database("hang")
        url = server.url_for("hang", driver="asyncpg")
        migrate.upgrade(url)
        # The default timeouts: what an operator gets without tuning anything.
        app = create_app(Settings(database_url=url, db_pool_size=2, response_cache=False))
        history = f"/events/{uuid.uuid4()}/history"
        paths = ["/readyz", history, "/events?limit=5", "/actors", "/readyz"]
        async with (
            app.router.lifespan_context(app),
            AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http,
        ):
            for path in paths:  # every pooled connection is open and idle before the freeze
                assert (await http.get(path)).status_code in (200, 404), path

            _signal_server(server.pid, signal.SIGSTOP)
            frozen = True
            for path in paths:
                started = time.perf_counter()
                response = await http.get(path)
                elapsed = time.perf_counter() - started
                assert (response.status_code, response.headers["content-type"]) == (
                    503,
                    "application/problem+json",
                ), (path, response.text)
                assert response.headers["retry-after"] == "5"
                assert elapsed < 2.0, (path, elapsed)

            _signal_server(server.pid, signal.SIGCONT)
            frozen = False
            statuses = []
            for _ in range(40):
                statuses.append((await http.get("/readyz")).status_code)
                if statuses[-1] == 200:
                    break
                await asyncio.sleep(0.25)
            assert statuses[-1] == 200, statuses
            assert (await http.get(history)).status_code == 404
            assert (await http.get("/events?limit=5")).status_code == 200
    finally:
        if frozen:
            _signal_server(server.pid, signal.SIGCONT)
        server.stop()
