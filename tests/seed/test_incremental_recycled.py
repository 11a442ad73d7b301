"""Incremental linking finds the stored tellings a yearless background day may take its year
from (seed.link.recycled_years): those of the same month and day in an earlier year."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine

from seed.extract.types import RawArticle
from seed.pipeline import ingest
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import _timeline

# Written for this test: a telling of a summit with its year, and a later article repeating
# it as background with a day and no year.
WITH_YEAR = RawArticle(
    file_name="summit-year.txt",
    text="Trade talks\n\nIn 2019, Egypt and Tunisia held a summit on customs posts, desert "
    "trade routes and grain convoys.\n",
    published=date(2022, 5, 3),
)
YEARLESS = RawArticle(
    file_name="summit-day.txt",
    text="Convoys resume\n\nGrain convoys crossed into Tunisia on Thursday after a pause of "
    "several weeks.\n\nOn September 12, Egypt and Tunisia held a summit in Cairo about customs "
    "posts, desert trade routes and grain convoys.\n",
    published=date(2022, 2, 24),
)


async def _linked(engine: AsyncEngine, one_by_one: bool) -> tuple[list[str], dict[str, object]]:
    async with rolled_back_session(engine) as session:
        if one_by_one:
            await ingest(session, [WITH_YEAR])
            linked = (await ingest(session, [YEARLESS])).linked
        else:
            linked = (await ingest(session, [WITH_YEAR, YEARLESS])).linked
        timeline = await _timeline(session)
    return [linked], timeline


async def test_a_yearless_day_posted_later_takes_the_year_of_a_stored_telling(
    engine: AsyncEngine,
) -> None:
    bulk_linked, bulk = await _linked(engine, one_by_one=False)
    linked, one_by_one = await _linked(engine, one_by_one=True)
    assert bulk_linked == ["corpus"]
    assert linked == ["neighbourhood"]
    assert one_by_one == bulk
    events = bulk["events"]
    assert isinstance(events, list)
    summit = [e for e in events if e[2] == "meeting"]
    # One event, on the day of the year the telling with its year gives.
    assert [(e[3], e[4], e[5], e[8]) for e in summit] == [
        (
            date(2019, 9, 12),
            date(2019, 9, 12),
            "day",
            [("summit-day", 96, 213), ("summit-year", 13, 110)],
        )
    ]


async def test_a_telling_with_its_year_posted_later_moves_a_stored_yearless_day(
    engine: AsyncEngine,
) -> None:
    async with rolled_back_session(engine) as session:
        await ingest(session, [YEARLESS])
        linked = (await ingest(session, [WITH_YEAR])).linked
        one_by_one = await _timeline(session)
    _, bulk = await _linked(engine, one_by_one=False)
    assert linked == "neighbourhood"
    assert one_by_one == bulk
