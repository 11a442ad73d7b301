from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from api.errors import PROBLEM_JSON


class ActorRef(BaseModel):
    id: uuid.UUID
    key: str = Field(examples=["khalifa-haftar"])
    name: str = Field(examples=["Khalifa Haftar"])


class ActorRole(ActorRef):
    role: str = Field(examples=["participant"])


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    # name, in, reason; an unknown vocabulary value adds `allowed` (a list of strings).
    invalid_params: list[dict[str, Any]] | None = None


def _problem(description: str) -> dict[str, Any]:
    # Inlined (no $ref): the schema has no nested models, so it needs no components entry.
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": Problem.model_json_schema()}},
    }


Responses = dict[int | str, dict[str, Any]]

BAD_REQUEST: Responses = {400: _problem("Malformed cursor (problem+json)")}
NOT_FOUND: Responses = {404: _problem("Unknown id, key or actor (problem+json)")}
NOT_ACCEPTABLE: Responses = {406: _problem("No acceptable representation (problem+json)")}
INVALID: Responses = {
    422: _problem("Invalid parameters, listed in `invalid_params` (problem+json)")
}
NOT_MODIFIED: Responses = {
    304: {"description": "Not modified (If-None-Match matched the ETag); no body"}
}
