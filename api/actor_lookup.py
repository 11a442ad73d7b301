"""`?actor=` references resolved to actor ids, remembered per worker while nothing changes.

Every `/events?actor=Haftar` request would otherwise spend a database round trip (and a tenth
of its CPU) re-reading which ids "Haftar" names. The memo is used only while this worker's
change listener is connected: a merge or rename announced by the database clears it, and a
lost listener turns it off until the listener is back (it clears on reconnect).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound
from api.memo import ChangeAwareCache
from db.repositories import actors as actor_repo

ActorIds = tuple[uuid.UUID, ...]


def _never() -> bool:
    return False


class ActorLookup:
    def __init__(self, *, max_entries: int = 4096, ttl: float = 60.0) -> None:
        self.memo: ChangeAwareCache[str, ActorIds] = ChangeAwareCache(
            max_entries=max_entries, ttl=ttl
        )
        # Whether a change listener currently keeps the memo fresh (set by the app's lifespan).
        self.fresh: Callable[[], bool] = _never

    def clear(self) -> None:
        self.memo.clear()

    async def resolve(self, session: AsyncSession, ref: str) -> ActorIds:
        """Ids `ref` names (see `actors.resolve`); a 404 problem when it names nobody."""
        use_memo = self.fresh()
        if use_memo:
            ids = self.memo.get(ref)
            if ids is not None:
                return ids
        generation = self.memo.generation
        ids = await actor_repo.resolve(session, ref=ref)
        if not ids:
            raise NotFound(f"No actor is called or identified by {ref!r}.")
        if use_memo:
            self.memo.put(ref, ids, generation)
        return ids
