"""Alembic environment: migrations run over a synchronous psycopg connection.

The URL comes from `config.attributes["url"]` (set by `db.migrate`), else from settings.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from db.migrate import include_in_comparison, sync_url
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.attributes.get("url")
    if url is None:
        from api.settings import get_settings

        url = get_settings().database_url
    if url is None:
        raise RuntimeError("DATABASE_URL is not set; use `timeline migrate` to migrate")
    return sync_url(str(url))


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_in_comparison,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_in_comparison,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(
            connection=conn, target_metadata=target_metadata, include_object=include_in_comparison
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
