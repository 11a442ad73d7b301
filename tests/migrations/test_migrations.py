"""The migration chain and the models agree, and the chain runs both ways."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from db import migrate
from db.models import Base


def _all_tables(url: str) -> set[str]:
    engine = create_engine(migrate.sync_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    """Our tables. procrastinate's (its schema SQL, applied by migration 0012) are left out on
    purpose: they are the job queue's, not models of ours, and are checked on their own."""
    return {t for t in _all_tables(url) if not migrate.is_queue_table(t)}


QUEUE_TABLES = {
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_periodic_defers",
    "procrastinate_workers",
}


def test_upgrade_then_autogenerate_finds_no_difference(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    engine = create_engine(migrate.sync_url(url))
    try:
        with engine.connect() as conn:
            # procrastinate's tables are excluded: they come from its own schema SQL, not from
            # our models (the same filter the migration environment uses).
            context = MigrationContext.configure(
                conn, opts={"include_object": migrate.include_in_comparison}
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_downgrade_base_removes_every_table_and_upgrade_restores_them(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"}
    assert _all_tables(url) - _tables(url) == QUEUE_TABLES
    migrate.downgrade(url, "base")
    assert _all_tables(url) == {"alembic_version"}
    migrate.upgrade(url)
    assert _all_tables(url) == set(Base.metadata.tables) | {"alembic_version"} | QUEUE_TABLES


def test_every_constraint_is_named_by_the_convention(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    libpq = migrate.sync_url(url).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = 'public' AND conrelid <> 'alembic_version'::regclass "
                # procrastinate names its own constraints (its schema SQL, not our models).
                "AND conrelid::regclass::text NOT LIKE 'procrastinate%' "
                # PostgreSQL 18 lists NOT NULL as constraints too; those are not ours to name.
                "AND c.contype <> 'n'"
            )
        ]
    assert names, "no constraints found"
    assert [n for n in names if not n.startswith(("pk_", "fk_", "uq_", "ck_"))] == []
