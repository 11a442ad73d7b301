"""`make run` stops cleanly: Ctrl-C (SIGINT to the terminal's process group) or SIGTERM to make
ends the service with status 0, so make reports no error and no process prints a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable

import pytest

from api.settings import PROJECT_ROOT
from tests.api.processes import free_port, wait_healthy

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm-to-make"])
def test_a_stop_request_through_make_run_ends_without_an_error(
    stop: str, scratch_database: Callable[[], str]
) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": scratch_database(), "PORT": str(port), "WORKERS": "1"}
    # `-o install`: the virtual environment is the one running this test; `run` as written.
    make = subprocess.Popen(
        ["make", "--no-print-directory", "-o", "install", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    try:
        wait_healthy(make, port, 120)
        if stop == "ctrl-c":
            os.killpg(make.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        else:
            make.send_signal(signal.SIGTERM)  # make passes it on to the service
        out, _ = make.communicate(timeout=60)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
    assert "make: ***" not in out, out  # neither "Interrupt" nor "Error 130/143"
    assert "Traceback" not in out, out
    assert "Finished server process" in out
    # make itself then ends by the signal it was sent, as make always does; no error of its own.
    assert make.returncode == -(signal.SIGINT if stop == "ctrl-c" else signal.SIGTERM)
