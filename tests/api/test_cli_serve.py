"""`timeline serve`: a busy port is reported before any set-up; a stop request exits 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable

import orjson

from api.settings import PROJECT_ROOT
from tests.api.processes import free_port, wait_healthy


def _serve(port: int, database_url: str, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOG_JSON": "true",
        "RESPONSE_CACHE": "false",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", *args, "serve", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_busy_port_is_reported_before_the_database_is_touched() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        # An unreachable database: had set-up run first, that would be the error.
        child = _serve(port, "postgresql://nobody@127.0.0.1:9/none")
        _, err = child.communicate(timeout=60)
    assert child.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert f"PORT={port + 1} make run" in err
    assert "database" not in err


def test_sigterm_stops_the_service_with_exit_status_0_and_every_line_is_json(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    port = free_port()
    child = _serve(port, url)
    try:
        wait_healthy(child, port, 90)
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    lines = [orjson.loads(line) for line in err.splitlines()]
    loggers = {line["logger"] for line in lines}
    assert {"uvicorn.error", "api.access"} <= loggers
    assert not any(name.startswith("alembic") for name in loggers)  # quiet without -v
    assert out == ""
