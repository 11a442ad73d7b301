"""A per-process memo that forgets on data change: bounded LRU, TTL and a generation counter.

Used for whole responses (`api.caching`) and for actor references (`api.actor_lookup`). Each
worker clears its memos when the database announces a change (`api.change_listener`); the TTL
is a safety net should a notification be missed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ChangeAwareCache(Generic[K, V]):
    """`clear()` bumps the generation: a value computed while a change arrived is not stored,
    because it may have been read from the data as it was before the change."""

    def __init__(self, *, max_entries: int, ttl: float) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self.generation = 0
        self._entries: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, stored_at = entry
        if time.monotonic() - stored_at > self.ttl:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V, generation: int) -> None:
        """Store `value`, computed when the generation was `generation` (read it before)."""
        if generation != self.generation:
            return
        self._entries[key] = (value, time.monotonic())
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self.generation += 1
        self._entries.clear()
