"""Writes of the ingestion pipeline: upserts of machine-extracted rows on named constraints.

Rules that make ingestion idempotent and safe for editorial work:
- rows are only rewritten when a value actually changed (`IS DISTINCT FROM`), so a second run
  over the same corpus changes nothing, not even `updated_at`;
- a field listed in a row's `edited_fields` is never overwritten by the pipeline;
- a soft-deleted event or pledge stays deleted; machine rows that are no longer extracted are
  removed unless an editor touched them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    String,
    all_,
    and_,
    any_,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Event,
    EventActor,
    IngestionLog,
    Mention,
    Pledge,
    PledgeActor,
    PledgeEvidence,
    Source,
)
from db.repositories.arrays import array_param, insert_rows, unnest_rows

_CHUNK = 1000


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterable[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), _CHUNK):
        yield rows[i : i + _CHUNK]


def _last_per_key(rows: Sequence[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """One row per `key`, the last one given: an INSERT ... ON CONFLICT DO UPDATE may not touch
    a row twice, where the executemany it replaces applied the rows in order."""
    return list({r[key]: r for r in rows}.values())


async def stored_sources(session: AsyncSession) -> Sequence[Source]:
    result = await session.scalars(select(Source).order_by(Source.slug))
    return result.all()


async def sources_by_slug(session: AsyncSession, slugs: Sequence[str]) -> Sequence[Source]:
    if not slugs:
        return []
    result = await session.scalars(
        select(Source).where(Source.slug == any_(array_param(slugs, String())))
    )
    return result.all()


async def sources_by_sha(session: AsyncSession, hashes: Sequence[str]) -> dict[str, str]:
    """sha256 -> slug of already stored sources with these texts."""
    if not hashes:
        return {}
    rows = await session.execute(
        select(Source.sha256, Source.slug).where(
            Source.sha256 == any_(array_param(hashes, String()))
        )
    )
    return {sha: slug for sha, slug in rows.tuples()}


async def upsert_sources(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = [c for c in rows[0] if c not in {"id", "slug"}]
    # One statement per chunk (see `arrays.unnest_rows`): an executemany was one round trip
    # and one statement per article.
    for chunk in _chunks(_last_per_key(rows, "slug")):
        stmt = insert_rows(Source, chunk, list(chunk[0]))
        stmt = stmt.on_conflict_do_update(
            constraint="uq_sources_slug",
            set_={c: stmt.excluded[c] for c in columns} | {"updated_at": func.now()},
            where=_changed(Source, stmt, columns),
        )
        await session.execute(stmt)


async def upsert_actors(
    session: AsyncSession,
    actors: Sequence[dict[str, Any]],
    aliases: Sequence[dict[str, Any]],
    relations: Sequence[dict[str, Any]],
) -> None:
    # A curated actor's name and type come from the registry; a discovered one never
    # overwrites a curated one, and an editor's merge (merged_into_id) is kept.
    columns = ["name", "type", "description", "discovered"]
    for chunk in _chunks(actors):
        stmt = insert(Actor)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_actors_key",
            set_={c: stmt.excluded[c] for c in columns} | {"updated_at": func.now()},
            where=and_(
                _changed(Actor, stmt, columns),
                or_(Actor.discovered.is_(True), stmt.excluded.discovered.is_(False)),
            ),
        )
        await session.execute(stmt, list(chunk))
    for chunk in _chunks(aliases):
        await session.execute(
            insert(ActorAlias).on_conflict_do_nothing(constraint="uq_actor_aliases_actor_id_alias"),
            list(chunk),
        )
    for chunk in _chunks(relations):
        await session.execute(
            insert(ActorRelation).on_conflict_do_nothing(
                constraint="uq_actor_relations_subject_id_relation_object_id"
            ),
            list(chunk),
        )


async def merged_actors(session: AsyncSession) -> dict[uuid.UUID, uuid.UUID]:
    """Actors an editor folded into another: id -> the id they now stand for (followed to the
    end of a chain)."""
    rows = await session.execute(
        select(Actor.id, Actor.merged_into_id).where(Actor.merged_into_id.is_not(None))
    )
    direct = {a: b for a, b in rows.tuples() if b is not None}
    resolved: dict[uuid.UUID, uuid.UUID] = {}
    for start in direct:
        target, seen = direct[start], {start}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        resolved[start] = target
    return resolved


_EVENT_FIELDS = [
    "title",
    "summary",
    "type",
    "date_start",
    "date_end",
    "date_precision",
    "date_resolved",
    "location",
    "place",
    "latitude",
    "longitude",
    "location_precision",
]
# Fields derived from another: kept as stored when an editor set the field they derive from.
_DERIVED_FROM = {
    "place": "location",
    "latitude": "location",
    "longitude": "location",
    "location_precision": "location",
}
_PLEDGE_FIELDS = [
    "text",
    "made_start",
    "made_end",
    "made_precision",
    "deadline_start",
    "deadline_end",
    "deadline_precision",
    "quantity",
    "unit",
    "status",
    "status_reason",
    "event_id",
]


async def upsert_events(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    await _upsert_editable(session, Event, rows, _EVENT_FIELDS)


async def upsert_pledges(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    await _upsert_editable(session, Pledge, rows, _PLEDGE_FIELDS)


async def _upsert_editable(
    session: AsyncSession,
    model: type[Event] | type[Pledge],
    rows: Sequence[dict[str, Any]],
    fields: list[str],
) -> None:
    name = model.__tablename__
    for chunk in _chunks(rows):
        # One statement per chunk (see `arrays.unnest_rows`), not one per row.
        stmt = insert_rows(model, chunk, ["id", *fields])
        # A field an editor set (named in edited_fields) keeps its stored value.
        effective: dict[str, Any] = {
            f: literal_column(
                f"CASE WHEN '{_DERIVED_FROM.get(f, f)}' = ANY({name}.edited_fields) "
                f"THEN {name}.{f} ELSE excluded.{f} END"
            )
            for f in fields
        }
        stored = func.row(*(getattr(model, f) for f in fields))
        stmt = stmt.on_conflict_do_update(
            constraint=f"pk_{name}",
            set_=effective | {"updated_at": func.now(), "version": model.version + 1},
            where=stored.is_distinct_from(func.row(*effective.values())),
        )
        await session.execute(stmt)


def _changed(model: Any, stmt: Any, columns: list[str]) -> Any:
    stored = [getattr(model, c) for c in columns]
    incoming = [stmt.excluded[c] for c in columns]
    return func.row(*stored).is_distinct_from(func.row(*incoming))


async def replace_links(
    session: AsyncSession,
    *,
    model: type[EventActor] | type[PledgeActor],
    owner_column: str,
    owner_ids: Sequence[uuid.UUID],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Make the actor links of these events/pledges exactly `rows`."""
    owner = getattr(model, owner_column)
    wanted = {(r[owner_column], r["actor_id"], r["role"]) for r in rows}
    existing = await session.execute(
        select(owner, model.actor_id, model.role).where(owner == any_(array_param(owner_ids)))
    )
    stale = [t for t in existing.tuples() if t not in wanted]
    columns = [owner_column, "actor_id", "role"]
    if stale:
        key = tuple_(owner, model.actor_id, model.role)
        await session.execute(delete(model).where(key.in_(unnest_rows(model, stale, columns))))
    for chunk in _chunks(rows):
        await session.execute(insert_rows(model, chunk, columns).on_conflict_do_nothing())


async def upsert_mentions(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    columns = [
        "source_id",
        "event_id",
        "pledge_id",
        "quote",
        "char_start",
        "char_end",
        "date_text",
        "origin",
    ]
    for chunk in _chunks(_last_per_key(rows, "id")):
        stmt = insert_rows(Mention, chunk, ["id", *columns])
        stmt = stmt.on_conflict_do_update(
            constraint="pk_mentions",
            set_={c: stmt.excluded[c] for c in columns} | {"updated_at": func.now()},
            where=_changed(Mention, stmt, columns),
        )
        await session.execute(stmt)


async def delete_stale_mentions(
    session: AsyncSession,
    source_ids: Sequence[uuid.UUID],
    keep: Sequence[uuid.UUID],
    relinked: Sequence[uuid.UUID] | None = None,
) -> None:
    """Mentions the new reading no longer produces: of re-read sources, or (an incremental
    run, `relinked` given) of re-linked events and pledges."""
    scope = Mention.source_id == any_(array_param(source_ids))
    if relinked is not None:
        ids = array_param(relinked)
        scope = or_(scope, Mention.event_id == any_(ids), Mention.pledge_id == any_(ids))
    stmt = delete(Mention).where(scope)
    if keep:
        stmt = stmt.where(Mention.id != all_(array_param(keep)))
    await session.execute(stmt)


async def delete_orphans(session: AsyncSession, among: Sequence[uuid.UUID] | None = None) -> None:
    """Machine-made events and pledges left without any mention, unless an editor touched them
    (only those `among` the given ids, when given)."""
    for model, column in ((Pledge, Mention.pledge_id), (Event, Mention.event_id)):
        stmt = delete(model).where(
            model.deleted_at.is_(None),
            func.cardinality(model.edited_fields) == 0,
            ~select(Mention.id).where(column == model.id).exists(),
        )
        if among is not None:
            stmt = stmt.where(model.id == any_(array_param(among)))
        await session.execute(stmt)


async def replace_pledge_evidence(
    session: AsyncSession,
    pledge_ids: Sequence[uuid.UUID],
    rows: Sequence[dict[str, Any]],
    *,
    later: bool = True,
) -> None:
    """Replace the evidence of `pledge_ids` with `rows`; evidence an editor attached
    (relation 'editor') is kept. Without the `later` evidence (an incremental run, whose
    re-rating rewrites the evidence of these pledges in later withdrawals: `seed.rerate`),
    only where each pledge was made is replaced, and takes its pair from any other relation."""
    conditions = [
        PledgeEvidence.pledge_id == any_(array_param(pledge_ids)),
        PledgeEvidence.relation != "editor",
    ]
    if not later:
        pairs = tuple_(PledgeEvidence.pledge_id, PledgeEvidence.event_id).in_(
            [(r["pledge_id"], r["event_id"]) for r in rows]
        )
        conditions.append(or_(PledgeEvidence.relation == "made_at", pairs))
    await session.execute(delete(PledgeEvidence).where(*conditions))
    columns = ["pledge_id", "event_id", "relation", "note"]
    for chunk in _chunks(rows):
        await session.execute(insert_rows(PledgeEvidence, chunk, columns).on_conflict_do_nothing())


async def refresh_search(session: AsyncSession, event_ids: Sequence[uuid.UUID]) -> None:
    """Recompute the full-text vector of events from title, summary and all their quotes."""
    # In the order of their sources and places in them: the vector holds word positions, and
    # the order rows come in is not the same from one run (or plan) to the next.
    separator = aggregate_order_by(literal(" "), Mention.source_id, Mention.char_start, Mention.id)
    quotes = (
        select(func.string_agg(Mention.quote, separator))
        .where(Mention.event_id == Event.id)
        .scalar_subquery()
    )
    vector = func.to_tsvector(
        text("'english'"),
        Event.title + " " + Event.summary + " " + func.coalesce(quotes, ""),
    )
    ids = list(event_ids)
    for i in range(0, len(ids), _CHUNK * 10):
        await session.execute(
            update(Event)
            .where(Event.id == any_(array_param(ids[i : i + _CHUNK * 10])))
            .where(Event.search.is_distinct_from(vector))
            .values(search=vector)
            .execution_options(synchronize_session=False)
        )


async def refresh_statistics(session: AsyncSession) -> None:
    """Let the planner see the rows a large run wrote (within its transaction, which counts
    its own rows as live), rather than plan the next requests on the statistics of an empty or
    much smaller corpus until autovacuum next analyses it."""
    await session.execute(text("ANALYZE"))


async def timeline_counts(session: AsyncSession) -> tuple[int, int, int]:
    """Live events, live pledges, actors."""
    row = (
        await session.execute(
            select(
                select(func.count())
                .select_from(Event)
                .where(Event.deleted_at.is_(None))
                .scalar_subquery(),
                select(func.count())
                .select_from(Pledge)
                .where(Pledge.deleted_at.is_(None))
                .scalar_subquery(),
                select(func.count()).select_from(Actor).scalar_subquery(),
            )
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


async def log_ingestion(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        await session.execute(insert(IngestionLog), list(chunk))
