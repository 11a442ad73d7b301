"""HTTP details every route shares, checked by `api.middleware` before any route runs.

A URL over MAX_URL_BYTES (414) or with a NUL character (422 naming the parameter, or 404 for
the path) is refused; a request id is taken from the caller when it is a plain token; a body
without a Content-Length is read here, at most up to the body limit.
"""

from __future__ import annotations

import itertools
import os
import re
import uuid
from urllib.parse import parse_qsl

from starlette.types import Message, Receive, Scope

from api.errors import ApiError, InvalidParameters, NotFound, UriTooLong

# Longer than any URL the API writes (a `next` link with every filter is well under 1 KB),
# far below what proxies refuse (8 KB is common): a longer URL is a mistake or a probe.
MAX_URL_BYTES = 8192


def refusal(scope: Scope, max_url_bytes: int = MAX_URL_BYTES) -> tuple[ApiError, str] | None:
    """Why the request's URL is refused, with the path the problem names; None if it is not.

    NUL characters first (PostgreSQL text cannot store one, so every route would fail in the
    database driver), then the URL's length.
    """
    path: str = scope["path"]
    if "\x00" in path:
        return NotFound("No resource has a NUL character in its path."), path
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        names = _nul_parameters(query)
        if names:
            return InvalidParameters(
                "Parameters must not contain NUL characters.",
                [
                    {"name": name, "in": "query", "reason": "contains a NUL character"}
                    for name in names
                ],
            ), path
    length = len(scope.get("raw_path") or path.encode()) + len(query)
    if length > max_url_bytes:
        error = UriTooLong(f"The URL is {length} bytes long; at most {max_url_bytes}.")
        return error, path[:200]
    return None


def _nul_parameters(query: bytes) -> list[str]:
    """Names of query parameters holding a NUL character."""
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    return list(dict.fromkeys(name for name, value in pairs if "\x00" in name + value))


_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id(given: bytes | None) -> str:
    """The caller's X-Request-ID when it is a plain token, else a new one (32 hex digits)."""
    if given is not None:
        candidate = given.decode("latin-1")
        if _REQUEST_ID.fullmatch(candidate):
            return candidate
    return _new_id()


# A new id is this process's random prefix and a count: unique across processes and
# restarts like a uuid4, without reading the system's random source on every request. A
# forked worker draws its own prefix (at the fork, not by asking for the process id on
# every request: a system call each time).
_prefix = ""
_count = itertools.count()


def _draw_prefix() -> None:
    global _prefix
    _prefix = uuid.uuid4().hex[:16]


_draw_prefix()
os.register_at_fork(after_in_child=_draw_prefix)


def _new_id() -> str:
    return f"{_prefix}{next(_count) & 0xFFFF_FFFF_FFFF_FFFF:016x}"


BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def read_at_most(receive: Receive, limit: int) -> list[Message] | None:
    """The request's body messages, or None as soon as they exceed `limit` bytes."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > limit:
            return None
        if not message.get("more_body", False):
            return messages


def replayed(messages: list[Message], receive: Receive) -> Receive:
    """A receive that hands out the messages already read, then reads on."""
    pending = list(messages)

    async def receive_again() -> Message:
        return pending.pop(0) if pending else await receive()

    return receive_again
