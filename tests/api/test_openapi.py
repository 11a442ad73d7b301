"""The OpenAPI document: every read route, parameter and response is described."""

from __future__ import annotations

import re
from typing import Any

import pytest
from httpx import AsyncClient

READ_PATHS = [
    "/events",
    "/events.csv",
    "/events.ndjson",
    "/events.ics",
    "/events.timelinejs.json",
    "/events/{event_id}",
    "/actors",
    "/actors/{actor_id}",
    "/actors/{actor_id}/events",
    "/sources",
    "/sources/{source}",
    "/pledges",
    "/pledges/{pledge_id}",
    "/changes",
    "/vocabulary",
    "/events/facets",
    "/events.atom",
    "/events.geojson",
]


@pytest.fixture
async def spec(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_docs_pages_are_served_with_local_assets(client: AsyncClient) -> None:
    for path in ("/docs", "/redoc"):
        response = await client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', response.text)
        assert assets, path
        for asset in assets:
            assert asset.startswith("/static-offline-docs/"), asset  # no CDN
            assert (await client.get(asset)).status_code == 200, asset


@pytest.mark.parametrize("path", READ_PATHS)
def test_every_read_route_is_documented(spec: dict[str, Any], path: str) -> None:
    operation = spec["paths"][path]["get"]
    assert operation["description"], path
    assert "\n" not in operation["description"].strip()
    for parameter in operation.get("parameters", []):
        assert parameter.get("description"), (path, parameter["name"])
    for status, response in operation["responses"].items():
        if status.startswith("4"):
            assert list(response["content"]) == ["application/problem+json"], (path, status)
    assert "200" in operation["responses"]


def test_events_parameters_have_libya_examples(spec: dict[str, Any]) -> None:
    parameters = {p["name"]: p for p in spec["paths"]["/events"]["get"]["parameters"]}
    examples = {
        name: [e["value"] for e in p.get("examples", {}).values()] for name, p in parameters.items()
    }
    assert "Haftar" in examples["actor"]
    assert "2020-10-23" in examples["date_from"]
    assert "mercenaries" in examples["q"]
    assert "2021-10-31" in examples["as_of"]
    assert parameters["limit"]["schema"]["maximum"] == 500
    assert "published_end" in parameters["as_of"]["description"]


def test_event_list_documents_every_media_type(spec: dict[str, Any]) -> None:
    content = spec["paths"]["/events"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/csv", "application/x-ndjson", "text/calendar"}
    assert {"406", "422", "400", "404", "304"} <= set(spec["paths"]["/events"]["get"]["responses"])
    schemas = spec["components"]["schemas"]
    assert {
        "EventPage",
        "EventItem",
        "EventDetail",
        "Timeline",
        "ActorDetail",
        "PledgeDetail",
    } <= set(schemas)
    assert set(schemas["EventItem"]["required"]) >= {"date_start", "date_end", "date_precision"}


@pytest.mark.parametrize("path", READ_PATHS)
def test_every_read_route_documents_the_503_of_an_unreachable_database(
    spec: dict[str, Any], path: str
) -> None:
    unavailable = spec["paths"][path]["get"]["responses"]["503"]
    assert list(unavailable["content"]) == ["application/problem+json"]
    assert "Retry-After" in unavailable["headers"]


def test_every_operation_documents_the_414_of_an_overlong_url(spec: dict[str, Any]) -> None:
    # The protocol layer refuses such a URL on every route, before any route runs.
    undocumented = [
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if list(operation["responses"].get("414", {}).get("content", {}))
        != ["application/problem+json"]
    ]
    assert undocumented == []
    assert len(spec["paths"]) >= 27  # (every path of the API, not an empty document)


@pytest.mark.parametrize(
    "path", ["/events.csv", "/events.ndjson", "/events.ics", "/events.timelinejs.json"]
)
def test_exports_do_not_document_a_page_size_they_ignore(spec: dict[str, Any], path: str) -> None:
    names = {p["name"] for p in spec["paths"][path]["get"].get("parameters", [])}
    assert "limit" not in names
    assert {"actor", "date_from", "cursor"} <= names  # the filters (and a start) they honour


@pytest.mark.parametrize("schema", ["EventPatch", "PledgePatch"])
def test_an_edit_must_change_a_field(spec: dict[str, Any], schema: str) -> None:
    # An empty edit is a 422: the schema says so, rather than a validator alone.
    assert spec["components"]["schemas"][schema]["minProperties"] == 1


def test_writes_share_their_paths_with_the_reads(spec: dict[str, Any]) -> None:
    # One template per path (OpenAPI forbids two that differ in a parameter's name), and the
    # `:uuid` convertor of the write routes is not part of the documented path.
    assert sorted(spec["paths"]["/events/{event_id}"]) == ["delete", "get", "patch"]
    assert sorted(spec["paths"]["/sources/{source}"]) == ["get", "put"]
    assert not [path for path in spec["paths"] if ":" in path]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/events/{event_id}"),
        ("delete", "/events/{event_id}"),
        ("put", "/sources/{source}"),
    ],
)
def test_a_write_to_a_path_that_is_not_an_id_documents_its_405(
    spec: dict[str, Any], method: str, path: str
) -> None:
    response = spec["paths"][path][method]["responses"]["405"]
    assert sorted(response["headers"]) == ["Allow"]
    assert "application/problem+json" in response["content"]
