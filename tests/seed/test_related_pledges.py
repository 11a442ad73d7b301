"""The stored pledges a new pledge shares a stored group of paragraphs with
(`seed.related_pledges`)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import Mention, Pledge, Source
from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.near_duplicates import fresh_origins
from seed.pipeline import expand_paths, ingest, read_articles
from seed.related_pledges import pledges_in_joined_groups
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS
from tests.seed.test_incremental import OWN_PLEDGE_BESIDE_REPRINT, REPRINTED_PLEDGE


@pytest.mark.parametrize(
    ("article", "stored"),
    [(OWN_PLEDGE_BESIDE_REPRINT, []), (REPRINTED_PLEDGE, ["000-66f45b7b9eeb0478"])],
)
async def test_the_stored_pledges_of_a_paragraph_a_new_pledge_reprints_are_found(
    engine: AsyncEngine, article: RawArticle, stored: list[str]
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        reading = extract_article(article, load_registry())
        joined: dict[str, set[uuid.UUID]] = {}
        origins = await fresh_origins(session, [reading], joined)
        assert origins is not None
        found = await pledges_in_joined_groups(session, [reading], origins, joined)
        quoted = await session.execute(
            select(Pledge.id, Pledge.event_id)
            .join(Mention, Mention.pledge_id == Pledge.id)
            .join(Source, Source.id == Mention.source_id)
            .where(Source.slug.in_(stored), Mention.quote.contains("withdrawn within three"))
        )
        assert found == dict(quoted.tuples().all())
        assert len(found) == len(stored)
