"""A new article with a paragraph like a stored one is linked against its neighbourhood, the
near-duplicate group taken from the stored sketch buckets (`seed.near_duplicates`), and
stores what linking the whole corpus stores."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.ids import source_id
from db.models import SourceSketch
from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.names import slugify
from seed.near_duplicates import fresh_origins
from seed.pipeline import expand_paths, ingest, read_articles
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS, _timeline

# Written for these tests: one wire paragraph told three times, each with another count.
_WIRE = (
    "Election officials said on Monday that voter registration had opened at {} centres in "
    "Tripoli and Benghazi for the December vote, with long queues outside the offices."
)


def _article(name: str, centres: int, day: int) -> RawArticle:
    return RawArticle(
        file_name=f"{name}.txt",
        text=f"Registration opens\n\n{_WIRE.format(centres)}\n",
        published=date(2021, 11, day),
    )


FIRST = _article("wire-first", 57, 9)
# Its paragraph's normalised text sorts after the first's: it joins that group as named.
LATER = _article("wire-later", 91, 10)
# Its paragraph's sorts before: the group would take its name, every stored member changes.
EARLIER = _article("wire-earlier", 12, 10)


@pytest.mark.parametrize(("new", "linked"), [(LATER, "neighbourhood"), (EARLIER, "corpus")])
async def test_a_near_duplicate_posted_alone_stores_what_linking_the_corpus_stores(
    engine: AsyncEngine, new: RawArticle, linked: str
) -> None:
    corpus, problems = read_articles(expand_paths([CORPUS]))
    assert problems == []
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, FIRST, new])
        bulk = await _timeline(session)
        bulk_origins = await _origins(session, new)
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, FIRST])
        report = await ingest(session, [new])
        one_by_one = await _timeline(session)
        assert await _origins(session, new) == bulk_origins
    assert report.linked == linked
    assert one_by_one == bulk
    wire = {slugify(FIRST.file_name), slugify(new.file_name)}
    told = [e for e in bulk["events"] if wire <= {q[0] for q in e[-1]}]  # type: ignore[union-attr]
    # The two wire copies count as one independent source of each event they tell.
    assert [(e[6], e[7]) for e in told] == [(3, 2), (5, 4)]


async def _origins(session: object, article: RawArticle) -> dict[str, list[str]]:
    rows = await session.execute(  # type: ignore[attr-defined]
        select(SourceSketch.source_id, SourceSketch.origins).where(
            SourceSketch.source_id.in_(
                [source_id(slugify(FIRST.file_name)), source_id(slugify(article.file_name))]
            )
        )
    )
    return {str(s): list(o) for s, o in rows.tuples()}


async def test_the_neighbourhood_of_a_near_duplicate_holds_only_the_events_it_can_meet(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, FIRST])
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            await ingest(session, [LATER])
    lines = [r.getMessage() for r in caplog.records if r.name == "seed.incremental"]
    assert lines == [
        "neighbourhood: 2 events (2 changed), 0 pledges, 4 stored articles",
        "withdrawals stored as before: no other pledge re-rated",
    ]


async def test_a_joining_paragraph_takes_the_stored_group_id(engine: AsyncEngine) -> None:
    registry = load_registry()
    async with rolled_back_session(engine) as session:
        await ingest(session, [FIRST])
        stored = await session.scalar(
            select(SourceSketch.origins).where(
                SourceSketch.source_id == source_id(slugify(FIRST.file_name))
            )
        )
        found = await fresh_origins(session, [extract_article(LATER, registry)])
        renamed = await fresh_origins(session, [extract_article(EARLIER, registry)])
    assert found is not None
    assert sorted(set(found[LATER.file_name].values())) == sorted(
        {tuple(o.split()) for o in stored}
    )
    assert renamed is None
