"""A new article with a paragraph like a stored one is linked against its neighbourhood, the
near-duplicate group taken from the stored sketch buckets (`seed.near_duplicates`), and
stores what linking the whole corpus stores."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.ids import source_id
from db.models import Mention, Source, SourceSketch
from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.origins import origin_id, text_key
from seed.names import slugify
from seed.near_duplicates import fresh_origins
from seed.origin_renames import Renames, renamed
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
# Its paragraph's sorts before: the group takes its name, renamed in place in every stored
# quote and mention of it.
EARLIER = _article("wire-earlier", 12, 10)


@pytest.mark.parametrize("new", [LATER, EARLIER])
async def test_a_near_duplicate_posted_alone_stores_what_linking_the_corpus_stores(
    engine: AsyncEngine, new: RawArticle
) -> None:
    corpus, problems = read_articles(expand_paths([CORPUS]))
    assert problems == []
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, FIRST, new])
        bulk = await _timeline(session)
        bulk_origins = await _origins(session, new)
        bulk_labels = await _mention_origins(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, FIRST])
        report = await ingest(session, [new])
        one_by_one = await _timeline(session)
        assert await _origins(session, new) == bulk_origins
        assert await _mention_origins(session) == bulk_labels
    assert report.linked == "neighbourhood"
    assert one_by_one == bulk
    wire = {slugify(FIRST.file_name), slugify(new.file_name)}
    told = [e for e in bulk["events"] if wire <= {q[0] for q in e[-1]}]  # type: ignore[union-attr]
    # The two wire copies count as one independent source of each event they tell.
    assert [(e[6], e[7]) for e in told] == [(3, 2), (5, 4)]


async def _mention_origins(session: AsyncSession) -> list[tuple[str, int, int, str]]:
    """Every mention's source slug, offsets and origin (its independent-source label)."""
    rows = await session.execute(
        select(Source.slug, Mention.char_start, Mention.char_end, Mention.origin).join(
            Source, Source.id == Mention.source_id
        )
    )
    return sorted(rows.tuples())


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
        earlier = extract_article(EARLIER, registry)
        without = await fresh_origins(session, [earlier])
        renames = Renames()
        taken = await fresh_origins(session, [earlier], renames=renames)
    assert found is not None
    assert sorted(set(found[LATER.file_name].values())) == sorted(
        {tuple(o.split()) for o in stored}
    )
    # Without somewhere to put the renamed ids, the whole corpus is linked.
    assert without is None
    assert taken is not None
    (wire,) = {o for o in " ".join(stored).split() if o != f"{slugify(FIRST.file_name)}:0"}
    (new_id,) = {o for found in taken[EARLIER.file_name].values() for o in found}
    assert renames == Renames({wire: new_id}, {source_id(slugify(FIRST.file_name))})
    assert new_id == origin_id(text_key(_WIRE.format(12)))


def _told(name: str, paragraph: str) -> RawArticle:
    return RawArticle(
        file_name=f"{name}.txt", text=f"Registration\n\n{paragraph}\n", published=date(2021, 11, 9)
    )


# Written for this test: the first and last are alike to the middle one, not to each other.
_SAID = (
    "Election officials said on Monday that voter registration had opened at busy centres in "
    "Tripoli and Benghazi for the December vote, with long queues outside the offices."
)
_WATCHED = _SAID.replace("with long queues outside the offices", "and observers watched closely")
_TOLD = _SAID.replace("Election officials said", "Officials told reporters")


async def test_a_paragraph_joining_two_stored_groups_together_links_the_corpus(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    registry = load_registry()
    async with rolled_back_session(engine) as session:
        await ingest(session, [_told("watched", _WATCHED), _told("told", _TOLD)])
        assert len(set(await _mention_origins_of(session))) == 2
        with caplog.at_level(logging.INFO, logger="seed.near_duplicates"):
            found = await fresh_origins(
                session, [extract_article(_told("said", _SAID), registry)], renames=Renames()
            )
        report = await ingest(session, [_told("said", _SAID)])
        assert len(set(await _mention_origins_of(session))) == 1
    assert found is None
    assert [r.getMessage() for r in caplog.records] == [
        "linking the whole corpus: a paragraph joins stored near-duplicate groups together"
    ]
    assert report.linked == "corpus"


async def _mention_origins_of(session: AsyncSession) -> list[str]:
    return [origin for *_, origin in await _mention_origins(session)]


def test_a_rename_changes_only_the_renamed_ids_of_a_quote() -> None:
    ids = {"0a1b2c3d4e5f6a7b": "ffee00112233aabb"}
    assert renamed("0a1b2c3d4e5f6a7b c0ffee0000000000", ids) == "ffee00112233aabb c0ffee0000000000"
    assert renamed("c0ffee0000000000 wire.txt:120", ids) == "c0ffee0000000000 wire.txt:120"
    assert renamed("", ids) == ""
