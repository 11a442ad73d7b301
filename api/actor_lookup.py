"""`?actor=` references resolved to actor ids, remembered per worker while nothing changes.

A reference naming an actor exactly (id, key or alias, normalised) resolves to it; else its
looser forms ("the", titles, "forces", "al-") are tried; else the fuzzy fallback scores every
alias (see `actors.fuzzy_candidates`) and the problem lists them: several close ones make an
`ambiguous-actor` problem (400), a single one a 404 that suggests it.

Every `/events?actor=Haftar` request would otherwise spend a database round trip (and a tenth
of its CPU) re-reading which ids "Haftar" names. The memo is used only while this worker's
change listener is connected: a merge or rename announced by the database clears it, and a
lost listener turns it off until the listener is back (it clears on reconnect).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import AmbiguousActor, NotFound
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

    def remembered(self, ref: str) -> ActorIds | None:
        """The ids `ref` names if this worker remembers them and may trust its memo."""
        return self.memo.get(ref) if self.fresh() else None

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
            ids = _no_exact_match(ref, await actor_repo.fuzzy_candidates(session, q=ref, limit=5))
        if use_memo:
            self.memo.put(ref, ids, generation)
        return ids


# Candidates within this score of the best are equally likely: the reference is ambiguous.
MARGIN = 0.1


def _no_exact_match(ref: str, candidates: list[dict[str, Any]]) -> ActorIds:
    """A reference that names nobody exactly never silently means a near match (a filter on
    the wrong actor looks like a right answer): it is a problem listing the candidates,
    `ambiguous-actor` (400) when several are about as close, else a 404 that suggests them."""
    if not candidates:
        raise NotFound(f"No actor is called or identified by {ref!r}.")
    listed = [
        {"id": str(c["id"]), "key": c["key"], "name": c["name"], "score": c["score"]}
        for c in candidates
    ]
    best = candidates[0]["score"]
    close = [c for c in candidates if best - c["score"] < MARGIN]
    if len(close) > 1:
        raise AmbiguousActor(
            f"No actor is called {ref!r}; it may mean any of {len(close)} actors. "
            "Use the key of the one you mean.",
            candidates=listed,
        )
    raise NotFound(f"No actor is called or identified by {ref!r}.", candidates=listed)
