"""`?actor=` resolution is remembered per worker only while a change listener keeps it fresh."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.actor_lookup import ActorLookup
from api.app import create_app
from api.errors import NotFound
from api.settings import Settings
from db.models import ActorAlias
from db.repositories.changes import notify_change
from tests.api.fixtures_timeline import StoredTimeline


def _always() -> bool:
    return True


async def _drop_alias(session: AsyncSession, alias_norm: str) -> None:
    await session.execute(delete(ActorAlias).where(ActorAlias.alias_norm == alias_norm))


async def test_a_fresh_lookup_answers_repeats_from_memory_until_cleared(
    session: AsyncSession, timeline: StoredTimeline
) -> None:
    lookup = ActorLookup()
    lookup.fresh = _always
    haftar = (timeline.actors["khalifa-haftar"],)
    assert await lookup.resolve(session, "Hifter") == haftar
    await _drop_alias(session, "hifter")
    # Changed behind its back (no notification): the remembered answer stands.
    assert await lookup.resolve(session, "Hifter") == haftar
    lookup.clear()
    with pytest.raises(NotFound, match="No actor is called or identified by 'Hifter'"):
        await lookup.resolve(session, "Hifter")


async def test_without_a_listener_every_lookup_reads_the_database(
    session: AsyncSession, timeline: StoredTimeline
) -> None:
    lookup = ActorLookup()
    assert await lookup.resolve(session, "Hifter") == (timeline.actors["khalifa-haftar"],)
    await _drop_alias(session, "hifter")
    with pytest.raises(NotFound):
        await lookup.resolve(session, "Hifter")
    assert len(lookup.memo) == 0


async def test_unknown_names_are_not_remembered(session: AsyncSession) -> None:
    lookup = ActorLookup()
    lookup.fresh = _always
    with pytest.raises(NotFound):
        await lookup.resolve(session, "nobody")
    assert len(lookup.memo) == 0


async def _wait(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - polls state owned by the listener task
            await asyncio.sleep(0.02)


async def test_the_app_keeps_its_lookup_fresh_with_the_change_listener(
    database_url: str, engine: AsyncEngine
) -> None:
    app = create_app(Settings(database_url=database_url, response_cache=False, db_pool_size=2))
    lookup: ActorLookup = app.state.actor_lookup
    assert lookup.fresh() is False
    async with app.router.lifespan_context(app):
        await _wait(lookup.fresh)
        lookup.memo.put("Hifter", (), lookup.memo.generation)
        async with AsyncSession(engine) as writer:
            await notify_change(writer)
            await writer.commit()
        await _wait(lambda: len(lookup.memo) == 0)
    assert lookup.fresh() is False
