"""Pure ASGI middleware (not BaseHTTPMiddleware: it breaks contextvars and streaming)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from asyncio import FIRST_COMPLETED
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
from api.logging_config import REQUEST_ID
from api.metrics import UNMATCHED, observe_request
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

    A read (GET, HEAD) whose response has not started within `read_deadline` seconds is a 503
    too: the statement and connect timeouts bound each wait on the database, this bounds their
    sum, so a hung database answers within the deadline whatever the route does. Once the
    response has started (a streamed export), it runs to its end.
    """

    def __init__(self, app: ASGIApp, read_deadline: float | None = None) -> None:
        self.app = app
        self.read_deadline = read_deadline

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = _refuse_nul(scope)
        if refused is not None:
            await problem_for_path(refused, scope["path"])(scope, receive, send)
            return
        started = False
        abandoned = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if abandoned:  # a 503 went out instead; what the late route sends goes nowhere
                return
            if message["type"] == "http.response.start":
                started = True
                first_byte.set()
            await send(message)

        first_byte = asyncio.Event()
        error: ApiError | None = None
        try:
            if self.read_deadline is None or scope["method"] not in ("GET", "HEAD"):
                await self.app(scope, receive, tracking_send)
                return
            task = asyncio.ensure_future(self.app(scope, receive, tracking_send))
            waiter = asyncio.ensure_future(first_byte.wait())
            try:
                await asyncio.wait(
                    (task, waiter), timeout=self.read_deadline, return_when=FIRST_COMPLETED
                )
            finally:
                waiter.cancel()
            if task.done() or started:
                await task
                return
            # Neither an answer nor its first byte in time: a hung database. The route is
            # cancelled in the background (closing its connection may itself wait on the
            # server); the client gets its 503 now.
            abandoned = True
            task.cancel()
            _BACKGROUND.add(task)
            task.add_done_callback(_forget)
            error_log.warning("no response within %ss on %s", self.read_deadline, scope["path"])
            error = ServiceUnavailable("The database did not answer in time; retry shortly.")
        except _BodyTooLarge:
            raise  # the body limit outside answers 413
        except Exception as exc:
            error = self._error(exc, scope, started)
        if error is not None:
            await problem_for_path(error, scope["path"])(scope, receive, send)

    def _error(self, exc: Exception, scope: Scope, started: bool) -> ApiError | None:
        if started:
            error_log.exception("error after the response started on %s", scope["path"])
            return None
        if is_unavailable(exc):
            error_log.warning("database unavailable: %s", type(exc).__name__, exc_info=True)
            return ServiceUnavailable("The database is unreachable; retry shortly.")
        error_log.exception("unhandled error on %s %s", scope["method"], scope["path"])
        return InternalError("An unexpected error occurred.")


# Routes abandoned at the read deadline, kept referenced until their cancellation completes.
_BACKGROUND: set[asyncio.Future[None]] = set()


def _forget(task: asyncio.Future[None]) -> None:
    _BACKGROUND.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved: it was answered with a 503 already


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
        length = next(
            (value for name, value in scope.get("headers", ()) if name == b"content-length"), None
        )
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


_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _request_id(scope: Scope) -> str:
    """The caller's X-Request-ID when it is a plain token, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate: str = value.decode("latin-1")
            if _REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class AccessLogMiddleware:
    """One structured line and the metrics of every request; X-Request-ID in and out.

    The request id is also attached to every other line logged while the request runs
    (`api.logging_config.REQUEST_ID`). Headers are never logged: they may carry API keys.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        method = scope["method"]  # HEAD is answered as GET further in
        request_id = _request_id(scope)
        token = REQUEST_ID.set(request_id)
        status = 500
        raw_id = request_id.encode()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", raw_id)]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            duration = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", UNMATCHED)
            observe_request(method, route, status, duration)
            if log.isEnabledFor(logging.INFO):  # (LOG_LEVEL=warning: not even the fields)
                client = scope.get("client")
                log.info(
                    "request",
                    extra={
                        "method": method,
                        "route": route,
                        "path": scope["path"],
                        "query": scope.get("query_string", b"").decode("latin-1"),
                        "status": status,
                        "duration_ms": round(duration * 1000, 2),
                        "client": client[0] if client else None,
                        "request_id": request_id,
                    },
                )
            REQUEST_ID.reset(token)
