"""Whether new dated articles may date stored undated ones (seed.stored_undated), on the
readings stored, kept per process by source, text and extractor version."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.models import Source
from seed import stored_undated
from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.registry import Registry, load_registry
from seed.pipeline import ingest
from seed.stored_extractions import extractor_version
from tests.conftest import rolled_back_session
from tests.seed.test_incremental import KUBIS_DATED, KUBIS_UNDATED, LEAD_DATED, LEAD_UNDATED


async def _may_date(
    session: AsyncSession,
    fresh: list[ArticleExtraction],
    undated: list[uuid.UUID],
    registry: Registry,
    version: str,
) -> bool:
    """Whether the fresh articles may date one of the stored `undated` sources (or one has no
    reading of `version`)."""
    found = await stored_undated.weighed_stored(session, fresh, undated, registry, version)
    return found is None or bool(found)


async def test_a_dated_article_may_date_a_stored_undated_one_only_by_what_it_anchors(
    engine: AsyncEngine,
) -> None:
    registry = load_registry()
    version = extractor_version(registry)
    async with rolled_back_session(engine) as session:
        await ingest(session, [KUBIS_UNDATED, LEAD_UNDATED])
        ids = dict((await session.execute(select(Source.file_name, Source.id))).tuples().all())
        answers = []
        for _ in range(2):  # the second time from what the first kept
            for dated, undated in [(KUBIS_DATED, KUBIS_UNDATED), (LEAD_DATED, LEAD_UNDATED)]:
                fresh = [extract_article(dated, registry)]
                stored = [ids[undated.file_name]]
                answers.append(await _may_date(session, fresh, stored, registry, version))
        sha = dict((await session.execute(select(Source.id, Source.sha256))).tuples().all())
    assert answers == [False, True, False, True]
    for name in (KUBIS_UNDATED.file_name, LEAD_UNDATED.file_name):
        assert (ids[name], sha[ids[name]], version) in stored_undated._kept


async def test_a_stored_undated_article_without_a_reading_of_this_version_may_be_dated(
    engine: AsyncEngine,
) -> None:
    registry = load_registry()
    async with rolled_back_session(engine) as session:
        await ingest(session, [KUBIS_UNDATED])
        source = await session.scalar(select(Source.id))
        assert source is not None
        fresh = [extract_article(KUBIS_DATED, registry)]
        other = await _may_date(session, fresh, [source], registry, "v0")
        same = await _may_date(session, fresh, [source], registry, extractor_version(registry))
    assert (other, same) == (True, False)
