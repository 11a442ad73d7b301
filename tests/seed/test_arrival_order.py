"""Readers never see arrival order: the sample corpus ingested one article at a time, in
several orders, stores the same timeline as one bulk ingest: the same events and pledges with
the same ids, dates, titles, counts and quotes, and the same publication intervals."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.settings import PROJECT_ROOT
from db.models import Event, Mention, Pledge, PledgeEvidence, Source
from seed.pipeline import expand_paths, ingest, read_articles
from tests.conftest import rolled_back_session

CORPUS = PROJECT_ROOT / "seed" / "corpus"


_EVIDENCE = select(PledgeEvidence.pledge_id, PledgeEvidence.event_id, PledgeEvidence.relation)


async def _timeline(session: AsyncSession) -> dict[str, object]:
    """Every event and pledge with its id, dates, counts and quotes (by source slug), the
    evidence of each pledge and the publication of each source."""
    slug = {i: s for i, s in (await session.execute(select(Source.id, Source.slug))).tuples()}
    quotes: dict[object, list[tuple[str, int, int]]] = {}
    rows = await session.execute(
        select(
            Mention.event_id,
            Mention.pledge_id,
            Mention.source_id,
            Mention.char_start,
            Mention.char_end,
        )
    )
    for event_id, pledge_id, source, start, end in rows.tuples():
        quotes.setdefault(event_id or pledge_id, []).append((slug[source], start, end))
    events = await session.execute(
        select(
            Event.id,
            Event.title,
            Event.type,
            Event.date_start,
            Event.date_end,
            Event.date_precision,
            Event.source_count,
            Event.independent_source_count,
        ).order_by(Event.id)
    )
    pledges = await session.execute(
        select(
            Pledge.id,
            Pledge.text,
            Pledge.made_start,
            Pledge.made_end,
            Pledge.status,
            Pledge.event_id,
        ).order_by(Pledge.id)
    )
    return {
        "events": sorted((*row, sorted(quotes[row[0]])) for row in events.tuples()),
        "pledges": sorted((*row, sorted(quotes[row[0]])) for row in pledges.tuples()),
        "evidence": sorted((await session.execute(_EVIDENCE)).tuples()),
        "published": sorted(
            (
                await session.execute(
                    select(Source.slug, Source.published_start, Source.published_end)
                )
            ).tuples()
        ),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_one_article_at_a_time_in_any_order_gives_the_bulk_timeline(
    engine: AsyncEngine, seed: int
) -> None:
    articles, problems = read_articles(expand_paths([CORPUS]))
    assert problems == []
    async with rolled_back_session(engine) as session:
        await ingest(session, articles)
        bulk = await _timeline(session)
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    async with rolled_back_session(engine) as session:
        for article in shuffled:
            await ingest(session, [article])
        one_by_one = await _timeline(session)
    assert len(bulk["events"]) == 22
    assert one_by_one == bulk
