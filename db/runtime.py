"""Which PostgreSQL to use: `DATABASE_URL` when set, else the project's own embedded server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from db.migrate import sync_url


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached (message says where and why)."""


@contextmanager
def database_url(configured: str | None, data_dir: Path, name: str) -> Iterator[str]:
    """Yield an asyncpg URL of a reachable database; stop the embedded server on exit."""
    if configured:
        check_reachable(configured)
        yield configured
        return
    from db.embedded import EmbeddedPostgres

    with EmbeddedPostgres(data_dir / "postgres") as server:
        server.ensure_database(name)
        yield server.url_for(name, driver="asyncpg")


def check_reachable(url: str, timeout: int = 5) -> None:
    try:
        with psycopg.connect(_libpq(url), connect_timeout=timeout):
            pass
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"cannot connect to the database: {exc}".strip()) from exc


def create_database(admin_url: str, name: str) -> None:
    """CREATE DATABASE `name` unless it exists (a concurrent creator counts as success)."""
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """The plain libpq form of any of our URLs (psycopg and procrastinate want it)."""
    return sync_url(url).replace("postgresql+psycopg://", "postgresql://", 1)


_libpq = libpq_url
