"""HTTP caching: ETags, conditional GET, and the per-process response cache.

The response cache is pure ASGI middleware (not BaseHTTPMiddleware). It keeps complete 200
responses of GET requests keyed by path, query string, Accept header and content coding, in a
`ChangeAwareCache`: entries are dropped when the database announces a change
(`db.repositories.changes`, LISTEN in `api.change_listener`) and after a short TTL in case a
notification was missed.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.compression import identity_etag, negotiate_coding
from api.memo import ChangeAwareCache
from api.metrics import CACHE_HITS, CACHE_MISSES


def resource_etag(id: uuid.UUID, version: int) -> str:
    """Strong ETag of one event or pledge: changes exactly when its `version` does.

    Strong, so that editors can use it with If-Match (which requires strong comparison).
    """
    return f'"{id}.v{version}"'


def body_etag(body: bytes) -> str:
    """Strong ETag of a whole representation (lists): a hash of its bytes."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def weak_etag(*parts: object) -> str:
    """Weak ETag from a summary of the data (streamed exports, whose bytes are not known yet)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    return f'W/"{digest}"'


def cache_control(max_age: int) -> str:
    return f"public, max-age={max_age}"


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2), as If-None-Match requires."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    # Any content coding of the same version matches (api.compression.coded_etag).
    opaque = identity_etag(etag.removeprefix("W/"))
    return any(
        identity_etag(tag.strip().removeprefix("W/")) == opaque for tag in if_none_match.split(",")
    )


@dataclass(slots=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str | None
    route: object  # the route that made it, for the metrics and logs of later hits


ResponseCache = ChangeAwareCache[bytes, _Entry]


# Bodies above this are not worth pinning in memory (large pages, exports).
_MAX_BODY = 1024 * 1024


class ResponseCacheMiddleware:
    """Serves repeated GETs from a ResponseCache; answers If-None-Match from it with 304."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "authorization" in headers:
            # RFC 9111 3.5: a shared cache must not store or replay responses to authenticated
            # requests (e.g. GET /keys for an admin would be served to anyone afterwards).
            await self.app(scope, receive, send)
            return
        # Everything that shapes the body: path, query, Accept (format) and the content coding.
        # Not Host: links are built on the configured public URL (api.pagination.next_url).
        key = b"%s?%s|%s|%s" % (
            scope["path"].encode(),
            scope.get("query_string", b""),
            headers.get("accept", "").encode(),
            (negotiate_coding(headers.get("accept-encoding", "")) or "").encode(),
        )
        entry = self.cache.get(key)
        if entry is not None:
            CACHE_HITS.inc()
            scope["route"] = entry.route
            await _replay(entry, headers.get("if-none-match"), send)
            return
        CACHE_MISSES.inc()
        generation = self.cache.generation
        start: Message | None = None
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal start, cacheable
            if message["type"] == "http.response.start":
                start = message
                cache_control = next(
                    (v for k, v in message.get("headers", []) if k == b"cache-control"), b""
                )
                cacheable = message["status"] == 200 and not (
                    b"no-store" in cache_control or b"private" in cache_control
                )
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                # Streamed responses (exports) are not cached: they may be unbounded.
                if message.get("more_body", False) or sum(map(len, chunks)) > _MAX_BODY:
                    cacheable = False
                    chunks.clear()
                elif start is not None:
                    raw = list(start.get("headers", []))
                    etag = next((v.decode() for k, v in raw if k == b"etag"), None)
                    self.cache.put(
                        key,
                        _Entry(200, raw, b"".join(chunks), etag, scope.get("route")),
                        generation,
                    )
            await send(message)

        await self.app(scope, receive, capture)


async def _replay(entry: _Entry, if_none_match: str | None, send: Send) -> None:
    if entry.etag is not None and etag_matches(if_none_match, entry.etag):
        kept = [(k, v) for k, v in entry.headers if k in (b"etag", b"cache-control", b"link")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})
