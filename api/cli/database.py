"""`timeline migrate`: schema changes by hand (every other command migrates to head first)."""

from __future__ import annotations

import typer

from api.cli.base import app, fail, settings


@app.command()
def migrate(revision: str = "head") -> None:
    """Apply migrations up to REVISION (default head)."""
    from db import migrate as m
    from db.runtime import DatabaseUnavailable, database_url

    s = settings()
    try:
        with database_url(s.database_url, s.data_dir, s.database_name) as url:
            m.upgrade(url, revision)
    except DatabaseUnavailable as exc:
        fail(str(exc))
    typer.echo(f"migrated to {revision}")
