"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.deps import SessionDep
from api.errors import ServiceUnavailable
from api.problem_handlers import is_unavailable
from db.migrate import head_revision
from db.repositories.health import current_revision

router = APIRouter(tags=["health"])

_PROBLEM = {"model": dict, "content": {"application/problem+json": {}}}


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    revision: str


# Probes must see the present: never from the response cache or a proxy's.
_NO_STORE = "no-store"


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz(response: Response) -> Health:
    """The process is alive. Does not touch the database."""
    response.headers["Cache-Control"] = _NO_STORE
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness",
    responses={503: {"description": "Database unreachable or not migrated to head"}},
)
async def readyz(request: Request, response: Response, session: SessionDep) -> Readiness:
    """The database answers and is migrated to the newest revision; otherwise 503 problem+json."""
    response.headers["Cache-Control"] = _NO_STORE
    settings = request.app.state.settings
    try:
        revision = await asyncio.wait_for(
            current_revision(session),
            timeout=settings.db_connect_timeout + settings.db_command_timeout,
        )
    except Exception as exc:
        if isinstance(exc, TimeoutError) or is_unavailable(exc):
            raise ServiceUnavailable("The database is unreachable.") from exc
        raise
    head = head_revision()
    if revision != head:
        raise ServiceUnavailable(
            f"The database is at revision {revision or 'none'}, expected {head}; "
            "run `timeline migrate`.",
            revision=revision,
            expected_revision=head,
        )
    return Readiness(status="ready", database="ok", revision=revision)
