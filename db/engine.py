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
    # with a 503 rather than hang. pool_pre_ping lets the pool recover once it is back.
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=connect_timeout,
        connect_args={"timeout": connect_timeout, "command_timeout": command_timeout},
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
