"""Contract of /vocabulary and of the 422 for a value outside it."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from api.payloads.editorial import EventType
from api.vocabulary import VOCABULARY
from db.models.vocab import EVENT_TYPES
from seed.extract.event_kinds import TRIGGERS

EVENT_TYPE_LIST = [
    "agreement",
    "ceasefire",
    "diplomatic",
    "election",
    "meeting",
    "military",
    "other",
    "political",
    "report",
    "statement",
    "withdrawal",
]
PLEDGE_STATUS_LIST = ["not_yet_rated", "in_the_works", "stalled", "compromise", "kept", "broken"]
ROLE_LIST = [
    "commander",
    "host",
    "mediator",
    "object",
    "organizer",
    "participant",
    "pledger",
    "signatory",
    "speaker",
    "subject",
    "target",
]


async def test_vocabulary(client: AsyncClient) -> None:
    response = await client.get("/vocabulary")
    assert response.status_code == 200
    assert response.json() == {
        "event_types": EVENT_TYPE_LIST,
        "date_precisions": [
            "day",
            "week",
            "month",
            "season",
            "quarter",
            "year",
            "range",
            "unknown",
        ],
        "location_precisions": ["place", "region", "country", "none"],
        "actor_roles": ROLE_LIST,
        "actor_types": [
            "person",
            "state",
            "armed_group",
            "government",
            "organization",
            "intergovernmental",
        ],
        "pledge_statuses": PLEDGE_STATUS_LIST,
        "change_kinds": ["created", "updated", "deleted"],
    }


def test_every_type_the_extraction_or_an_editor_sets_is_in_the_vocabulary() -> None:
    assert set(TRIGGERS) <= set(EVENT_TYPES)
    assert set(EventType.__args__) == set(EVENT_TYPES)
    assert set(VOCABULARY) == {
        "event_types",
        "date_precisions",
        "location_precisions",
        "actor_roles",
        "actor_types",
        "pledge_statuses",
        "change_kinds",
    }


@pytest.mark.parametrize(
    ("path", "params", "name", "value", "allowed"),
    [
        ("/events", {"type": ["meeting", "bogus"]}, "type", "bogus", EVENT_TYPE_LIST),
        ("/events.csv", {"type": "bogus"}, "type", "bogus", EVENT_TYPE_LIST),
        ("/events", {"actor_role": "villain"}, "actor_role", "villain", ROLE_LIST),
        ("/pledges", {"status": "promised"}, "status", "promised", PLEDGE_STATUS_LIST),
    ],
)
async def test_an_unknown_value_is_a_422_listing_the_allowed_ones(
    client: AsyncClient,
    path: str,
    params: dict[str, str],
    name: str,
    value: str,
    allowed: list[str],
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://libya-timeline.example/problems/invalid-parameters",
        "title": "Invalid request parameters",
        "status": 422,
        "detail": f"Unknown value for: {name}",
        "instance": path,
        "invalid_params": [
            {
                "name": name,
                "in": "query",
                "reason": f"unknown value {value!r}; allowed: {', '.join(allowed)}",
                "allowed": allowed,
            }
        ],
    }


async def test_type_and_role_errors_are_reported_together(client: AsyncClient) -> None:
    response = await client.get("/events", params={"type": "bogus", "actor_role": "villain"})
    body = response.json()
    assert body["detail"] == "Unknown value for: type, actor_role"
    assert [p["name"] for p in body["invalid_params"]] == ["type", "actor_role"]


@pytest.mark.parametrize(
    ("path", "name", "allowed"),
    [
        ("/events", "type", EVENT_TYPE_LIST),
        ("/actors/{actor_id}/events", "type", EVENT_TYPE_LIST),
        ("/events", "actor_role", ROLE_LIST),
        ("/pledges", "status", PLEDGE_STATUS_LIST),
    ],
)
async def test_the_openapi_schema_lists_a_vocabulary_parameters_allowed_values(
    client: AsyncClient, path: str, name: str, allowed: list[str]
) -> None:
    # a value the schema allows is one the API accepts: a client generated from the schema
    # (or a fuzzer) never sends one that only the 422 would name
    operation = (await client.get("/openapi.json")).json()["paths"][path]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == name]
    schema = parameter["schema"]["anyOf"][0]
    values = schema["items"]["enum"] if schema["type"] == "array" else schema["enum"]
    assert values == allowed
