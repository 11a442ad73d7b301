"""`/vocabulary`: the closed lists of values the API filters on and answers with."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from api.responses import json_response
from api.schemas.common import NOT_MODIFIED
from api.vocabulary import VOCABULARY

router = APIRouter(tags=["vocabulary"])


class Vocabulary(BaseModel):
    event_types: list[str] = Field(examples=[["agreement", "meeting", "withdrawal"]])
    date_precisions: list[str] = Field(examples=[["day", "week", "month"]])
    location_precisions: list[str] = Field(examples=[["place", "region", "country", "none"]])
    actor_roles: list[str] = Field(examples=[["signatory", "mediator"]])
    actor_types: list[str] = Field(examples=[["person", "state"]])
    pledge_statuses: list[str] = Field(examples=[["kept", "broken"]])
    change_kinds: list[str] = Field(examples=[["created", "updated", "deleted"]])


@router.get(
    "/vocabulary", response_model=None, responses={200: {"model": Vocabulary}, **NOT_MODIFIED}
)
async def vocabulary(request: Request) -> Response:
    """The values `type=`, `actor_role=`, `status=` accept, and the precisions and kinds used."""
    return json_response(request, {k: list(v) for k, v in VOCABULARY.items()})
