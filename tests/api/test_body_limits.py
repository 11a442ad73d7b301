"""Bodies over the limit are a 413 problem on every write route, with or without a length."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from curation.support import make_key
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.app import create_app
from api.settings import Settings

LIMIT = Settings().max_body_bytes
WRITE_ROUTES = sorted(
    (method.upper(), path)
    for path, operations in create_app(Settings(database_url=None)).openapi()["paths"].items()
    for method in operations
    if method in {"post", "put", "patch", "delete"}
)


async def _chunks(size: int) -> AsyncIterator[bytes]:
    sent = 0
    while sent < size:
        piece = min(64 * 1024, size - sent)
        sent += piece
        yield b"{" + b" " * (piece - 1)


def _url(path: str) -> str:
    for name in ("{event_id}", "{pledge_id}", "{actor_id}", "{source}", "{key_id}", "{actor}"):
        path = path.replace(name, str(uuid.uuid4()))
    return path


def test_every_write_route_is_covered() -> None:
    assert {m for m, _ in WRITE_ROUTES} == {"POST", "PUT", "PATCH", "DELETE"}
    assert ("PUT", "/sources/{source}") in WRITE_ROUTES


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "content-length"])
@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES)
async def test_an_oversize_body_is_413(
    client: AsyncClient, session: AsyncSession, method: str, path: str, chunked: bool
) -> None:
    key = await make_key(session, "write", "admin")
    headers = key.auth | {"Content-Type": "application/json", "If-Match": "*"}
    size = LIMIT + 1
    content = _chunks(size) if chunked else b"{" + b" " * (size - 1)
    response = await client.request(method, _url(path), content=content, headers=headers)
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == f"Request body exceeds {LIMIT} bytes."
