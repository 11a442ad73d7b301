"""A read whose response has not started by the deadline is a 503; started responses run on."""

from __future__ import annotations

import asyncio
import time

import pytest
from httpx import ASGITransport, AsyncClient
from starlette.types import Message, Receive, Scope, Send

from api.middleware import ServiceMiddleware


async def _slow_then_answer(scope: Scope, receive: Receive, send: Send) -> None:
    await asyncio.sleep(0.6)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"late"})


async def _start_then_stream(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    for part in (b"a", b"b", b"c"):
        await asyncio.sleep(0.15)
        await send({"type": "http.response.body", "body": part, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


def _client(app: object) -> AsyncClient:
    wrapped = ServiceMiddleware(app, read_deadline=0.2)  # type: ignore[arg-type]
    return AsyncClient(transport=ASGITransport(app=wrapped), base_url="http://t")


async def test_a_read_that_does_not_start_in_time_is_a_503() -> None:
    async with _client(_slow_then_answer) as http:
        started = time.perf_counter()
        response = await http.get("/events")
        elapsed = time.perf_counter() - started
    assert (response.status_code, response.headers["retry-after"]) == (503, "5")
    assert response.headers["content-type"] == "application/problem+json"
    assert elapsed < 0.5


@pytest.mark.parametrize("method", ["POST", "PATCH"])
async def test_writes_have_no_such_deadline(method: str) -> None:
    async with _client(_slow_then_answer) as http:
        response = await http.request(method, "/sources")
    assert (response.status_code, response.content) == (200, b"late")


async def test_a_started_response_runs_past_the_deadline() -> None:
    async with _client(_start_then_stream) as http:
        response = await http.get("/events.csv")
    assert (response.status_code, response.content) == (200, b"abc")


async def test_the_503_does_not_wait_for_the_cancelled_route_to_clean_up() -> None:
    happened: list[str] = []

    async def slow_with_slow_cleanup(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await asyncio.sleep(10)
        finally:
            # A hung database: closing the route's connection waits too.
            await asyncio.shield(asyncio.sleep(0.5))
            happened.append("route cleaned up")

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            happened.append(f"status {message['status']}")
        elif not message.get("more_body", False):
            happened.append("response complete")

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": "GET", "path": "/events", "headers": []}
    layer = ServiceMiddleware(slow_with_slow_cleanup, read_deadline=0.1)
    await layer(scope, receive, send)
    # The answer, and the layer's return, do not wait for the route's cleanup.
    assert happened == ["status 503", "response complete"]
    for _ in range(100):
        await asyncio.sleep(0.05)
        if len(happened) == 3:
            break
    assert happened == ["status 503", "response complete", "route cleaned up"]
