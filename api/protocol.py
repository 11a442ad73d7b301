"""HTTP details every route shares: HEAD as a bodiless GET, and a bound on URL length."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import UriTooLong
from api.problem_handlers import problem_for_path

# Longer than any URL the API writes (a `next` link with every filter is well under 1 KB),
# far below what proxies refuse (8 KB is common): a longer URL is a mistake or a probe.
MAX_URL_BYTES = 8192


class HeadAndUrlLimitMiddleware:
    """HEAD runs the GET route and drops the body (RFC 9110 9.3.2: the same headers, no content).

    Starlette adds HEAD to its own GET routes but FastAPI's do not, so without this every HEAD
    was a 405. A URL (path and query) over MAX_URL_BYTES is a 414 problem document.
    """

    def __init__(self, app: ASGIApp, max_url_bytes: int = MAX_URL_BYTES) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if length > self.max_url_bytes:
            error = UriTooLong(f"The URL is {length} bytes long; at most {self.max_url_bytes}.")
            await problem_for_path(error, scope["path"][:200])(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b""})

        # In place, so that outer middleware sees the route that answered (metrics, logs); they
        # kept the request's own method before calling in.
        scope["method"] = "GET"
        await self.app(scope, receive, headers_only)
