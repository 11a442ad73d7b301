"""Editorial writes: edit events and pledges, soft-delete events, merge actors.

Every edit adds the field names to `edited_fields` (ingestion never overwrites them) and bumps
`version` (the ETag). Rows are read `FOR UPDATE` so concurrent editors serialise on the row and
the second one sees the first one's version.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    Pledge,
    PledgeActor,
    PledgeEvidence,
)
from db.repositories.timeline_sync import refresh_search


async def get_event(
    session: AsyncSession, *, event_id: uuid.UUID, for_update: bool = False
) -> Event | None:
    stmt = select(Event).where(Event.id == event_id).execution_options(populate_existing=True)
    if for_update:
        stmt = stmt.with_for_update()
    found: Event | None = await session.scalar(stmt)
    return found


async def get_pledge(
    session: AsyncSession, *, pledge_id: uuid.UUID, for_update: bool = False
) -> Pledge | None:
    stmt = select(Pledge).where(Pledge.id == pledge_id).execution_options(populate_existing=True)
    if for_update:
        stmt = stmt.with_for_update()
    found: Pledge | None = await session.scalar(stmt)
    return found


async def get_actor(
    session: AsyncSession, *, actor_id: uuid.UUID, for_update: bool = False
) -> Actor | None:
    stmt = select(Actor).where(Actor.id == actor_id).execution_options(populate_existing=True)
    if for_update:
        stmt = stmt.with_for_update()
    found: Actor | None = await session.scalar(stmt)
    return found


async def edit(session: AsyncSession, *, row: Event | Pledge, values: Mapping[str, Any]) -> None:
    """Set `values`, mark them editor-owned and bump the version."""
    for name, value in values.items():
        setattr(row, name, value)
    row.edited_fields = sorted(set(row.edited_fields) | set(values))
    row.version = row.version + 1
    await session.flush()
    await session.refresh(row, ["updated_at"])
    if isinstance(row, Event) and {"title", "summary"} & set(values):
        await refresh_search(session, [row.id])


async def soft_delete(session: AsyncSession, *, row: Event | Pledge) -> None:
    row.deleted_at = func.now()  # the database clock, as for created_at; read back below
    row.version = row.version + 1
    await session.flush()
    await session.refresh(row, ["deleted_at", "updated_at"])


async def add_evidence(
    session: AsyncSession, *, pledge_id: uuid.UUID, event_id: uuid.UUID, note: str | None
) -> None:
    """Attach an editor's evidence; an existing link to that event becomes an editor link, which
    ingestion keeps."""
    stmt = insert(PledgeEvidence).values(
        pledge_id=pledge_id, event_id=event_id, relation="editor", note=note
    )
    await session.execute(
        stmt.on_conflict_do_update(
            constraint="pk_pledge_evidence",
            set_={"relation": "editor", "note": stmt.excluded.note},
        )
    )


async def merge_actor(session: AsyncSession, *, actor: Actor, into: Actor) -> dict[str, int]:
    """Move `actor`'s event and pledge links and aliases onto `into`; keep the row, pointing at
    `into`. Links or aliases `into` already has are dropped rather than duplicated."""
    moved: dict[str, int] = {}
    for label, model, owner in (
        ("event_links", EventActor, EventActor.event_id),
        ("pledge_links", PledgeActor, PledgeActor.pledge_id),
    ):
        target = model.__table__.alias("target")
        duplicate = (
            select(target.c.actor_id)
            .where(
                target.c.actor_id == into.id,
                target.c[owner.key] == owner,
                target.c.role == model.role,
            )
            .exists()
        )
        result = await session.execute(
            update(model)
            .where(model.actor_id == actor.id, ~duplicate)
            .values(actor_id=into.id)
            .execution_options(synchronize_session=False)
        )
        moved[label] = result.rowcount  # type: ignore[attr-defined]
        await session.execute(delete(model).where(model.actor_id == actor.id))
    target_alias = ActorAlias.__table__.alias("target")
    result = await session.execute(
        update(ActorAlias)
        .where(
            ActorAlias.actor_id == actor.id,
            ~select(target_alias.c.id)
            .where(
                and_(
                    target_alias.c.actor_id == into.id,
                    target_alias.c.alias_norm == ActorAlias.alias_norm,
                )
            )
            .exists(),
        )
        .values(actor_id=into.id)
        .execution_options(synchronize_session=False)
    )
    moved["aliases"] = result.rowcount  # type: ignore[attr-defined]
    await session.execute(delete(ActorAlias).where(ActorAlias.actor_id == actor.id))
    actor.merged_into_id = into.id
    await session.flush()
    return moved
