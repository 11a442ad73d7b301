"""Requests refused by uvicorn's parser (before the app) still get problem+json."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import orjson
import pytest
import uvicorn

from api.app import create_app
from api.server_protocol import ProblemHttpToolsProtocol
from api.settings import Settings


@pytest.fixture
async def port() -> AsyncIterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # No log_config nor log_level: the server leaves the logging set-up of other tests alone
    # (uvicorn otherwise sets its loggers' level, and test_access_log then sees no line).
    config = uvicorn.Config(
        create_app(Settings(database_url=None)),
        http=ProblemHttpToolsProtocol,
        log_config=None,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 (uvicorn offers a flag, not an event)
        await asyncio.sleep(0.01)
    yield sock.getsockname()[1]
    server.should_exit = True
    await task


async def _raw(port: int, request: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = dict(line.lower().split(b": ", 1) for line in lines)
    return status, headers, body


@pytest.mark.parametrize(
    ("length", "status"),
    [
        (20_000, b"HTTP/1.1 414 Request-URI Too Long"),
        (200_000, b"HTTP/1.1 414 Request-URI Too Long"),
    ],
)
async def test_a_url_too_long_for_the_parser_is_a_414_problem(
    port: int, length: int, status: bytes
) -> None:
    request = b"GET /events?q=" + b"x" * length + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    line, headers, body = await _raw(port, request)
    assert (line, headers[b"content-type"]) == (status, b"application/problem+json")
    assert orjson.loads(body)["status"] == 414


async def test_a_request_that_is_not_http_is_a_400_problem(port: int) -> None:
    line, headers, body = await _raw(port, b"NOT HTTP AT ALL\r\n\r\n")
    assert (line, headers[b"content-type"]) == (
        b"HTTP/1.1 400 Bad Request",
        b"application/problem+json",
    )
    assert orjson.loads(body)["detail"] == "The request could not be parsed as HTTP/1.1."
