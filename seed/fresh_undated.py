"""A new undated article dated from the stored articles that may anchor it, so that it is
linked with its neighbourhood like a dated one (`seed.incremental`) instead of with the whole
corpus.

Linking the corpus dates undated articles in two rounds (`seed.link.timeline`): first from
the articles that state their publication; then those left wide again, from every article as
the first round left it (the undated ones too, and their own first reading). Every happening
a round may weigh for the new article shares one of its keys
(`seed.link.keys.undated_anchor_keys` and `anchor_actors`, stored per source with its final
reading): the sources holding one are read, and only those. A (word, weekday) bucket of more
than `MAX_BUCKET` articles is skipped by inference anyway: it is counted through the index,
not read. The second round reads a stored undated article as the first round left it, which is
its final reading unless the first round left it wide too (`first_round_wide`, stored): when
such an article holds one of the new article's keys, the whole corpus is linked.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import anchor_keys as anchor_rows
from db.repositories import link_keys as keys_repo
from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.link import word_anchors
from seed.link.keys import anchor_actors, undated_anchor_keys
from seed.link.undated import dated_by, is_wide
from seed.stored_extractions import load

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FreshDating:
    """A new undated article's final reading, and its reading after the first round (what
    the second round weighs it as for the others)."""

    reading: ArticleExtraction
    first: ArticleExtraction

    @property
    def first_round_wide(self) -> bool:
        return is_wide(self.first.publication)


async def date_fresh(
    session: AsyncSession, undated: ArticleExtraction, registry: Registry, version: str
) -> FreshDating | None:
    """`undated` read against the publication the stored articles give it; None when the
    whole corpus must be linked (see the module's docstring)."""
    if await anchor_rows.unrecorded(session):
        log.info("a stored source has no anchor keys: the undated article links the corpus")
        return None
    keys = undated_anchor_keys(undated, registry)
    actors = sorted({key for cand in undated.candidates for key, _ in cand.actors})
    persons = await anchor_rows.persons_among(session, actors)
    today = date.today()

    async def one_round(stated: bool, *also: ArticleExtraction) -> ArticleExtraction | None:
        buckets = {k: b for k in keys if (b := word_anchors.word_bucket(k)) is not None}
        counted = await anchor_rows.counts(session, sorted(buckets), stated=stated)
        # (what the first reading of the article itself adds to a bucket: its own file)
        own = set().union(*(anchor_actors(x, registry) for x in also))
        crowded = {
            buckets[k] for k, n in counted.items() if n + (k in own) > word_anchors.MAX_BUCKET
        }
        sources = await anchor_rows.sources_holding(
            session, sorted(keys - {k for k in buckets if buckets[k] in crowded}), stated=stated
        )
        payloads = await keys_repo.readings(session, sources, version)
        if len(payloads) < len(sources):
            return None  # (a reading of another version, or one replaced meanwhile)
        log.info("undated article: %d keys, %d sources read", len(keys), len(sources))
        # Decoding and matching the anchors is pure Python: off the event loop.
        return await asyncio.to_thread(
            lambda: dated_by(
                undated,
                [*(load(payload) for _, payload in payloads.values()), *also],
                registry,
                persons=persons,
                crowded=crowded,
                today=today,
            )
        )

    first = await one_round(True)
    if first is None:
        return None
    if not is_wide(first.publication):
        return FreshDating(first, first)
    if await anchor_rows.first_round_wide_holding(session, sorted(keys)):
        log.info("a stored undated article the first round left wide shares a key")
        return None
    final = await one_round(False, first)
    return None if final is None else FreshDating(final, first)
