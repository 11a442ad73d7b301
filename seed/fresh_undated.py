"""A new undated article dated from the stored articles that may anchor it, so that it is
linked with its neighbourhood like a dated one (`seed.incremental`) instead of with the whole
corpus.

Linking the corpus dates undated articles in two rounds (`seed.link.timeline`): first from
the articles that state their publication; then those left wide again, from every article as
the first round left it (the undated ones too, and their own first reading). Every happening
a round may weigh for an article shares one of its keys (`seed.link.keys.undated_anchor_keys`
and `anchor_actors`, stored per source, of the reading the second round weighs): the sources
holding one are read, and only those. A (word, weekday) bucket of more than `MAX_BUCKET`
articles is skipped by inference anyway: it is counted through the index, not read.

The new article, as the first round left it, is one of the second round's anchors: a stored
undated article that round dates again (the first left it wide) and that it may anchor is
dated again the same way, with it; if its publication would move, the whole corpus is linked.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import anchor_keys as anchor_rows
from db.repositories import extractions as extraction_rows
from db.repositories import link_keys as keys_repo
from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.extract.types import DateInterval
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


@dataclass(slots=True)
class _Rounds:
    """One round of inference for an undated article from what is stored, with the readings
    read so far (one article's rounds and the stored ones it dates again share them)."""

    session: AsyncSession
    registry: Registry
    version: str
    today: date = field(default_factory=date.today)
    read: dict[tuple[uuid.UUID, bool], ArticleExtraction] = field(default_factory=dict)
    # The dated stored copies of the undated articles, by name (`seed.fresh_copies`).
    copied: Mapping[str, Sequence[tuple[str, DateInterval]]] = field(default_factory=dict)

    async def infer(
        self,
        undated: Sequence[ArticleExtraction],
        *,
        stated: bool,
        also: Sequence[ArticleExtraction] = (),
    ) -> list[ArticleExtraction] | None:
        """The `undated` articles read against the publication the first round (`stated`:
        from the articles stating theirs) or the second gives them, `also` being the anchors of
        that round that are not stored; None when a reading is of another version."""
        keys = set().union(*(undated_anchor_keys(x, self.registry) for x in undated))
        buckets = {k: b for k in keys if (b := word_anchors.word_bucket(k)) is not None}
        counted = await anchor_rows.counts(self.session, sorted(buckets), stated=stated)
        # (what the anchors not stored add to a bucket: their own files)
        own = set().union(*(anchor_actors(x, self.registry) for x in also))
        crowded = {k for k, n in counted.items() if n + (k in own) > word_anchors.MAX_BUCKET}
        sources = await anchor_rows.sources_holding(
            self.session, sorted(keys - crowded), stated=stated
        )
        wanted = [s for s in sources if (s, stated) not in self.read]
        payloads = await keys_repo.readings(
            self.session, wanted, self.version, second_round=not stated
        )
        if len(payloads) < len(wanted):
            return None  # (a reading of another version, or one replaced meanwhile)
        actors = {key for x in undated for cand in x.candidates for key, _ in cand.actors}
        persons = await anchor_rows.persons_among(self.session, sorted(actors))
        log.info("%d undated: %d keys, %d sources read", len(undated), len(keys), len(sources))

        def infer() -> list[ArticleExtraction]:
            for source, (_, payload) in payloads.items():
                self.read[(source, stated)] = load(payload)
            return dated_by(
                undated,
                [*(self.read[(s, stated)] for s in sources), *also],
                self.registry,
                persons=persons,
                crowded={buckets[k] for k in crowded},
                today=self.today,
                copied=self.copied,
            )

        # Decoding and matching the anchors is pure Python: off the event loop.
        return await asyncio.to_thread(infer)


async def date_fresh(
    session: AsyncSession,
    undated: ArticleExtraction,
    registry: Registry,
    version: str,
    copied: Sequence[tuple[str, DateInterval]] = (),
) -> FreshDating | None:
    """`undated` read against the publication the stored articles give it (`copied`: the
    dated stored articles it copies, by file name, with their publications); None when the
    whole corpus must be linked (anchor keys not stored yet, or readings of another
    version)."""
    if await anchor_rows.unrecorded(session):
        log.info("a stored source has no anchor keys: the undated article links the corpus")
        return None
    rounds = _Rounds(session, registry, version, copied={undated.file_name: copied})
    firsts = await rounds.infer([undated], stated=True)
    if firsts is None:
        return None
    (first,) = firsts
    if not is_wide(first.publication):
        return FreshDating(first, first)
    finals = await rounds.infer([undated], stated=False, also=[first])
    return None if finals is None else FreshDating(finals[0], first)


async def redates_stored(
    session: AsyncSession,
    anchor: ArticleExtraction,
    weighed: Sequence[uuid.UUID],
    registry: Registry,
    version: str,
    *,
    stated: bool = False,
) -> bool:
    """Whether a new article moves the publication of one of the stored undated sources its
    happenings may anchor (`weighed`: `seed.stored_undated.weighed_stored`). A new undated one
    (`anchor`: as the first round left it) is an anchor of the second round only: the sources
    are those the first round left wide, dated again by that round. One stating its
    publication (`stated`) anchors both rounds: each source's first round is run again with
    it; when that leaves every one as it was, the second round, for those the first leaves
    wide."""
    provisional = await extraction_rows.load(session, source_ids=weighed, version=version)
    final = await keys_repo.readings(session, weighed, version)
    first = await keys_repo.readings(session, weighed, version, second_round=True)
    if any(len(found) < len(weighed) for found in (provisional, final, first)):
        return True  # (a reading of another version, or one replaced meanwhile)
    readings = {source: load(provisional[source]) for source in sorted(weighed)}
    pending = sorted(weighed)
    rounds = _Rounds(session, registry, version)
    for round_stated in (True, False) if stated else (False,):
        if not pending:
            return False
        again = await rounds.infer(
            [readings[s] for s in pending], stated=round_stated, also=[anchor]
        )
        if again is None:
            return True
        # (the first round as stored: the reading after it, the final one if not left wide)
        before = {s: load((first if round_stated else final)[s][1]).publication for s in pending}
        moved = [s for s, x in zip(pending, again, strict=True) if x.publication != before[s]]
        log.info(
            "%d stored undated articles dated again with it: %d moved", len(pending), len(moved)
        )
        if moved:
            return True
        pending = [s for s in pending if is_wide(before[s])]
    return False
