"""`timeline ingest` and `timeline relink`: articles in, one transaction per run."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path
from typing import Annotated

import typer

from api.cli.base import app, fail, migrated_database
from api.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "seed" / "corpus"


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary")] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes reading articles (default: cores)"),
    ] = None,
) -> None:
    """Ingest articles; prints a summary, exits 1 when any file failed."""
    with migrated_database() as url:
        report = asyncio.run(
            run_ingest(url, paths, show_progress=not as_json, workers=workers or os.cpu_count())
        )
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        print_report(report)
    counts = report["counts"]
    assert isinstance(counts, dict)
    if counts["failed"]:
        raise typer.Exit(code=1)


@app.command()
def relink(
    reread: Annotated[
        bool, typer.Option("--reread", help="Read every article again, not only link")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes reading articles (default: cores)"),
    ] = None,
) -> None:
    """Link every stored article again (after a rule change); articles whose stored reading
    is out of date (another extractor version) are read again. Prints progress."""
    with migrated_database() as url:
        report = asyncio.run(
            run_ingest(
                url,
                [],
                show_progress=True,
                progress_lines=True,
                workers=workers or os.cpu_count(),
                relink=True,
                reread=reread,
            )
        )
    typer.echo(f"relinked; timeline: {report['timeline']}")


async def run_ingest(
    url: str,
    paths: list[Path],
    *,
    show_progress: bool,
    progress_lines: bool = False,
    workers: int | None = 1,
    relink: bool = False,
    reread: bool = False,
) -> dict[str, object]:
    from sqlalchemy.exc import SQLAlchemyError

    from api.progress_bars import ProgressBars
    from db.engine import make_engine, make_sessionmaker
    from seed.pipeline import expand_paths, ingest, read_articles
    from seed.workers import BATCH, make_pool, settle_collector

    files = expand_paths(paths)
    progress = ProgressBars(lines_when_piped=progress_lines) if show_progress else None
    # A batch run: a statement over a large corpus may take longer than a request may.
    engine = make_engine(url, command_timeout=3600)
    pool = None
    try:
        with progress or contextlib.nullcontext():
            articles, problems = read_articles(files, progress)
            # One worker, or a few articles (one file), reads in this
            # process: starting worker processes costs more than it saves.
            many = relink or len(articles) > 2 * BATCH
            pool = make_pool(workers) if workers and workers > 1 and many else None
            # The run builds millions of objects that live until it ends: collected as the API
            # and the workers collect theirs (linking 10,000 articles: about 2 s less).
            settle_collector()
            async with make_sessionmaker(engine)() as session, session.begin():
                report = await ingest(
                    session,
                    articles,
                    problems,
                    progress=progress,
                    pool=pool,
                    relink=relink,
                    reread=reread,
                    # No requests to keep answering: link here, not in a worker.
                    link_in_pool=False,
                )
    except SQLAlchemyError as exc:
        # One transaction per run: a database failure stores nothing and removes nothing.
        reason = str(getattr(exc, "orig", exc)).splitlines()[0]
        fail(f"ingestion failed and nothing was changed: {reason}")
    finally:
        await engine.dispose()
        if pool is not None:
            pool.shutdown()
    return report.as_dict()


def print_report(report: dict[str, object]) -> None:
    files = report["files"]
    assert isinstance(files, list)
    for f in files:
        mark = {"failed": "FAIL", "unchanged": "same", "updated": "upd ", "ingested": "new "}
        line = f"{mark[f['outcome']]} {f['file_name']}"
        if f["detail"]:
            line += f": {f['detail']}"
        typer.echo(line)
    counts = report["counts"]
    assert isinstance(counts, dict)
    typer.echo(
        ", ".join(f"{v} {k}" for k, v in counts.items()) + f"; timeline: {report['timeline']}"
    )
