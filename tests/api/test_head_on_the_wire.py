"""HEAD through a real uvicorn: headers only, and the connection stays usable.

An in-memory client cannot show this: uvicorn decides from its own scope whether a body goes on
the wire, so a HEAD answered as GET must leave that scope's method alone. Otherwise a streamed
export's chunked end is written after the headers (read as the start of the next response on a
kept-alive connection) and a body with a Content-Length ends the exchange with an error.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
import uvicorn
from fixtures_timeline import StoredTimeline
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Message, Receive, Scope, Send

from api.app import create_app
from api.deps import get_session
from api.server_protocol import ProblemHttpToolsProtocol
from api.settings import Settings


@pytest.fixture
async def port(session: AsyncSession, settings: Settings) -> AsyncIterator[int]:
    app = create_app(settings)

    async def test_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = test_session
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # No log_config nor log_level: the server leaves the logging set-up of other tests alone.
    config = uvicorn.Config(app, http=ProblemHttpToolsProtocol, log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 (uvicorn offers a flag, not an event)
        await asyncio.sleep(0.01)
    yield sock.getsockname()[1]
    server.should_exit = True
    await task


async def _exchange(port: int, requests: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(requests)
    await writer.drain()
    response = await asyncio.wait_for(reader.read(), timeout=30)
    writer.close()
    return response


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/events", b"200 OK"),  # a Content-Length
        ("/events.csv", b"200 OK"),  # streamed: chunked
        ("/healthz", b"200 OK"),
        ("/events?date_to=0", b"422 Unprocessable Entity"),  # a problem's body
    ],
)
async def test_a_head_sends_headers_only_and_the_next_request_is_answered(
    port: int, timeline: StoredTimeline, path: str, status: bytes
) -> None:
    head = f"HEAD {path} HTTP/1.1\r\nHost: t\r\nAccept-Encoding: identity\r\n\r\n".encode()
    get = b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    response = await _exchange(port, head + get)
    first, _, rest = response.partition(b"\r\n\r\n")
    assert first.split(b"\r\n")[0] == b"HTTP/1.1 " + status
    # Nothing between the HEAD's headers and the next response.
    assert rest.startswith(b"HTTP/1.1 200 OK\r\n"), rest[:80]
    assert rest.endswith(b'{"status":"ok"}')


async def test_the_servers_scope_keeps_its_head() -> None:
    app = create_app(Settings(database_url=None, read_deadline=None))
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "HEAD",
        "scheme": "http",
        "path": "/healthz",
        "raw_path": b"/healthz",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"t")],
        "client": ("127.0.0.1", 1),
        "server": ("t", 80),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    call: Send = send
    arrive: Receive = receive
    await app(scope, arrive, call)
    assert scope["method"] == "HEAD"
    assert [m.get("body", b"") for m in sent[1:]] == [b""]
