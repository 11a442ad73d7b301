"""Fixtures of the curation tests: API keys and hand-built timeline rows in the rolled-back
session."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from curation.support import Key, make_key
from db.models import Actor, ActorAlias, Event, EventActor, Pledge, PledgeActor


@pytest.fixture
async def writer(session: AsyncSession) -> Key:
    return await make_key(session, "write", name="editor")


@pytest.fixture
async def admin(session: AsyncSession) -> Key:
    return await make_key(session, "admin", name="admin")


# Fixtures hand out ids, not ORM rows: a request that fails rolls the session back, which
# expires loaded rows, and reading an expired attribute outside the request would do IO.
@pytest.fixture
async def event(session: AsyncSession) -> uuid.UUID:
    row = Event(
        id=uuid.uuid4(),
        title="Joint Military Commission meets in Geneva",
        summary="The 5+5 JMC met.",
        type="political",
        date_start=date(2021, 10, 6),
        date_end=date(2021, 10, 6),
        date_precision="day",
        location="Geneva",
    )
    session.add(row)
    await session.commit()
    return row.id


@pytest.fixture
async def pledge(session: AsyncSession) -> uuid.UUID:
    row = Pledge(
        id=uuid.uuid4(),
        text="Foreign fighters will leave Libya within 90 days.",
        made_start=date(2020, 10, 23),
        made_end=date(2020, 10, 23),
        made_precision="day",
        status="not_yet_rated",
    )
    session.add(row)
    await session.commit()
    return row.id


@dataclass(frozen=True)
class Actors:
    curated: uuid.UUID
    duplicate: uuid.UUID


@pytest.fixture
async def actors(session: AsyncSession, event: uuid.UUID, pledge: uuid.UUID) -> Actors:
    """A curated actor and a discovered duplicate of it, both linked to the same event."""
    curated = Actor(id=uuid.uuid4(), key="test-lna", name="Test LNA", type="armed_group")
    duplicate = Actor(
        id=uuid.uuid4(), key="test-lna-dup", name="Test L.N.A.", type="armed_group", discovered=True
    )
    session.add_all([curated, duplicate])
    await session.flush()
    session.add_all(
        [
            ActorAlias(actor_id=curated.id, alias="Test LNA", alias_norm="test lna"),
            ActorAlias(actor_id=duplicate.id, alias="Test LNA", alias_norm="test lna"),
            ActorAlias(actor_id=duplicate.id, alias="Test L.N.A.", alias_norm="test l n a"),
            EventActor(event_id=event, actor_id=curated.id, role="participant"),
            EventActor(event_id=event, actor_id=duplicate.id, role="participant"),
            EventActor(event_id=event, actor_id=duplicate.id, role="speaker"),
            PledgeActor(pledge_id=pledge, actor_id=duplicate.id, role="pledger"),
        ]
    )
    await session.commit()
    return Actors(curated.id, duplicate.id)
