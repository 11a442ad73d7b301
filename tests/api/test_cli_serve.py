"""`timeline serve`: a busy port is reported before any set-up; a stop request exits 0; an idle
connection is kept open for `KEEP_ALIVE` seconds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

import httpx
import orjson

from api.settings import PROJECT_ROOT
from tests.api.processes import free_port, wait_healthy


def _serve(port: int, database_url: str, *args: str, **settings: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOG_JSON": "true",
        "RESPONSE_CACHE": "false",
        **settings,
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


def _get_healthz(conn: socket.socket) -> bytes:
    """One whole response (head and body) on this connection."""
    conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    received = b""
    while b"\r\n\r\n" not in received:
        received += conn.recv(65536)
    head, body = received.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += conn.recv(65536)
    return head


def test_an_idle_connection_stays_open_for_the_keep_alive(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    port = free_port()
    child = _serve(port, url, KEEP_ALIVE="1")
    try:
        wait_healthy(child, port, 90)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as kept:
            first = _get_healthz(kept)
            time.sleep(0.3)  # idle for less than KEEP_ALIVE: still open
            second = _get_healthz(kept)
            # Closed once idle for KEEP_ALIVE, well before uvicorn's own 5 s (a timeout here).
            kept.settimeout(3)
            closed = kept.recv(65536)
    finally:
        child.send_signal(signal.SIGTERM)
        child.communicate(timeout=30)
    assert first.startswith(b"HTTP/1.1 200")
    assert second.startswith(b"HTTP/1.1 200")
    assert closed == b""


def test_links_name_the_port_given_on_the_command_line(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    port = free_port()
    child = _serve(port, url, PORT="8000")  # `--port` wins over the setting, links included
    try:
        wait_healthy(child, port, 90)
        feed = httpx.get(f"http://127.0.0.1:{port}/events.atom", headers={"Host": "evil.example"})
    finally:
        child.send_signal(signal.SIGTERM)
        child.communicate(timeout=30)
    assert feed.status_code == 200
    assert f'href="http://127.0.0.1:{port}/events.atom"' in feed.text
    assert "evil.example" not in feed.text
