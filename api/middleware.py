"""The service's one ASGI layer around the routes: every per-request concern in one pass.

Pure ASGI (not BaseHTTPMiddleware: it breaks contextvars and streaming), and one layer instead
of a stack: each concern used to be a middleware that wrapped `send` again (six closures, two
tasks for the read deadline, request headers parsed four times), which cost a cheap page a
fifth of its CPU. Here the request headers are read once and one `send` carries each response
through the stages, innermost first, in the order the stack had them:

1. compression (brotli or gzip, `api.compression.ResponseCoder`), with its coded ETags;
2. the response cache (`api.caching`): complete public 200s of GETs without credentials;
3. HEAD: the GET route's headers without the body (RFC 9110 9.3.2);
4. the read deadline: a GET or HEAD whose response has not started within `read_deadline`
   seconds is a 503 (the statement and connect timeouts bound each wait on the database, this
   bounds their sum); a started response (a streamed export) runs to its end;
5. the body limit: a body over `max_body_bytes` is a 413, whatever the route answered;
6. CORS (Starlette's rules), then the X-Request-ID header, the metrics and the access log.

Before the route: a URL with a NUL character or over the length bound is refused
(`api.protocol.refusal`). An exception no handler took becomes a problem document: 503 when the
database is unreachable (the client may retry), else a 500 with the traceback in the log only.
"""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import Capture, ResponseCache, cache_key, replay
from api.compression import ResponseCoder, add_vary, negotiate_coding
from api.errors import ApiError, InternalError, PayloadTooLarge, ServiceUnavailable
from api.logging_config import REQUEST_ID
from api.metrics import CACHE_HITS, CACHE_MISSES, UNMATCHED, observe_request
from api.problem_handlers import is_unavailable, problem_for_path
from api.protocol import BODY_METHODS, MAX_URL_BYTES, read_at_most, refusal, replayed, request_id

log = logging.getLogger("api.access")
error_log = logging.getLogger("api.errors")

# The request headers any stage reads; the first of each counts (as Starlette's Headers.get).
_READ = frozenset(
    {
        b"accept",
        b"accept-encoding",
        b"authorization",
        b"content-length",
        b"if-none-match",
        b"origin",
        b"transfer-encoding",
        b"x-request-id",
    }
)
_START = "http.response.start"


class ServiceMiddleware:
    """Wraps the routes once; see the module's docstring for what each request goes through."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        read_deadline: float | None = None,
        max_body_bytes: int = 2 * 1024 * 1024,
        cache: ResponseCache | None = None,
        cors: CORSMiddleware | None = None,
        max_url_bytes: int = MAX_URL_BYTES,
    ) -> None:
        self.app = app
        self.read_deadline = read_deadline
        self.max_body_bytes = max_body_bytes
        self.cache = cache
        self.cors = cors  # its rules only: it never wraps the app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _READ and name not in headers:
                headers[name] = value
        method = scope["method"]  # the request's own: HEAD is answered as GET further in
        ex = _Exchange(self, scope, headers, send)
        token = REQUEST_ID.set(ex.request_id)
        try:
            await self._serve(ex, scope, receive, method)
        finally:
            duration = time.perf_counter() - began
            # The template as documented (`{event_id}`, without a convertor such as `:uuid`).
            route = getattr(ex.scope.get("route"), "path_format", UNMATCHED)
            observe_request(method, route, ex.status, duration)
            if log.isEnabledFor(logging.INFO):  # (LOG_LEVEL=warning: not even the fields)
                _log_access(scope, method, route, ex, duration)
            REQUEST_ID.reset(token)

    async def _serve(self, ex: _Exchange, scope: Scope, receive: Receive, method: str) -> None:
        cors = self.cors
        if (
            cors is not None
            and ex.origin is not None
            and method == "OPTIONS"
            and _has(scope, b"access-control-request-method")
        ):
            preflight = cors.preflight_response(request_headers=Headers(scope=scope))
            await preflight(scope, receive, ex.identified)  # (its own CORS headers)
            return
        # The body limit: a declared length over it is refused before the route runs.
        length = ex.headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await ex.refuse_body()
            return
        if length is None and (method in BODY_METHODS or b"transfer-encoding" in ex.headers):
            if method in BODY_METHODS:
                # Read here (at most the limit), so that even a route that never reads its
                # body (DELETE) answers 413 for an oversize one.
                buffered = await read_at_most(receive, self.max_body_bytes)
                if buffered is None:
                    await ex.refuse_body()
                    return
                receive = replayed(buffered, receive)
            else:
                receive = ex.counting(receive)  # counted as the route reads it
        refused = refusal(scope, self.max_url_bytes)
        if refused is not None:
            await problem_for_path(*refused)(scope, receive, ex.guarded)
            return
        if method == "HEAD":
            # The routes answer a copy whose method is GET. The server's own scope must keep
            # HEAD: uvicorn reads it as it sends, and with GET there it wrote the chunked end
            # of a streamed body (garbage before the connection's next response) and failed on
            # every Content-Length the empty body left unmet. `ex.scope` is the copy, so the
            # metrics and the log see the route that answered.
            scope = ex.scope = {**scope, "method": "GET"}
            ex.head = True
        try:
            if self.read_deadline is not None and method in ("GET", "HEAD"):
                await self._within_deadline(ex, scope, receive)
            else:
                await self._route(ex, scope, receive)
        except _BodyTooLarge:
            if not ex.answered:
                await ex.refuse_body()
        except Exception as exc:
            error = _error(exc, scope, ex.started)
            if error is not None:
                await problem_for_path(error, scope["path"])(scope, receive, ex.guarded)

    async def _within_deadline(self, ex: _Exchange, scope: Scope, receive: Receive) -> None:
        """The route in a task of its own, awaited until it ends or the deadline passes. If its
        response has not started by then, the 503 goes out now and the route is cancelled in
        the background: its cleanup may itself wait on a hung server, and must not hold up the
        answer. (One task, one future and a timer: `asyncio.wait` on a second task cost more.)"""
        loop = asyncio.get_running_loop()
        route = loop.create_task(self._route(ex, scope, receive))
        over: asyncio.Future[None] = loop.create_future()

        def ended(_: object) -> None:
            if not over.done():
                over.set_result(None)

        route.add_done_callback(ended)
        assert self.read_deadline is not None
        timer = loop.call_later(self.read_deadline, ex.expire, route, over)
        try:
            await over
        except asyncio.CancelledError:
            route.cancel()  # the request itself was cancelled (server shutting down)
            raise
        finally:
            timer.cancel()
        if not ex.expired:
            await route  # done: its result, or its exception for the handlers in _serve
            return
        _BACKGROUND.add(route)
        route.add_done_callback(_forget)
        error = ServiceUnavailable("The database did not answer in time; retry shortly.")
        await problem_for_path(error, scope["path"])(scope, receive, ex.guarded)

    async def _route(self, ex: _Exchange, scope: Scope, receive: Receive) -> None:
        cache = self.cache
        if cache is not None and scope["method"] == "GET" and b"authorization" not in ex.headers:
            # RFC 9111 3.5: a shared cache must not store or replay responses to authenticated
            # requests (e.g. GET /keys for an admin would be served to anyone afterwards).
            key = cache_key(scope, ex.headers.get(b"accept", b""), ex.coder.coding)
            entry = cache.get(key)
            if entry is not None:
                CACHE_HITS.inc()
                scope["route"] = entry.route
                for message in replay(entry, ex.if_none_match):
                    await ex.uncoded(message)
                return
            CACHE_MISSES.inc()
            ex.capture = Capture(cache, key, scope)
        await self.app(scope, receive, ex.send)


class _BodyTooLarge(Exception):
    pass


class _Exchange:
    """One request's state, and the one `send` its response goes through."""

    __slots__ = (
        "answered",
        "capture",
        "coder",
        "expired",
        "head",
        "headers",
        "if_none_match",
        "layer",
        "origin",
        "raw_send",
        "request_id",
        "scope",
        "started",
        "status",
        "tripped",
    )

    def __init__(
        self, layer: ServiceMiddleware, scope: Scope, headers: dict[bytes, bytes], send: Send
    ) -> None:
        self.layer = layer
        self.scope = scope
        self.headers = headers
        self.raw_send = send
        self.request_id = request_id(headers.get(b"x-request-id"))
        origin = headers.get(b"origin")
        self.origin = None if origin is None else origin.decode("latin-1")
        self.if_none_match = headers.get(b"if-none-match", b"").decode("latin-1")
        coding = negotiate_coding(headers.get(b"accept-encoding", b"").decode("latin-1"))
        self.coder = ResponseCoder(coding, self.if_none_match)
        self.capture: Capture | None = None
        self.head = False
        self.status = 500
        self.started = False  # the route's response went out (the deadline no longer applies)
        self.expired = False  # the read deadline passed first: a 503 went out instead
        self.tripped = False  # the body went over the limit as the route read it
        self.answered = False  # a response start went out

    async def send(self, message: Message) -> None:
        """What the route sends (stages 1-6)."""
        if self.expired:  # a 503 went out instead; the late route's answer goes nowhere
            return
        for out in self.coder.process(message):
            await self.uncoded(out)

    async def uncoded(self, message: Message) -> None:
        """Stages 2-6 (a cached response joins here)."""
        if self.capture is not None:
            self.capture.record(message)
        if message["type"] == _START:
            self.started = True
        elif self.head:
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b""}
        await self.guarded(message)

    async def guarded(self, message: Message) -> None:
        """Stages 5-6: once the body went over the limit, the route's answer becomes the 413."""
        if not self.tripped:
            self.answered = True
            await self.logged(message)
        elif message["type"] == _START and not self.answered:
            await self.refuse_body()
        # The rest of the route's own answer is dropped: the 413 was sent instead.

    async def logged(self, message: Message) -> None:
        """Stage 6: CORS headers, then the request id."""
        cors = self.layer.cors
        if cors is not None and message["type"] == _START:
            if self.origin is not None:
                await cors.send(message, self.identified, Headers(scope=self.scope))
                return
            # As Starlette's CORS does for a request without Origin: caches must key on it.
            raw = message["headers"] = list(message.get("headers", ()))
            add_vary(raw, b"Origin")
        await self.identified(message)

    async def identified(self, message: Message) -> None:
        """The X-Request-ID header, and the status for the metrics and log."""
        if message["type"] == _START:
            self.status = message["status"]
            own = (b"x-request-id", self.request_id.encode())
            message["headers"] = [*message.get("headers", ()), own]
        await self.raw_send(message)

    async def refuse_body(self) -> None:
        self.answered = True
        too_large = PayloadTooLarge(f"Request body exceeds {self.layer.max_body_bytes} bytes.")
        await problem_for_path(too_large, self.scope["path"])(self.scope, _no_body, self.logged)

    def counting(self, receive: Receive) -> Receive:
        received = 0
        limit = self.layer.max_body_bytes

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    self.tripped = True
                    raise _BodyTooLarge
            return message

        return limited_receive

    def expire(self, route: asyncio.Task[None], over: asyncio.Future[None]) -> None:
        """At the read deadline: unless the response started, the route is abandoned."""
        if self.started or route.done() or over.done():
            return  # (a started response runs to its end)
        error_log.warning(
            "no response within %ss on %s", self.layer.read_deadline, self.scope["path"]
        )
        self.expired = True
        route.cancel()
        over.set_result(None)


# Routes abandoned at the read deadline, kept referenced until their cancellation completes.
_BACKGROUND: set[asyncio.Task[None]] = set()


def _forget(task: asyncio.Task[None]) -> None:
    _BACKGROUND.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved: it was answered with a 503 already


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _has(scope: Scope, name: bytes) -> bool:
    return any(key == name for key, _ in scope["headers"])


def _error(exc: Exception, scope: Scope, started: bool) -> ApiError | None:
    if started:
        error_log.exception("error after the response started on %s", scope["path"])
        return None
    if is_unavailable(exc):
        error_log.warning("database unavailable: %s", type(exc).__name__, exc_info=True)
        return ServiceUnavailable("The database is unreachable; retry shortly.")
    error_log.exception("unhandled error on %s %s", scope["method"], scope["path"])
    return InternalError("An unexpected error occurred.")


def _log_access(scope: Scope, method: str, route: str, ex: _Exchange, duration: float) -> None:
    """One structured line per request. Headers are never logged: they may carry API keys."""
    client = scope.get("client")
    log.info(
        "request",
        extra={
            "method": method,
            "route": route,
            "path": scope["path"],
            "query": scope.get("query_string", b"").decode("latin-1"),
            "status": ex.status,
            "duration_ms": round(duration * 1000, 2),
            "client": client[0] if client else None,
            "request_id": ex.request_id,
        },
    )
