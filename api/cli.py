"""Command line: `timeline up | serve | migrate | ingest | keys ...`."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.settings import PROJECT_ROOT, Settings, get_settings

app = typer.Typer(help="Libya Ceasefire Timeline: serve the API, migrate, ingest articles.")

CORPUS = PROJECT_ROOT / "seed" / "corpus"


def _settings() -> Settings:
    return get_settings()


@app.callback()
def _configure() -> None:
    from api.logging_config import configure_logging

    s = _settings()
    configure_logging(s.log_level, s.log_json)


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command()
def migrate(revision: str = "head") -> None:
    """Apply migrations up to REVISION (default head)."""
    from db import migrate as m
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            m.upgrade(url, revision)
    except DatabaseUnavailable as exc:
        _fail(str(exc))
    typer.echo(f"migrated to {revision}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of *.txt")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary")] = False,
) -> None:
    """Ingest articles; prints a summary, exits 1 when any file failed."""
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            from db import migrate as m

            m.upgrade(url)
            report = asyncio.run(_ingest(url, paths, show_progress=not as_json))
    except DatabaseUnavailable as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print_report(report)
    if report["counts"]["failed"]:
        raise typer.Exit(code=1)


async def _ingest(url: str, paths: list[Path], *, show_progress: bool) -> dict[str, object]:
    from db.engine import make_engine, make_sessionmaker
    from seed.pipeline import expand_paths, ingest, read_articles

    files = expand_paths(paths)
    progress = _progress_printer() if show_progress else None
    articles, problems = read_articles(files, progress)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            report = await ingest(session, articles, problems, progress=progress)
    finally:
        await engine.dispose()
    return report.as_dict()


def _progress_printer():  # type: ignore[no-untyped-def]
    def show(stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{stage:8} [{bar}] {done}/{total}{end}")
        sys.stderr.flush()

    return show


def _print_report(report: dict[str, object]) -> None:
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

    from db import migrate as m
    from db.embedded import install_signal_handlers
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    install_signal_handlers()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            m.upgrade(url)
            if ingest_corpus:
                report = asyncio.run(_ingest(url, [CORPUS], show_progress=False))
                _print_report(report)
            # Workers are separate processes: they find the database through the environment.
            os.environ["DATABASE_URL"] = url
            get_settings.cache_clear()
            uvicorn.run(
                "api.main:create_app",
                factory=True,
                host=host or s.host,
                port=port or s.port,
                workers=workers or s.workers,
                log_level=s.log_level,
                access_log=False,
            )
    except DatabaseUnavailable as exc:
        _fail(str(exc))


@app.command()
def up() -> None:
    """What `make run` does: migrate, ingest seed/corpus, serve on http://127.0.0.1:8000."""
    serve(ingest_corpus=True, host=None, port=None, workers=None)


if __name__ == "__main__":
    app()
