"""Change history of events and pledges (public): who changed what, when, before and after."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from api.deps import SessionDep
from api.errors import NotFound
from api.payloads.editorial import Change, History
from api.route_docs import PROBLEM, REQUEST_ERRORS
from db.repositories import audit, editorial

router = APIRouter(tags=["history"], responses={**REQUEST_ERRORS, 404: PROBLEM})


async def _history(session: SessionDep, entity_type: str, entity_id: uuid.UUID) -> History:
    entries = await audit.history(session, entity_type=entity_type, entity_id=entity_id)
    return History(items=[Change.model_validate(e, from_attributes=True) for e in entries])


@router.get("/events/{event_id}/history", response_model=History)
async def event_history(event_id: uuid.UUID, session: SessionDep) -> History:
    """Editorial changes of an event, oldest first; soft-deleted events keep their history."""
    history = await _history(session, "event", event_id)
    if not history.items and await editorial.get_event(session, event_id=event_id) is None:
        raise NotFound(f"No event {event_id}.")
    return history


@router.get("/pledges/{pledge_id}/history", response_model=History)
async def pledge_history(pledge_id: uuid.UUID, session: SessionDep) -> History:
    """Editorial changes of a pledge, oldest first."""
    history = await _history(session, "pledge", pledge_id)
    if not history.items and await editorial.get_pledge(session, pledge_id=pledge_id) is None:
        raise NotFound(f"No pledge {pledge_id}.")
    return history
