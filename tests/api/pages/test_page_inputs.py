"""Odd input to the pages is an answer (a page or an error page), never a server error."""

from __future__ import annotations

import pytest
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("date_from=2021-13-45", 422),
        ("as_of=0001-01-01", 200),
        ("date_from=9999-12-31&date_to=9999-12-31", 200),
        ("actor=" + "x" * 5000, 404),
        ("type=&type=", 200),
        ("cursor=abc", 400),
        ("sort=sideways", 200),
        ("q=ignored&limit=-1&format=csv", 200),
    ],
)
async def test_odd_queries(
    client: AsyncClient, timeline: StoredTimeline, query: str, status: int
) -> None:
    response = await client.get(f"/?{query}")
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<script>alert" not in response.text


@pytest.mark.parametrize(
    "path",
    ["/?actor=%00", "/?cursor=%00", "/timeline/pledges?status=%00"],
)
async def test_nul_is_refused_before_any_page(
    client: AsyncClient, timeline: StoredTimeline, path: str
) -> None:
    # The service refuses NUL anywhere in a URL (PostgreSQL text cannot hold it).
    response = await client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    in_path = await client.get("/timeline/sources/%00")
    assert in_path.status_code == 404
    assert in_path.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/timeline/events/0", 404),
        ("/timeline/sources/%3Cscript%3Ealert(1)", 404),
        ("/timeline/pledges?status=x", 200),
    ],
)
async def test_odd_paths(
    client: AsyncClient, timeline: StoredTimeline, path: str, status: int
) -> None:
    response = await client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<script>alert" not in response.text
