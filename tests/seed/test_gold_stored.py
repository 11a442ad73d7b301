"""The corpus as stored in PostgreSQL by the pipeline, scored against the gold reading.

The in-memory extraction is scored in tests/seed/extract/test_gold.py; this reads the same
facts back from the database, so that storage (id reuse, merging, mentions) loses nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    Mention,
    Pledge,
    PledgeActor,
    Source,
)
from tests.seed.gold_scoring import (
    assert_meets_the_bars,
    corpus_texts,
    load_gold,
    prefix,
    score,
)


async def _stored(session: AsyncSession) -> dict[str, list[dict[str, Any]]]:
    names = dict((await session.execute(select(Actor.id, Actor.name))).tuples().all())
    files = dict((await session.execute(select(Source.id, Source.file_name))).tuples().all())
    mentions: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for m in (await session.scalars(select(Mention))).all():
        target = m.event_id or m.pledge_id
        mentions[target].append(
            {
                "file_name": files[m.source_id],
                "quote": m.quote,
                "char_start": m.char_start,
                "char_end": m.char_end,
            }
        )
    event_actors: dict[Any, list[str]] = defaultdict(list)
    for event_id, actor_id in (
        await session.execute(select(EventActor.event_id, EventActor.actor_id))
    ).tuples():
        event_actors[event_id].append(names[actor_id])
    pledge_actors: dict[Any, list[str]] = defaultdict(list)
    for pledge_id, actor_id in (
        await session.execute(select(PledgeActor.pledge_id, PledgeActor.actor_id))
    ).tuples():
        pledge_actors[pledge_id].append(names[actor_id])
    aliases: dict[Any, list[str]] = defaultdict(list)
    for actor_id, alias in (
        await session.execute(select(ActorAlias.actor_id, ActorAlias.alias))
    ).tuples():
        aliases[actor_id].append(alias)
    events = (await session.scalars(select(Event).where(Event.deleted_at.is_(None)))).all()
    pledges = (await session.scalars(select(Pledge))).all()
    actors = (await session.scalars(select(Actor))).all()
    sources = (await session.scalars(select(Source))).all()
    return {
        "events": [
            {
                "title": e.title,
                "date_start": e.date_start,
                "date_end": e.date_end,
                "type": e.type,
                "actors": event_actors[e.id],
                "mentions": mentions[e.id],
            }
            for e in events
        ],
        "pledges": [
            {
                "made_start": p.made_start,
                "made_end": p.made_end,
                "quantity": p.quantity,
                "actors": pledge_actors[p.id],
                "mentions": mentions[p.id],
            }
            for p in pledges
        ],
        "actors": [{"name": a.name, "type": a.type, "aliases": aliases[a.id]} for a in actors],
        "sources": [
            {
                "file_name": s.file_name,
                "published_start": s.published_start,
                "published_end": s.published_end,
            }
            for s in sources
        ],
    }


async def test_the_stored_corpus_meets_the_gold_bars(corpus_session: AsyncSession) -> None:
    data = await _stored(corpus_session)
    assert sorted(prefix(s["file_name"]) for s in data["sources"]) == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]
    assert_meets_the_bars(score(load_gold(), texts=corpus_texts(), **data))
