"""Pins the RFC 9457 shape of every error the service produces."""

from __future__ import annotations

from httpx import AsyncClient


async def test_unknown_route_is_a_404_problem(client: AsyncClient) -> None:
    response = await client.get("/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://libya-timeline.example/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No resource at /no-such-thing",
        "instance": "/no-such-thing",
    }


async def test_wrong_method_is_a_405_problem(client: AsyncClient) -> None:
    response = await client.delete("/healthz")
    assert response.status_code == 405
    assert response.json()["type"] == "https://libya-timeline.example/problems/method-not-allowed"
    assert response.json()["status"] == 405
