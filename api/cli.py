"""Command line: `timeline up | serve | worker | migrate | ingest | relink | keys ...`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from api.settings import PROJECT_ROOT, Settings, get_settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

app = typer.Typer(
    pretty_exceptions_enable=False,
    help="Libya Ceasefire Timeline: serve the API, migrate, ingest articles.",
)

CORPUS = PROJECT_ROOT / "seed" / "corpus"


def _settings() -> Settings:
    return get_settings()


@app.callback()
def _configure(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also log what migrations and libraries do")
    ] = False,
) -> None:
    import logging

    from api.logging_config import configure_logging

    s = _settings()
    configure_logging(s.log_level, s.log_json)
    if not verbose:
        # Alembic logs every migration step at INFO before any command gets to speak.
        logging.getLogger("alembic").setLevel(logging.WARNING)


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
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes reading articles (default: cores)"),
    ] = None,
) -> None:
    """Ingest articles; prints a summary, exits 1 when any file failed."""
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            from db import migrate as m

            m.upgrade(url)
            report = asyncio.run(
                _ingest(url, paths, show_progress=not as_json, workers=workers or os.cpu_count())
            )
    except DatabaseUnavailable as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print_report(report)
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
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            from db import migrate as m

            m.upgrade(url)
            report = asyncio.run(
                _ingest(
                    url,
                    [],
                    show_progress=True,
                    progress_lines=True,
                    workers=workers or os.cpu_count(),
                    relink=True,
                    reread=reread,
                )
            )
    except DatabaseUnavailable as exc:
        _fail(str(exc))
        return
    typer.echo(f"relinked; timeline: {report['timeline']}")


async def _ingest(
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
    from seed.workers import BATCH, make_pool

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
            async with make_sessionmaker(engine)() as session, session.begin():
                report = await ingest(
                    session,
                    articles,
                    problems,
                    progress=progress,
                    pool=pool,
                    relink=relink,
                    reread=reread,
                )
    except SQLAlchemyError as exc:
        # One transaction per run: a database failure stores nothing and removes nothing.
        reason = str(getattr(exc, "orig", exc)).splitlines()[0]
        _fail(f"ingestion failed and nothing was changed: {reason}")
        raise  # unreachable: _fail exits
    finally:
        await engine.dispose()
        if pool is not None:
            pool.shutdown()
    return report.as_dict()


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

    from api.server_protocol import ProblemHttpToolsProtocol
    from db import migrate as m
    from db.embedded import install_signal_handlers
    from db.runtime import DatabaseUnavailable, database_url

    s = _settings()
    bind_host, bind_port = host or s.host, port or s.port
    # Before any set-up (database, migrations, ingestion): a busy port is found in a second.
    _check_port(bind_host, bind_port)
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
            n_workers = workers or s.workers
            with _metrics_directory(n_workers), _stop_request_is_success():
                uvicorn.run(
                    "api.main:create_app",
                    factory=True,
                    host=bind_host,
                    port=bind_port,
                    workers=n_workers,
                    log_level=s.log_level,
                    access_log=False,  # api.middleware.AccessLogMiddleware logs each request
                    log_config=None,  # uvicorn's lines use our handlers (JSON with LOG_JSON)
                    http=ProblemHttpToolsProtocol,
                )
    except DatabaseUnavailable as exc:
        _fail(str(exc))


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

    s = _settings()
    install_signal_handlers()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            m.upgrade(url)
            asyncio.run(run_worker(url, concurrency=concurrency, name=name, wait=not until_empty))
    except DatabaseUnavailable as exc:
        _fail(str(exc))


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            _fail(
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


keys_app = typer.Typer(
    pretty_exceptions_enable=False,
    help="Create, revoke and list API keys (stored hashed; shown once).",
)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    name: str,
    scope: Annotated[
        list[str], typer.Option("--scope", help="read, write or admin; repeat for several")
    ],
) -> None:
    """Create a key with the given scopes and print it (the only time it is shown)."""
    from db.models.vocab import SCOPES

    unknown = sorted(set(scope) - set(SCOPES))
    if unknown:
        _fail(f"unknown scope(s) {', '.join(unknown)}; expected {', '.join(SCOPES)}")
    created = _with_session(lambda session: _create_key(session, name, scope))
    typer.echo(created)


@keys_app.command("revoke")
def keys_revoke(id_or_prefix: str) -> None:
    """Revoke a key by its id or its prefix."""
    message = _with_session(lambda session: _revoke_key(session, id_or_prefix))
    if message is None:
        _fail(f"no API key {id_or_prefix!r}")
    typer.echo(message)


@keys_app.command("list")
def keys_list() -> None:
    """List keys: id, prefix, name, scopes, created, revoked."""
    for line in _with_session(_list_keys):
        typer.echo(line)


def _with_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work(session)` in one committed transaction on the configured database."""
    from db.runtime import DatabaseUnavailable, database_url

    async def run(url: str) -> T:
        from db.engine import make_engine, make_sessionmaker

        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    s = _settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            from db import migrate as m

            m.upgrade(url)
            return asyncio.run(run(url))
    except DatabaseUnavailable as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


async def _create_key(session: AsyncSession, name: str, scopes: list[str]) -> str:
    from api.key_tokens import generate_key
    from db.repositories import api_keys, audit

    new = generate_key()
    key = await api_keys.create(
        session, name=name, prefix=new.prefix, key_hash=new.key_hash, scopes=scopes
    )
    await audit.record(
        session,
        entity_type="api_key",
        entity_id=key.id,
        action="create",
        key_id=None,  # created from the command line, not through a key
        before=None,
        after={"name": key.name, "prefix": key.prefix, "scopes": key.scopes},
        changed_fields=["name", "prefix", "scopes"],
    )
    return new.plaintext


async def _revoke_key(session: AsyncSession, id_or_prefix: str) -> str | None:
    from db.repositories import api_keys, audit

    key = await api_keys.find(session, id_or_prefix=id_or_prefix)
    if key is None:
        return None
    if not await api_keys.revoke(session, key_id=key.id):
        return f"{key.id} ({key.prefix}) was already revoked"
    await audit.record(
        session,
        entity_type="api_key",
        entity_id=key.id,
        action="revoke",
        key_id=None,
        before={"revoked_at": None},
        after={"revoked_at": key.revoked_at},
        changed_fields=["revoked_at"],
    )
    return f"revoked {key.id} ({key.prefix})"


async def _list_keys(session: AsyncSession) -> list[str]:
    from db.repositories import api_keys

    return [
        "\t".join(
            [
                str(k.id),
                k.prefix,
                k.name,
                ",".join(k.scopes),
                k.created_at.isoformat(timespec="seconds"),
                k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else "-",
            ]
        )
        for k in await api_keys.get_all(session)
    ]


@app.command()
def up() -> None:
    """What `make run` does: migrate, ingest seed/corpus, serve on http://127.0.0.1:8000."""
    serve(ingest_corpus=True, host=None, port=None, workers=None)


if __name__ == "__main__":
    app()
