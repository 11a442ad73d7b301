"""Request checks every route shares (pure ASGI middleware)."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.api.fixtures_timeline import StoredTimeline


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("/pledges", {"actor": "Haf\x00tar"}, ["actor"]),
        ("/actors", {"q": "\x00", "type": "person"}, ["q"]),
        ("/events", {"type": ["meeting", "a\x00"], "location": "x\x00"}, ["type", "location"]),
        ("/sources", {"x\x00": "1"}, ["x\x00"]),
    ],
)
async def test_a_nul_character_in_any_query_parameter_is_a_422_naming_it(
    client: AsyncClient,
    timeline: StoredTimeline,
    path: str,
    params: dict[str, str | list[str]],
    names: list[str],
) -> None:
    response = await client.get(path, params=params)
    assert (response.status_code, response.headers["content-type"]) == (
        422,
        "application/problem+json",
    )
    assert response.json()["invalid_params"] == [
        {"name": name, "in": "query", "reason": "contains a NUL character"} for name in names
    ]


async def test_a_nul_character_in_the_path_is_a_404_problem(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/actors/haf%00tar")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "No resource has a NUL character in its path.",
    )


async def test_an_encoded_percent_sign_is_not_mistaken_for_nul(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events", params={"q": "%00"})
    assert (response.status_code, response.json()["items"]) == (200, [])
