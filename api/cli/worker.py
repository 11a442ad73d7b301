"""`timeline worker`: run queued ingestions (`POST /sources?async=true`) on procrastinate."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from api.cli.base import app, fail, settings


@app.command()
def worker(
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Jobs this worker runs at a time")
    ] = 1,
    name: Annotated[str | None, typer.Option("--name", help="Worker name in logs")] = None,
    until_empty: Annotated[
        bool, typer.Option("--until-empty", help="Exit once the queue is empty")
    ] = False,
) -> None:
    """Run queued ingestions (`POST /sources?async=true`) until stopped; migrates first.

    Needs only the database (DATABASE_URL, else the embedded one): start as many as the
    machines allow, on any machine that reaches the database."""
    from api.job_queue import run_worker
    from db import migrate as m
    from db.embedded import install_signal_handlers
    from db.runtime import DatabaseUnavailable, database_url

    s = settings()
    install_signal_handlers()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            m.upgrade(url)
            asyncio.run(run_worker(url, concurrency=concurrency, name=name, wait=not until_empty))
    except DatabaseUnavailable as exc:
        fail(str(exc))
