"""`timeline serve` and `timeline up` (what `make run` does): the API under uvicorn."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import tempfile
from collections.abc import Iterator
from typing import Annotated

import typer

from api.cli.base import app, fail, migrated_database, settings
from api.cli.ingesting import CORPUS, print_report, run_ingest
from api.settings import get_settings


@app.command()
def serve(
    ingest_corpus: Annotated[
        bool, typer.Option("--ingest-corpus/--no-ingest-corpus", help="Ingest seed/corpus first")
    ] = False,
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
) -> None:
    """Migrate, optionally ingest the sample corpus, and serve the API."""
    import uvicorn

    from api.server_protocol import ProblemHttpToolsProtocol
    from db.embedded import install_signal_handlers

    s = settings()
    bind_host, bind_port = host or s.host, port or s.port
    # Before any set-up (database, migrations, ingestion): a busy port is found in a second.
    _check_port(bind_host, bind_port)
    install_signal_handlers()
    with migrated_database() as url:
        if ingest_corpus:
            report = asyncio.run(run_ingest(url, [CORPUS], show_progress=False))
            print_report(report)
        # Workers are separate processes: they find the database through the environment,
        # and the address they serve on too (the default public URL of every absolute link is
        # http://HOST:PORT: with `--port` alone, links named the PORT of the settings).
        os.environ["DATABASE_URL"] = url
        os.environ["HOST"], os.environ["PORT"] = bind_host, str(bind_port)
        get_settings.cache_clear()
        n_workers = workers or s.workers
        with _metrics_directory(n_workers), _stop_request_is_success():
            uvicorn.run(
                "api.main:create_app",
                factory=True,
                host=bind_host,
                port=bind_port,
                workers=n_workers,
                log_level=s.log_level,
                access_log=False,  # api.middleware logs each request
                log_config=None,  # uvicorn's lines use our handlers (JSON with LOG_JSON)
                http=ProblemHttpToolsProtocol,
                timeout_keep_alive=s.keep_alive,
            )


@app.command()
def up() -> None:
    """What `make run` does: migrate, ingest seed/corpus, serve on http://127.0.0.1:8000."""
    serve(ingest_corpus=True, host=None, port=None, workers=None)


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}); another process may be "
                f"using it. Pick another port: PORT={port + 1} make run, or "
                f"timeline serve --port {port + 1}"
            )


@contextlib.contextmanager
def _stop_request_is_success() -> Iterator[None]:
    """Ctrl-C or SIGTERM while serving is how a server is stopped: exit 0, not 130/143.

    uvicorn shuts down gracefully and then re-raises the signal it caught; that arrives here as
    KeyboardInterrupt (SIGINT) or SystemExit (SIGTERM/SIGHUP, db.embedded's handler), and the
    embedded database is still stopped on the way out.
    """
    try:
        yield
    except KeyboardInterrupt:
        pass
    except SystemExit as exc:
        if exc.code not in (128 + signal.SIGTERM, 128 + signal.SIGHUP):
            raise


@contextlib.contextmanager
def _metrics_directory(workers: int) -> Iterator[None]:
    """With several workers, Prometheus samples go to files that `/metrics` adds up."""
    if workers <= 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="timeline-metrics-") as directory:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
        try:
            yield
        finally:
            del os.environ["PROMETHEUS_MULTIPROC_DIR"]
