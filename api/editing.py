"""Curation rules between the routes and the repositories: preconditions (If-Match), cross-field
validation, the audit record and cache invalidation of every editorial change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from api.compression import identity_etag
from api.errors import (
    Conflict,
    InvalidParameters,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from db.models import Actor, Event, Pledge
from db.repositories import audit, editorial
from db.repositories.changes import notify_change
from seed.extract.gazetteer import place_columns


def check_if_match(if_match: str | None, current_etag: str) -> None:
    """RFC 9110 If-Match with strong comparison; `*` matches any current representation."""
    if if_match is None:
        raise PreconditionRequired(
            "Send `If-Match` with the ETag you last read, so concurrent edits are not lost."
        )
    # The tag of a compressed representation names the same version (api.compression).
    tags = {identity_etag(tag.strip()) for tag in if_match.split(",")}
    if "*" not in tags and current_etag not in tags:
        raise PreconditionFailed(
            "The resource changed since you read it; fetch it again and reapply your edit.",
            current_etag=current_etag,
        )


def _invalid(name: str, reason: str) -> InvalidParameters:
    return InvalidParameters(
        f"Invalid value for: {name}", [{"name": name, "in": "body", "reason": reason}]
    )


def _diff(row: Event | Pledge, changes: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in changes.items() if getattr(row, k) != v}


async def _live_event(session: AsyncSession, event_id: uuid.UUID) -> Event:
    event = await editorial.get_event(session, event_id=event_id, for_update=True)
    if event is None or event.deleted_at is not None:
        raise NotFound(f"No event {event_id}.")
    return event


async def patch_event(
    session: AsyncSession,
    *,
    event_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: str | None,
    key_id: uuid.UUID,
) -> Event:
    event = await _live_event(session, event_id)
    check_if_match(if_match, resource_etag(event.id, event.version))
    start = changes.get("date_start", event.date_start)
    end = changes.get("date_end", event.date_end)
    if start > end:
        name = "date_end" if "date_end" in changes else "date_start"
        raise _invalid(name, f"date_start {start} is after date_end {end}")
    if "location" in changes and changes["location"] != event.location:
        # The edited location is placed in the gazetteer as ingestion would place it.
        changes = changes | place_columns(changes["location"])
    values = _diff(event, changes)
    if values:  # an edit that changes nothing is not a new version
        before = {k: getattr(event, k) for k in values}
        await editorial.edit(session, row=event, values=values)
        await _record(session, "event", event.id, "update", key_id, before, values, set(values))
    return event


async def delete_event(
    session: AsyncSession, *, event_id: uuid.UUID, if_match: str | None, key_id: uuid.UUID
) -> Event:
    event = await _live_event(session, event_id)
    check_if_match(if_match, resource_etag(event.id, event.version))
    await editorial.soft_delete(session, row=event)
    after = {"deleted_at": event.deleted_at}
    await _record(
        session, "event", event.id, "delete", key_id, {"deleted_at": None}, after, {"deleted_at"}
    )
    return event


async def patch_pledge(
    session: AsyncSession,
    *,
    pledge_id: uuid.UUID,
    changes: dict[str, Any],
    if_match: str | None,
    key_id: uuid.UUID,
) -> Pledge:
    pledge = await editorial.get_pledge(session, pledge_id=pledge_id, for_update=True)
    if pledge is None or pledge.deleted_at is not None:
        raise NotFound(f"No pledge {pledge_id}.")
    check_if_match(if_match, resource_etag(pledge.id, pledge.version))
    evidence_id = changes.pop("evidence_event_id", None)
    if "status" in changes and evidence_id is None:
        raise _invalid("evidence_event_id", "required when setting status")
    if evidence_id is not None and "status" not in changes:
        raise _invalid("evidence_event_id", "only accepted together with status")
    if evidence_id is not None:
        evidence = await editorial.get_event(session, event_id=evidence_id)
        if evidence is None or evidence.deleted_at is not None:
            raise _invalid("evidence_event_id", f"no event {evidence_id}")
    deadline = {
        f: changes.get(f, getattr(pledge, f))
        for f in ("deadline_start", "deadline_end", "deadline_precision")
    }
    if len({v is None for v in deadline.values()}) > 1:
        raise _invalid(
            "deadline_start", "deadline_start, deadline_end and deadline_precision go together"
        )
    start, end = deadline["deadline_start"], deadline["deadline_end"]
    if start is not None and end is not None and start > end:
        raise _invalid("deadline_end", f"deadline_start {start} is after deadline_end {end}")
    values = _diff(pledge, changes)
    if values or evidence_id is not None:
        before = {k: getattr(pledge, k) for k in values}
        after = dict(values)
        if evidence_id is not None:
            await editorial.add_evidence(
                session, pledge_id=pledge.id, event_id=evidence_id, note=None
            )
            after["evidence_event_id"] = evidence_id
        # Re-rating with new evidence but the same status is still a new version.
        await editorial.edit(session, row=pledge, values=values)
        await _record(session, "pledge", pledge.id, "update", key_id, before, after, set(after))
    return pledge


async def merge_actor(
    session: AsyncSession, *, actor_id: uuid.UUID, into_id: uuid.UUID, key_id: uuid.UUID
) -> tuple[Actor, dict[str, int]]:
    if actor_id == into_id:
        raise _invalid("into", "an actor cannot be merged into itself")
    # Lock both rows in id order, so two opposite merges cannot deadlock.
    first, second = sorted([actor_id, into_id])
    rows = {
        first: await editorial.get_actor(session, actor_id=first, for_update=True),
        second: await editorial.get_actor(session, actor_id=second, for_update=True),
    }
    actor, into = rows[actor_id], rows[into_id]
    if actor is None:
        raise NotFound(f"No actor {actor_id}.")
    if into is None:
        raise _invalid("into", f"no actor {into_id}")
    if into.discovered or into.merged_into_id is not None:
        raise _invalid("into", "the target must be a curated actor that is not itself merged")
    if not actor.discovered:
        raise Conflict(f"Actor {actor_id} is curated; only discovered duplicates can be merged.")
    if actor.merged_into_id is not None:
        raise Conflict(f"Actor {actor_id} is already merged into {actor.merged_into_id}.")
    moved = await editorial.merge_actor(session, actor=actor, into=into)
    await _record(
        session,
        "actor",
        actor.id,
        "merge",
        key_id,
        {"merged_into_id": None},
        {"merged_into_id": into.id, **moved},
        {"merged_into_id"},
    )
    return actor, moved


async def _record(
    session: AsyncSession,
    entity_type: str,
    entity_id: uuid.UUID,
    action: str,
    key_id: uuid.UUID,
    before: dict[str, Any],
    after: dict[str, Any],
    changed: set[str],
) -> None:
    await audit.record(
        session,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        key_id=key_id,
        before=before,
        after=after,
        changed_fields=sorted(changed),
    )
    await notify_change(session)
