"""Which PostgreSQL server a benchmark uses: the configured one, else the embedded default."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from api.settings import PROJECT_ROOT, async_url


@contextmanager
def bench_server(configured: str | None = None) -> Iterator[str]:
    """An admin URL (database `postgres`) on which the benchmark creates its own database.

    `configured`, else BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL; without any of
    them, the project's embedded PostgreSQL (`.data/postgres/`, the one `make run` uses),
    started for the run and stopped after it.
    """
    url = configured or next(
        (
            os.environ[name]
            for name in ("BENCH_DATABASE_URL", "DATABASE_URL", "TEST_DATABASE_URL")
            if os.environ.get(name)
        ),
        None,
    )
    if url:
        yield async_url(url)
        return
    from db.embedded import EmbeddedPostgres

    with EmbeddedPostgres(PROJECT_ROOT / ".data" / "postgres") as server:
        yield server.url_for("postgres", driver="asyncpg")
