"""Which stored undated articles new articles may date (`seed.link.undated.weighed_undated`),
checked on the readings those were dated from.

What the check reads of an undated article (`UndatedReading`: its relative dates and leads)
is kept per process, by source, text hash and extractor version, so it is decoded once, not by
every new article that names the same person: a frequent person is named by hundreds of
stored undated articles (688 for the most frequent at 10,000 stored, about 450 ms to decode).
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import extractions as extraction_rows
from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.link.undated import UndatedReading, weighed_undated
from seed.stored_extractions import load

# (source, text hash, extractor version) -> what the check reads of it. A few kilobytes each.
KEPT = 4096
_Key = tuple[uuid.UUID, str, str]
_kept: OrderedDict[_Key, UndatedReading] = OrderedDict()
_lock = threading.Lock()


async def weighed_stored(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    undated: Sequence[uuid.UUID],
    registry: Registry,
    version: str,
) -> list[uuid.UUID] | None:
    """Those of the stored `undated` sources the fresh articles' happenings may anchor (in a
    thread; `seed.link.undated.weighed_undated`), in id order; None when one has no reading of
    `version` (everything is read again)."""
    if not undated:
        return []
    hashes = await extraction_rows.hashes(session, undated, version)
    if len(hashes) < len(set(undated)):
        return None
    kept = _kept_readings([(source, sha, version) for source, sha in hashes.items()])
    missing = [source for source, sha in hashes.items() if (source, sha, version) not in kept]
    payloads = await extraction_rows.load_with_hashes(session, missing, version)
    if len(payloads) < len(missing):
        return None  # (one was replaced meanwhile)
    return await asyncio.to_thread(_weighed, fresh, kept, payloads, registry, version)


def _weighed(
    fresh: Sequence[ArticleExtraction],
    kept: Mapping[_Key, UndatedReading],
    payloads: Mapping[uuid.UUID, tuple[str, bytes]],
    registry: Registry,
    version: str,
) -> list[uuid.UUID]:
    read = {
        (source, sha, version): UndatedReading.of(load(payload))
        for source, (sha, payload) in payloads.items()
    }
    _keep(read)
    both = sorted({**kept, **read}.items())
    found = weighed_undated(fresh, [reading for _, reading in both], registry)
    return [both[n][0][0] for n in found]


def _kept_readings(keys: Sequence[_Key]) -> dict[_Key, UndatedReading]:
    """Those of `keys` kept, each now the most recently used."""
    found: dict[_Key, UndatedReading] = {}
    with _lock:
        for key in keys:
            if key in _kept:
                _kept.move_to_end(key)
                found[key] = _kept[key]
    return found


def _keep(read: Mapping[_Key, UndatedReading]) -> None:
    with _lock:
        _kept.update(read)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
