"""Engine and session factory construction."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
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
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        pool_timeout=connect_timeout,
        connect_args={"timeout": connect_timeout, "command_timeout": command_timeout},
    )
    event.listen(engine.sync_engine, "handle_error", _drop_connection_on_timeout)
    return engine


def _drop_connection_on_timeout(context: ExceptionContext) -> None:
    """A statement that timed out leaves its connection unusable: close the socket at once.

    Otherwise asyncpg first waits for its cancel request and SQLAlchemy then closes the
    connection gracefully (up to 2 s more), so a hung server cost three times the command
    timeout before the client got its 503. Marked as a disconnect, the pool also drops its
    other connections, which are as stuck as this one.
    """
    if not _timed_out(context.original_exception):
        return
    context.is_disconnect = True
    fairy = context.connection.connection if context.connection is not None else None
    raw = getattr(fairy, "dbapi_connection", None)
    driver = getattr(raw, "_connection", None)
    if driver is not None:
        driver.terminate()


def _timed_out(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, TimeoutError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
