"""OpenAPI `responses=` entries shared by the write endpoints (problem+json documents)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """RFC 9457 problem details; extension members (e.g. `invalid_params`) may follow."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str


PROBLEM: dict[str, Any] = {
    "model": Problem,
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
# Every route with parameters or a body can answer these two.
REQUEST_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**PROBLEM, "description": "Malformed request (e.g. a body that is not JSON)"},
    422: {**PROBLEM, "description": "Invalid parameters or body; see `invalid_params`"},
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **REQUEST_ERRORS,
    401: {**PROBLEM, "description": "Missing, invalid or revoked API key"},
    403: {**PROBLEM, "description": "The key lacks the required scope"},
}
PRECONDITION_ERRORS: dict[int | str, dict[str, Any]] = {
    412: {**PROBLEM, "description": "If-Match does not match the current ETag"},
    428: {**PROBLEM, "description": "If-Match is required"},
}

# The write routes that match an id's URL only (a `:uuid` path convertor): any other path
# under theirs is another resource, or none, and answers their method with a 405.
NOT_AN_ID: dict[int | str, dict[str, Any]] = {
    405: {
        **PROBLEM,
        "description": "The path is not an id (e.g. a slug or `facets`); `Allow` lists the "
        "methods it takes",
        "headers": {"Allow": {"schema": {"type": "string"}, "example": "GET, HEAD"}},
    },
}
