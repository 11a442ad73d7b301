"""Linking a neighbourhood from the readings of its stored mentions (`seed.link.members`)
rather than from the whole readings of their sources, in the pool like `link_extractions`.

Of a stored source, linking a neighbourhood reads only the quotes of the events (pledges) it
links again, their near-duplicate groups as stored, and the source's publication: the
readings rebuilt from the member readings hold exactly those, so the timeline is the one the
whole readings cut down to those quotes give. Only the new articles' mentions' readings are
handed back (the stored ones are stored already).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from concurrent.futures import Executor

from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.extract.types import Timeline
from seed.link.members import StoredSource, stand_ins
from seed.link.timeline import KnownOrigins
from seed.workers import Clustered, Keep, _link, default_registry

# (file name, kind, serialised reading) of each stored mention.
Payloads = Sequence[tuple[str, str, bytes]]


def link_members(
    sources: Sequence[StoredSource],
    payloads: Payloads,
    fresh: Sequence[ArticleExtraction],
    registry: Registry,
    keep: Keep,
    known_origins: KnownOrigins,
    clustered: Clustered | None = None,
) -> Timeline:
    timeline = _link(
        stand_ins(sources, payloads),
        fresh,
        registry,
        keep,
        known_origins,
        members={x.file_name for x in fresh},
        clustered=clustered,
    )
    # The rebuilt readings hold no text: each stored source keeps its text's hash.
    sha = {s.file_name: s.sha256 for s in sources}
    timeline.sources = [
        dataclasses.replace(s, sha256=sha[s.file_name]) if s.file_name in sha else s
        for s in timeline.sources
    ]
    return timeline


def _link_members_in_worker(
    sources: Sequence[StoredSource],
    payloads: Payloads,
    fresh: Sequence[ArticleExtraction],
    keep: Keep,
    known_origins: KnownOrigins,
    clustered: Clustered | None,
) -> Timeline:
    return link_members(
        sources, payloads, fresh, default_registry(), keep, known_origins, clustered
    )


async def link_from_members(
    sources: Sequence[StoredSource],
    payloads: Payloads,
    fresh: Sequence[ArticleExtraction],
    registry: Registry | None,
    pool: Executor | None,
    keep: Keep,
    known_origins: KnownOrigins,
    clustered: Clustered | None = None,
) -> Timeline:
    """`link_members` in `pool` when given (with the default registry), else in a thread."""
    if pool is None or registry is not None:
        chosen = registry or default_registry()
        return await asyncio.to_thread(
            link_members, sources, payloads, fresh, chosen, keep, known_origins, clustered
        )
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        pool,
        _link_members_in_worker,
        list(sources),
        list(payloads),
        list(fresh),
        keep,
        dict(known_origins),
        clustered,
    )
