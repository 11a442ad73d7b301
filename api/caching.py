"""HTTP caching: ETags, conditional GET, and the per-process response cache.

The response cache (consulted and filled by `api.middleware`) keeps complete 200 responses of
GET requests keyed by path, query string, Accept header and content coding, in a
`ChangeAwareCache`: entries are dropped when the database announces a change
(`db.repositories.changes`, LISTEN in `api.change_listener`) and after a short TTL in case a
notification was missed.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import xxhash
from starlette.types import Message, Scope

from api.compression import identity_etag
from api.memo import ChangeAwareCache


def resource_etag(id: uuid.UUID, version: int) -> str:
    """Strong ETag of one event or pledge: changes exactly when its `version` does.

    Strong, so that editors can use it with If-Match (which requires strong comparison).
    """
    return f'"{id}.v{version}"'


def body_etag(body: bytes) -> str:
    """Strong ETag of a whole representation (lists): a 128-bit hash of its bytes.

    XXH3-128: a validator needs no cryptographic strength (the bytes are public and the tag
    only says whether they changed), and it hashes a 35 KB page in about 1 us, where SHA-256
    took ~80 us, the largest single cost of an uncached page.
    """
    return '"' + xxhash.xxh3_128_hexdigest(body) + '"'


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


def cache_key(scope: Scope, accept: bytes, coding: str | None) -> bytes:
    """Everything that shapes a GET's body: path, query, Accept (format) and the content coding.

    Not Host: links are built on the configured public URL (api.pagination.next_url).
    """
    return b"%s?%s|%s|%s" % (
        scope["path"].encode(),
        scope.get("query_string", b""),
        accept,
        (coding or "").encode(),
    )


class Capture:
    """Keeps one response, as it goes out, in the cache if it is a complete, public 200."""

    __slots__ = ("cache", "cacheable", "chunks", "generation", "key", "scope", "start")

    def __init__(self, cache: ResponseCache, key: bytes, scope: Scope) -> None:
        self.cache = cache
        self.key = key
        self.scope = scope
        # Taken before the route reads: a change committed meanwhile makes the entry stale.
        self.generation = cache.generation
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.cacheable = True

    def record(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            cache_control = next(
                (v for k, v in message.get("headers", []) if k == b"cache-control"), b""
            )
            self.cacheable = message["status"] == 200 and not (
                b"no-store" in cache_control or b"private" in cache_control
            )
        elif message["type"] == "http.response.body" and self.cacheable:
            chunks = self.chunks
            chunks.append(message.get("body", b""))
            # Streamed responses (exports) are not cached: they may be unbounded.
            if message.get("more_body", False) or sum(map(len, chunks)) > _MAX_BODY:
                self.cacheable = False
                chunks.clear()
            elif self.start is not None:
                raw = list(self.start.get("headers", []))
                etag = next((v.decode() for k, v in raw if k == b"etag"), None)
                entry = _Entry(200, raw, b"".join(chunks), etag, self.scope.get("route"))
                self.cache.put(self.key, entry, self.generation)


def replay(entry: _Entry, if_none_match: str | None) -> list[Message]:
    """A cached response's messages, or a 304 when the client holds its version."""
    if entry.etag is not None and etag_matches(if_none_match, entry.etag):
        kept = [(k, v) for k, v in entry.headers if k in (b"etag", b"cache-control", b"link")]
        return [
            {"type": "http.response.start", "status": 304, "headers": kept},
            {"type": "http.response.body", "body": b""},
        ]
    return [
        {"type": "http.response.start", "status": entry.status, "headers": entry.headers},
        {"type": "http.response.body", "body": entry.body},
    ]
