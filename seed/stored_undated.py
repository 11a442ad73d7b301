"""Whether new dated articles may date stored undated ones (`seed.link.undated.may_date`),
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
from seed.link.undated import UndatedReading, may_date
from seed.stored_extractions import load

# (source, text hash, extractor version) -> what the check reads of it. A few kilobytes each.
KEPT = 4096
_Key = tuple[uuid.UUID, str, str]
_kept: OrderedDict[_Key, UndatedReading] = OrderedDict()
_lock = threading.Lock()


async def may_date_stored(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    undated: Sequence[uuid.UUID],
    registry: Registry,
    version: str,
) -> bool:
    """Whether the fresh (dated) articles may date one of the stored `undated` sources (in a
    thread); True also when one has no reading of `version` (everything is read again)."""
    hashes = await extraction_rows.hashes(session, undated, version)
    if len(hashes) < len(set(undated)):
        return True
    kept = _kept_readings([(source, sha, version) for source, sha in hashes.items()])
    missing = [source for source, sha in hashes.items() if (source, sha, version) not in kept]
    payloads = await extraction_rows.load_with_hashes(session, missing, version)
    if len(payloads) < len(missing):
        return True  # (one was replaced meanwhile)
    return await asyncio.to_thread(_may_date, fresh, kept, payloads, registry, version)


def _may_date(
    fresh: Sequence[ArticleExtraction],
    kept: Mapping[_Key, UndatedReading],
    payloads: Mapping[uuid.UUID, tuple[str, bytes]],
    registry: Registry,
    version: str,
) -> bool:
    read = {
        (source, sha, version): UndatedReading.of(load(payload))
        for source, (sha, payload) in payloads.items()
    }
    _keep(read)
    readings = [*kept.values(), *read.values()]
    return may_date(fresh, readings, registry)


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
