"""Reads of actors: lookup by id, key or any alias; lists; one actor with relations and counts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Select,
    String,
    Uuid,
    bindparam,
    func,
    literal,
    or_,
    select,
    tuple_,
    union,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, ActorAlias, ActorRelation, Event, EventActor, Pledge, PledgeActor
from db.repositories.raw import QueryCache, fetch
from db.text_norm import lookup_forms, normalise_name

ActorKey = tuple[str, uuid.UUID]

_ACTOR_COLUMNS = (
    Actor.id,
    Actor.key,
    Actor.name,
    Actor.type,
    Actor.description,
    Actor.discovered,
    Actor.merged_into_id,
)


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


async def resolve(session: AsyncSession, *, ref: str) -> tuple[uuid.UUID, ...]:
    """Ids of the actors `ref` names: an id, a key slug, or any alias (case/accent-insensitive).

    An alias shared by several actors resolves to all of them. A duplicate an editor merged
    away resolves to the actor it was merged into (the merge moved its links there). Each
    branch is an index lookup: this runs on every `?actor=` request.
    """
    ref_id = _as_uuid(ref)
    query = _RESOLVE.get(
        session, ref_id is not None, lambda: _resolve_statement(ref_id is not None)
    )
    overrides: dict[str, Any] = {"ref": ref, "ref_norm": normalise_name(ref), "ref_id": ref_id}
    rows = await fetch(session, query, overrides)
    if rows:
        return tuple(row[0] for row in rows)
    # Exact stays exact; only a reference that names nobody as written is read more loosely:
    # without "the" or a title ("Mr Haftar"), a trailing "forces", an "al-" particle.
    for form in lookup_forms(ref)[1:]:
        rows = await fetch(session, query, {**overrides, "ref": form, "ref_norm": form})
        if rows:
            return tuple(row[0] for row in rows)
    return ()


_RESOLVE = QueryCache(max_entries=2)


def _resolve_statement(with_id: bool) -> Select[Any]:
    canonical = func.coalesce(Actor.merged_into_id, Actor.id)
    branches = [
        select(canonical).where(Actor.key == bindparam("ref", type_=String)),
        select(canonical)
        .join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(ActorAlias.alias_norm == bindparam("ref_norm", type_=String)),
    ]
    if with_id:
        branches.append(select(canonical).where(Actor.id == bindparam("ref_id", type_=Uuid)))
    matched = union(*branches).subquery()
    return select(matched.c[0]).order_by(matched.c[0])


async def get_actor_row(session: AsyncSession, *, ref: str) -> dict[str, Any] | None:
    """The actor whose id or key is `ref` (not aliases: a URL names exactly one actor)."""
    ref_id = _as_uuid(ref)
    condition = Actor.id == ref_id if ref_id is not None else Actor.key == ref
    row = (await session.execute(select(*_ACTOR_COLUMNS).where(condition))).first()
    return dict(row._mapping) if row else None


async def list_actors(
    session: AsyncSession,
    *,
    q: str | None,
    types: tuple[str, ...],
    after: ActorKey | None,
    limit: int,
    updated_since: datetime | None = None,
) -> tuple[list[dict[str, Any]], ActorKey | None]:
    """Actors ordered by (name, id); `q` is a substring of the name or of any alias."""
    stmt: Select[Any] = select(*_ACTOR_COLUMNS, _aliases_of(Actor.id).label("aliases"))
    if q:
        forms = lookup_forms(q) or [""]
        # The query as written, else its looser forms ("the Turkish parliament", "Mr Haftar").
        norm = forms[0]
        for form in forms:
            if await _any_alias_like(session, form):
                norm = form
                break
        stmt = stmt.where(
            Actor.id.in_(select(ActorAlias.actor_id).where(ActorAlias.alias_norm.like(_like(norm))))
        )
    if types:
        stmt = stmt.where(Actor.type.in_(types))
    if updated_since is not None:
        stmt = stmt.where(Actor.updated_at >= updated_since)
    if after is not None:
        bound = tuple_(literal(after[0], String), literal(after[1], Uuid))
        stmt = stmt.where(tuple_(Actor.name, Actor.id) > bound)
    rows = (await session.execute(stmt.order_by(Actor.name, Actor.id).limit(limit + 1))).all()
    items = [dict(r._mapping) for r in rows[:limit]]
    more = len(rows) > limit
    return items, ((items[-1]["name"], items[-1]["id"]) if more and items else None)


def _like(norm: str) -> str:
    return "%" + norm.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"


async def _any_alias_like(session: AsyncSession, norm: str) -> bool:
    found = await session.scalar(
        select(literal(True)).where(ActorAlias.alias_norm.like(_like(norm))).limit(1)
    )
    return bool(found)


# Fuzzy scores: the mean of pg_trgm's similarity (the whole alias against the whole query) and
# word_similarity (the alias against the best-matching stretch of the query), so a misspelt name
# ("Anglea Merkel") and a name inside a longer phrase ("the Libyan 5+5 Joint Military
# Commission") both score high, while a short alias merely inside a long query does not.
FUZZY_FLOOR = 0.45


async def fuzzy_candidates(
    session: AsyncSession, *, q: str, types: tuple[str, ...] = (), limit: int = 10
) -> list[dict[str, Any]]:
    """Actors whose best alias scores at least `FUZZY_FLOOR` against `q`, best first, each
    with its `score` (0..1, three decimals) and aliases; merged duplicates count as their target."""
    forms = lookup_forms(q)
    if not forms:
        return []  # nothing but punctuation: nothing to compare
    norm = forms[-1]
    query = bindparam("q", norm, type_=String)
    score = (
        func.similarity(ActorAlias.alias_norm, query)
        + func.word_similarity(ActorAlias.alias_norm, query)
    ) / 2
    canonical = func.coalesce(Actor.merged_into_id, Actor.id)
    best = (
        select(canonical.label("actor_id"), func.max(score).label("score"))
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(score >= FUZZY_FLOOR)
        .group_by(canonical)
        .subquery()
    )
    stmt = (
        select(*_ACTOR_COLUMNS, _aliases_of(Actor.id).label("aliases"), best.c.score)
        .join(best, best.c.actor_id == Actor.id)
        .order_by(best.c.score.desc(), Actor.name, Actor.id)
        .limit(limit)
    )
    if types:
        stmt = stmt.where(Actor.type.in_(types))
    rows = (await session.execute(stmt)).all()
    return [{**dict(r._mapping), "score": round(float(r.score), 3)} for r in rows]


def _aliases_of(actor_id: Any) -> Any:
    aliases = func.array_agg(aggregate_order_by(ActorAlias.alias, ActorAlias.alias))
    return (
        select(func.coalesce(aliases, literal([], ARRAY(String))))
        .where(ActorAlias.actor_id == actor_id)
        .scalar_subquery()
    )


async def get_actor(session: AsyncSession, *, ref: str) -> dict[str, Any] | None:
    """One actor with aliases, relations in both directions and counts of live events/pledges."""
    actor = await get_actor_row(session, ref=ref)
    if actor is None:
        return None
    actor_id = actor["id"]
    aliases = await session.scalars(
        select(ActorAlias.alias).where(ActorAlias.actor_id == actor_id).order_by(ActorAlias.alias)
    )
    actor["aliases"] = list(aliases.all())
    other = Actor.__table__.alias("other")
    relations = await session.execute(
        select(
            ActorRelation.relation,
            (ActorRelation.subject_id == actor_id).label("outgoing"),
            other.c.id,
            other.c.key,
            other.c.name,
        )
        .join(
            other,
            other.c.id
            == func.coalesce(
                func.nullif(ActorRelation.object_id, actor_id), ActorRelation.subject_id
            ),
        )
        .where(or_(ActorRelation.subject_id == actor_id, ActorRelation.object_id == actor_id))
        .order_by(ActorRelation.relation, other.c.name)
    )
    actor["relations"] = [
        {
            "direction": "outgoing" if r.outgoing else "incoming",
            "relation": r.relation,
            "actor": {"id": r.id, "key": r.key, "name": r.name},
        }
        for r in relations
    ]
    events = (
        select(func.count(func.distinct(EventActor.event_id)))
        .join(Event, Event.id == EventActor.event_id)
        .where(EventActor.actor_id == actor_id, Event.deleted_at.is_(None))
        .scalar_subquery()
    )
    pledges = (
        select(func.count(func.distinct(PledgeActor.pledge_id)))
        .join(Pledge, Pledge.id == PledgeActor.pledge_id)
        .where(PledgeActor.actor_id == actor_id, Pledge.deleted_at.is_(None))
        .scalar_subquery()
    )
    counts = (await session.execute(select(events, pledges))).one()
    actor["event_count"], actor["pledge_count"] = counts
    return actor
