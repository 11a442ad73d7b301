"""What the generated OpenAPI document needs beyond what the routes declare.

Examples come from the sample corpus (`seed/corpus/`): ids are deterministic (UUIDv5 of keys
and file names), so they are the same in every fresh installation, and
`tests/api/test_openapi_examples.py` calls every one of them. Route modules take their
examples from here; parameters that routes leave without one (ids in paths, `cursor`,
`limit`) get theirs in `complete_openapi`, which also documents the 503 every route that
reads the database can answer, and the 414 any route answers for an overlong URL.
"""

from __future__ import annotations

from typing import Any

from api.schemas.common import Problem

# From the sample corpus.
EVENT_ID = "916b788c-d222-54ec-8866-4170b269fe35"  # the JMC meeting in Geneva, 2021-09-29
PLEDGE_ID = "a7bb0c32-7d32-570d-9a7b-4bfb27ea0457"  # the ceasefire's withdrawal deadline
ACTOR_KEY = "khalifa-haftar"
SOURCE_ID = "814ba1a2-7dc6-5685-a588-51e896919233"  # the JMC meeting article
SOURCE_SLUG = "002-5d2d2b0a7552761f"

_PATH_EXAMPLES: dict[str, tuple[str, str]] = {
    "event_id": ("An event of the sample corpus", EVENT_ID),
    "pledge_id": ("A pledge of the sample corpus", PLEDGE_ID),
    "actor_id": ("An actor's key (its id works too)", ACTOR_KEY),
    "source": ("A source's slug (its id works too)", SOURCE_SLUG),
    "source_id": ("A source's id", SOURCE_ID),
    "key_id": ("An API key's id or prefix", "tl_3f9a1c"),
}
_QUERY_EXAMPLES: dict[str, tuple[str, Any]] = {
    "cursor": ("First page: omit", ""),
    "limit": ("Ten per page", 10),
}
# Routes that never touch the database.
_NO_DATABASE = {"/healthz", "/metrics"}

UNAVAILABLE: dict[str, Any] = {
    "description": "The database is unreachable, hung or not migrated; retry after "
    "`Retry-After` seconds (problem+json)",
    "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
}

# `api.protocol` refuses a URL over MAX_URL_BYTES before any route sees it.
URI_TOO_LONG: dict[str, Any] = {
    "description": "The URL is longer than the service reads (problem+json)",
    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
}


def complete_openapi(spec: dict[str, Any]) -> dict[str, Any]:
    """Add the missing parameter examples and the 503 and 414 responses (in place,
    idempotent)."""
    for path, item in spec.get("paths", {}).items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                table = _PATH_EXAMPLES if parameter["in"] == "path" else _QUERY_EXAMPLES
                known = table.get(parameter["name"])
                if known is not None and not parameter.get("examples"):
                    summary, value = known
                    parameter["examples"] = {"corpus": {"summary": summary, "value": value}}
            responses = operation.setdefault("responses", {})
            if path not in _NO_DATABASE:
                responses.setdefault("503", UNAVAILABLE)
            responses.setdefault("414", URI_TOO_LONG)
    return spec
