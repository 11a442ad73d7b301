"""Engine and session factory construction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    connect_timeout: float = 3.0,
    command_timeout: float = 10.0,
) -> AsyncEngine:
    # Short connect and command timeouts: with the database down, requests must fail fast
    # with a 503 rather than hang.
    # No pool_pre_ping: with asyncpg it is BEGIN; ping; ROLLBACK on every checkout, three round
    # trips more per request (a read page is otherwise BEGIN, 2 SELECTs, COMMIT). Recovery
    # after an outage does not need it: a disconnect error invalidates the whole pool, so the
    # request that met the dead connection fails (503) and later checkouts reconnect.
    # Reset on return stays SQLAlchemy's rollback, which sends nothing when the session has
    # already committed (every request does), so returning a connection is free.
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        pool_timeout=connect_timeout,
        connect_args={"timeout": connect_timeout, "command_timeout": command_timeout},
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
