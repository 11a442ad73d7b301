"""Reading articles in worker processes gives what reading them in one process gives."""

from __future__ import annotations

import gc

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import Event
from seed.pipeline import expand_paths, ingest, read_articles
from seed.workers import YOUNG_COLLECTED, make_pool, settle_collector
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS, _timeline


async def test_two_workers_store_what_one_stores(engine: AsyncEngine) -> None:
    articles, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, articles)
        alone = await _timeline(session)
        ids = sorted((await session.scalars(select(Event.id))).all())
    pool = make_pool(2)
    try:
        async with rolled_back_session(engine) as session:
            await ingest(session, articles, pool=pool)
            pooled = await _timeline(session)
            pooled_ids = sorted((await session.scalars(select(Event.id))).all())
        # A batch run reads in the workers and links in its own process.
        async with rolled_back_session(engine) as session:
            await ingest(session, articles, pool=pool, link_in_pool=False)
            linked_here = await _timeline(session)
            linked_here_ids = sorted((await session.scalars(select(Event.id))).all())
    finally:
        pool.shutdown()
    assert len(ids) == 22
    assert (pooled, pooled_ids) == (alone, ids)
    assert (linked_here, linked_here_ids) == (alone, ids)


def test_a_settled_process_freezes_what_it_holds_and_collects_young_objects_in_bulk() -> None:
    before = gc.get_threshold()
    try:
        gc.unfreeze()
        settle_collector()

        assert gc.get_threshold() == (YOUNG_COLLECTED, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
