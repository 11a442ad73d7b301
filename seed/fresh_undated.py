"""A new undated article dated from the stored dated articles that may anchor it, so that it
is linked with its neighbourhood like a dated one (`seed.incremental`) instead of with the
whole corpus.

Linking the corpus dates an undated article in two rounds (`seed.link.timeline`): first from
the articles that state their publication, then, if still wide, from the undated ones the first
round dated too. Every dated happening the first round may weigh for it shares one of its keys
(`seed.link.keys.undated_anchor_keys` and `anchor_actors`, stored per dated source): the dated
sources holding one are read, and only those. A (word, weekday) bucket of more than
`MAX_BUCKET` stored articles is skipped by inference anyway: it is counted through the index,
not read. When the first round leaves the article wide, the second round would weigh stored
undated articles as the first round left them, which is not stored: the whole corpus is linked.
The article then dates others only as a dated one would (`seed.stored_undated`, checked with
its neighbourhood).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import anchor_keys as anchor_rows
from db.repositories import extractions as extraction_rows
from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.link import word_anchors
from seed.link.keys import undated_anchor_keys
from seed.link.undated import dated_by
from seed.stored_extractions import load

log = logging.getLogger(__name__)


async def date_fresh(
    session: AsyncSession, undated: ArticleExtraction, registry: Registry, version: str
) -> ArticleExtraction | None:
    """`undated` read against the publication the stored dated articles give it; None when
    the whole corpus must be linked (see the module's docstring)."""
    if await anchor_rows.unrecorded(session):
        log.info("a stored source has no anchor keys: the undated article links the corpus")
        return None
    keys = undated_anchor_keys(undated, registry)
    buckets = {k: b for k in keys if (b := word_anchors.word_bucket(k)) is not None}
    counted = await anchor_rows.counts(session, sorted(buckets))
    crowded = {key for key, n in counted.items() if n > word_anchors.MAX_BUCKET}
    sources = await anchor_rows.sources_holding(session, sorted(keys - crowded))
    payloads = await extraction_rows.load(session, source_ids=sources, version=version)
    if len(payloads) < len(sources):
        return None  # (a reading of another version, or one replaced meanwhile)
    actors = sorted({key for cand in undated.candidates for key, _ in cand.actors})
    persons = await anchor_rows.persons_among(session, actors)
    log.info("undated article: %d keys, %d dated sources read", len(keys), len(sources))
    # Decoding and matching the anchors is pure Python: off the event loop.
    return await asyncio.to_thread(
        lambda: dated_by(
            undated,
            [load(payload) for payload in payloads.values()],
            registry,
            persons=persons,
            crowded={buckets[key] for key in crowded},
            today=date.today(),
        )
    )
