"""A new copy of stored articles joins their group of copies, found through the stored copy
samples (`seed.fresh_copies`), and is linked with its neighbourhood: it stores what linking the
whole corpus stores, down to every quote's origins and every mention's label."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.models import Source, SourceSketch
from seed.extract.types import RawArticle
from seed.pipeline import expand_paths, ingest, read_articles
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS, _timeline
from tests.seed.test_near_duplicates import _mention_origins

# Written for these tests: a wire story, and another story of its own.
TALKS = (
    "The Joint Military Commission met in Sirte on Tuesday and agreed to open the coastal road "
    "between Misrata and Sirte within two weeks, the United Nations mission said.\n\n"
    "Delegates of both sides also agreed that foreign fighters and mercenaries would start "
    "leaving the front lines, although no date was set for their departure.\n\n"
    "The talks followed a first meeting of the commission in Geneva in February, where "
    "officials of both sides had exchanged lists of detainees."
)
HARBOUR = (
    "Fishermen in Zuwara said on Thursday that the winter storms had kept most boats ashore for "
    "weeks, and that the price of diesel for their engines had risen again this month.\n\n"
    "Traders at the harbour complained that deliveries of flour and cooking oil arrived late, "
    "because lorries waited for hours at the checkpoints on the coastal road."
)


def _article(name: str, text: str, day: int | None) -> RawArticle:
    return RawArticle(
        file_name=f"{name}.txt",
        text=f"{name.title()}\n\n{text}\n",
        published=date(2021, 3, day) if day is not None else None,
    )


# The wire story as it ran first; reprinted under another opening, in one paragraph fewer.
WIRE = _article("wire", TALKS, 10)
REPRINTED = "Libya's rival forces made progress this week. " + TALKS.replace(
    ".\n\nDelegates", ". Delegates"
)
REPRINT = _article("reprint", REPRINTED, 11)
# Its normalised text sorts before the others': the stored group takes its name.
EARLIER = _article("earlier", "A commission of both sides reported progress. " + TALKS, 12)
# Half of another story and a few words of the wire's: no copy (though it shares a sample).
PART = _article("part", HARBOUR + "\n\n" + TALKS.split("\n\n")[2], 12)
BOTH = _article("both", TALKS + "\n\n" + HARBOUR, 12)


async def _stored(session: AsyncSession) -> tuple[object, ...]:
    """What linking stored: the timeline, every mention's label, every source's quote origins
    and publication (with why: a copy dates an undated one)."""
    published = await session.execute(
        select(Source.slug, Source.published_precision, Source.published_reason)
    )
    sketches = await session.execute(
        select(Source.slug, SourceSketch.spans, SourceSketch.origins).join(
            Source, Source.id == SourceSketch.source_id
        )
    )
    return (
        await _timeline(session),
        await _mention_origins(session),
        sorted((slug, list(spans), list(origins)) for slug, spans, origins in sketches.tuples()),
        sorted(published.tuples()),
    )


@pytest.mark.parametrize(
    ("stored", "new", "log"),
    [
        # A copy of one stored article that copied none: both take the group's name.
        ([WIRE], REPRINT, "1 stored articles"),
        # A copy of a stored group whose name it takes.
        ([WIRE, REPRINT], EARLIER, "2 stored articles"),
        # An undated copy of a dated stored article: dated by it, then as above.
        ([WIRE], _article("reprint", REPRINTED, None), "1 stored articles"),
        # Some of the wire's words beside its own: a copy of nothing.
        ([WIRE], PART, None),
        # A copy of two stored articles that are no copies of each other.
        ([WIRE, _article("harbour", HARBOUR, 10)], BOTH, "not copies of each other"),
        # A copy of a stored article dated by inference (copies date it).
        ([_article("wire", TALKS, None)], REPRINT, "dated by inference"),
    ],
)
async def test_a_new_copy_stores_what_linking_the_corpus_stores(
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
    stored: list[RawArticle],
    new: RawArticle,
    log: str | None,
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, *stored, new])
        bulk = await _stored(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, *stored])
        with caplog.at_level(logging.INFO, logger="seed.fresh_copies"):
            report = await ingest(session, [new])
        one_by_one = await _stored(session)
    assert one_by_one == bulk
    lines = [r.getMessage() for r in caplog.records if r.name == "seed.fresh_copies"]
    if log is None:
        assert (report.linked, lines) == ("neighbourhood", [])
    elif log.endswith("stored articles"):
        assert report.linked == "neighbourhood"
        assert len(lines) == 1
        expected = f"copy group copy:[0-9a-f]{{16}}: {log}, 0 mentions relabelled"
        assert re.fullmatch(expected, lines[0])
    else:
        assert report.linked == "corpus"
        assert len(lines) == 1 and log in lines[0]
