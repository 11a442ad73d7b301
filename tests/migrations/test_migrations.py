"""The migration chain and the models agree, and the chain runs both ways."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from db import migrate
from db.models import Base


def _tables(url: str) -> set[str]:
    engine = create_engine(migrate.sync_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_then_autogenerate_finds_no_difference(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    engine = create_engine(migrate.sync_url(url))
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_downgrade_base_removes_every_table_and_upgrade_restores_them(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"}
    migrate.downgrade(url, "base")
    assert _tables(url) == {"alembic_version"}
    migrate.upgrade(url)
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"}


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
                # PostgreSQL 18 lists NOT NULL as constraints too; those are not ours to name.
                "AND c.contype <> 'n'"
            )
        ]
    assert names, "no constraints found"
    assert [n for n in names if not n.startswith(("pk_", "fk_", "uq_", "ck_"))] == []
