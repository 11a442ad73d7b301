"""Pure ASGI middleware (not BaseHTTPMiddleware: it breaks contextvars and streaming)."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import (
    ApiError,
    InternalError,
    InvalidParameters,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
)
from api.problem_handlers import is_unavailable, problem_for_path

log = logging.getLogger("api.access")
error_log = logging.getLogger("api.errors")


def _nul_parameters(scope: Scope) -> list[str]:
    """Names of query parameters holding a NUL character (PostgreSQL text cannot store one)."""
    query: bytes = scope.get("query_string", b"")
    if b"%00" not in query and b"\x00" not in query:
        return []  # the common case, without parsing
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    return list(dict.fromkeys(name for name, value in pairs if "\x00" in name + value))


class ProblemMiddleware:
    """Last line of defence: an exception no handler took becomes a problem document.

    Database connectivity failures become 503 (the client may retry); anything else a 500 with
    the traceback in the server log only. Before that, a NUL character in the query or the path
    is refused here once for every route (422, or 404 for a path), instead of failing in the
    database driver.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = _refuse_nul(scope)
        if refused is not None:
            await problem_for_path(refused, scope["path"])(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except _BodyTooLarge:
            raise  # the body limit outside answers 413
        except Exception as exc:
            if started:
                error_log.exception("error after the response started on %s", scope["path"])
                return
            error: ApiError
            if is_unavailable(exc):
                error_log.warning("database unavailable: %s", type(exc).__name__, exc_info=True)
                error = ServiceUnavailable("The database is unreachable; retry shortly.")
            else:
                error_log.exception("unhandled error on %s %s", scope["method"], scope["path"])
                error = InternalError("An unexpected error occurred.")
            response = problem_for_path(error, scope["path"])
            await response(scope, receive, send)


def _refuse_nul(scope: Scope) -> ApiError | None:
    if "\x00" in scope["path"]:
        return NotFound("No resource has a NUL character in its path.")
    names = _nul_parameters(scope)
    if not names:
        return None
    return InvalidParameters(
        "Parameters must not contain NUL characters.",
        [{"name": name, "in": "query", "reason": "contains a NUL character"} for name in names],
    )


class BodyLimitMiddleware:
    """Refuses request bodies above `max_bytes` with a 413 problem, on every route.

    A declared `Content-Length` over the limit is refused before the route runs. A body without
    one (chunked) is counted as the route reads it; once over the limit, whatever the route
    answers instead (FastAPI's 400 for a body it could not read, the 500 of the problem
    middleware for the exception reading raised) is replaced by the 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = PayloadTooLarge(f"Request body exceeds {self.max_bytes} bytes.")
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await problem_for_path(too_large, scope["path"])(scope, receive, send)
            return
        if length is None and scope["method"] in _BODY_METHODS:
            # Chunked: read it here (at most the limit), so even a route that never reads its
            # body (DELETE) answers 413 for an oversize one.
            buffered = await _read_at_most(receive, self.max_bytes)
            if buffered is None:
                await problem_for_path(too_large, scope["path"])(scope, receive, send)
                return
            receive = _replay(buffered, receive)
        received = 0
        tripped = answered = False

        async def limited_receive() -> Message:
            nonlocal received, tripped
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    tripped = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if not tripped:
                answered = True
                await send(message)
            elif message["type"] == "http.response.start" and not answered:
                answered = True
                await problem_for_path(too_large, scope["path"])(scope, receive, send)
            # The rest of the route's own answer is dropped: the 413 was sent instead.

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            if not answered:
                await problem_for_path(too_large, scope["path"])(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _read_at_most(receive: Receive, limit: int) -> list[Message] | None:
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


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


class AccessLogMiddleware:
    """One structured line per request. Headers are never logged: they may carry API keys."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status: dict[str, Any] = {"code": 500}

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status["code"],
                    "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                },
            )
