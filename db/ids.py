"""Deterministic ids: the same extracted fact always gets the same UUID, so ingestion is
idempotent and re-running it updates rows in place instead of duplicating them."""

from __future__ import annotations

import uuid
from functools import lru_cache

NAMESPACE = uuid.UUID("5b7f6a0e-2c1d-4d8e-9a55-1f3c0b8e7d21")


def stable_id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts))


# Linking and storing ask for a source's id once per mention (hundreds of thousands of times
# in a bulk run, for a few thousand sources); a UUID is immutable, so one object serves them all.
@lru_cache(maxsize=65536)
def source_id(slug: str) -> uuid.UUID:
    return stable_id("source", slug)


def actor_id(key: str) -> uuid.UUID:
    return stable_id("actor", key)


def mention_id(slug: str, target: str, char_start: int, char_end: int) -> uuid.UUID:
    return stable_id("mention", slug, target, char_start, char_end)
