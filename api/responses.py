"""Response builders: orjson bodies with ETag and Cache-Control, 304 on If-None-Match."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from api.caching import body_etag, cache_control, etag_matches
from api.pagination import link_header

JSON = "application/json"


def dumps(content: Any, option: int = 0) -> bytes:
    # asyncpg returns its own UUID type, which orjson does not know: str() it.
    return orjson.dumps(content, default=str, option=option)


def _max_age(request: Request) -> int:
    return int(request.app.state.settings.cache_max_age)


def _conditional(
    request: Request, etag: str, headers: Mapping[str, str] | None = None
) -> tuple[dict[str, str], Response | None]:
    merged = {"ETag": etag, "Cache-Control": cache_control(_max_age(request)), **(headers or {})}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return merged, Response(status_code=304, headers=merged)
    return merged, None


def json_response(
    request: Request,
    content: Any,
    *,
    etag: str | None = None,
    headers: Mapping[str, str] | None = None,
    media_type: str = JSON,
) -> Response:
    """`content` as JSON; ETag is `etag` (a resource version) or a hash of the body."""
    body = dumps(content)
    merged, not_modified = _conditional(request, etag or body_etag(body), headers)
    if not_modified is not None:
        return not_modified
    return Response(body, media_type=media_type, headers=merged)


def page_response(
    request: Request,
    items: list[dict[str, Any]],
    next_url: str | None,
    *,
    headers: Mapping[str, str] | None = None,
    total: int | None = None,
) -> Response:
    """A list page: `{"items": [...], "next": url|null}` plus an RFC 8288 Link header;
    `total` (every match, all pages) when the client asked for it with `count=true`."""
    return json_response(
        request,
        {"items": items, "next": next_url, **({} if total is None else {"total": total})},
        headers={**link_header(next_url), **(headers or {})},
    )


def raw_page_response(
    request: Request,
    items: bytes,
    next_url: str | None,
    *,
    headers: Mapping[str, str] | None = None,
    total: int | None = None,
) -> Response:
    """`page_response` for items already serialised as a JSON array (built by PostgreSQL).

    The hot path of `GET /events`: the 200's header list is written out directly, in the
    order `Response` would give it, rather than merged into a dict and encoded header by
    header (see `RawResponse`).
    """
    body = b'{"items":' + items + b',"next":' + dumps(next_url)
    body += (b"" if total is None else b',"total":' + dumps(total)) + b"}"
    etag = body_etag(body)
    if etag_matches(request.headers.get("if-none-match"), etag):
        _, not_modified = _conditional(request, etag, {**link_header(next_url), **(headers or {})})
        if not_modified is not None:
            return not_modified
    raw = [
        (b"etag", etag.encode()),
        (b"cache-control", cache_control(_max_age(request)).encode()),
    ]
    if next_url:
        raw.append((b"link", f'<{next_url}>; rel="next"'.encode("latin-1")))
    for name, value in (headers or {}).items():
        raw.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    raw.append((b"content-length", str(len(body)).encode()))
    raw.append((b"content-type", _JSON_TYPE))
    return RawResponse(body, raw)


_JSON_TYPE = JSON.encode()


class RawResponse(Response):
    """A 200 whose header list is already built, as `Response` would build it from a dict of
    headers and a media type: content-length and content-type included."""

    def __init__(self, body: bytes, raw_headers: list[tuple[bytes, bytes]]) -> None:
        self.status_code = 200
        self.background = None
        self.body = body
        self.raw_headers = raw_headers


def text_response(request: Request, body: bytes, *, media_type: str) -> Response:
    merged, not_modified = _conditional(request, body_etag(body))
    if not_modified is not None:
        return not_modified
    return Response(body, media_type=media_type, headers=merged)


def stream_response(
    request: Request,
    chunks: AsyncIterator[bytes],
    *,
    media_type: str,
    etag: str,
    filename: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    headers = {
        **({"Content-Disposition": f'inline; filename="{filename}"'} if filename else {}),
        **(headers or {}),
    }
    merged, not_modified = _conditional(request, etag, headers)
    if not_modified is not None:
        return not_modified
    return StreamingResponse(chunks, media_type=media_type, headers=merged)
