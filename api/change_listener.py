"""LISTEN for `timeline_changed` and clear this process's memos (responses, actor lookups).

One connection per worker process, taken from the engine's pool and never returned (it is
invalidated on exit, so no pooled connection keeps a LISTEN). When the connection is lost the
memos are cleared (notifications may have been missed meanwhile) and the listener reconnects
with a capped backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db.repositories.changes import CHANNEL

log = logging.getLogger("api.cache")


class ChangeListener:
    def __init__(
        self, engine: AsyncEngine, on_change: Callable[[], None], *, max_backoff: float = 10.0
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        self.max_backoff = max_backoff
        self.listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="timeline-change-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.listening.clear()

    async def _run(self) -> None:
        backoff = 0.2
        while True:
            try:
                await self._listen_once()
                backoff = 0.2
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("change listener lost its connection: %s", type(exc).__name__)
            self.listening.clear()
            self.on_change()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self.max_backoff)

    async def _listen_once(self) -> None:
        lost = asyncio.Event()

        def notified(*_: Any) -> None:
            self.on_change()

        async with self.engine.connect() as conn:
            try:
                raw = await conn.get_raw_connection()
                driver = raw.driver_connection
                assert driver is not None
                driver.add_termination_listener(lambda _conn: lost.set())
                await driver.add_listener(CHANNEL, notified)
                # Whatever changed before we were listening is unknown: start from empty.
                self.on_change()
                self.listening.set()
                await lost.wait()
            finally:
                # A lost connection may fail to close cleanly; it is discarded either way.
                with contextlib.suppress(Exception):
                    await conn.invalidate()
