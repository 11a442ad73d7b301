"""The `timeline` command's Typer app, its global options and what every command shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated, NoReturn

import typer

from api.settings import Settings, get_settings

app = typer.Typer(
    pretty_exceptions_enable=False,
    help="Libya Ceasefire Timeline: serve the API, migrate, ingest articles.",
)


def settings() -> Settings:
    return get_settings()


@app.callback()
def _configure(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also log what migrations and libraries do")
    ] = False,
) -> None:
    import logging

    from api.logging_config import configure_logging

    s = settings()
    configure_logging(s.log_level, s.log_json)
    if not verbose:
        # Alembic logs every migration step at INFO before any command gets to speak.
        logging.getLogger("alembic").setLevel(logging.WARNING)


def fail(message: str) -> NoReturn:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@contextlib.contextmanager
def migrated_database() -> Iterator[str]:
    """The configured database (the embedded one started for the command if none is set),
    migrated to head; an unreachable database ends the command with its reason."""
    from db import migrate
    from db.runtime import DatabaseUnavailable, database_url

    s = settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            migrate.upgrade(url)
            yield url
    except DatabaseUnavailable as exc:
        fail(str(exc))
