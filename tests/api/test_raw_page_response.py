"""The JSON page response writes its header list itself: the same headers Response would."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import Response

from api.caching import body_etag
from api.responses import JSON, raw_page_response


def _request(if_none_match: str | None = None) -> Request:
    headers = [(b"host", b"example.org")]
    if if_none_match is not None:
        headers.append((b"if-none-match", if_none_match.encode()))
    app: Any = SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(cache_max_age=60)))
    return Request({"type": "http", "headers": headers, "app": app, "query_string": b""})


@pytest.mark.parametrize(
    ("next_url", "total"),
    [("https://api.example/events?limit=1&cursor=abc", None), (None, None), (None, 7)],
)
def test_the_page_has_the_headers_a_response_built_from_a_dict_has(
    next_url: str | None, total: int | None
) -> None:
    items = b'[{"id":"e1","title":"Talks in Geneva"}]'
    got = raw_page_response(_request(), items, next_url, headers={"Vary": "Accept"}, total=total)
    expected_body = b'{"items":' + items + b',"next":'
    expected_body += (b"null" if next_url is None else f'"{next_url}"'.encode()) + (
        b"" if total is None else b',"total":7'
    )
    expected_body += b"}"
    link = {} if next_url is None else {"Link": f'<{next_url}>; rel="next"'}
    expected = Response(
        expected_body,
        media_type=JSON,
        headers={
            "ETag": body_etag(expected_body),
            "Cache-Control": "public, max-age=60",
            **link,
            "Vary": "Accept",
        },
    )
    assert (got.status_code, got.body) == (200, expected.body)
    assert got.raw_headers == expected.raw_headers


def test_the_page_the_client_holds_is_a_304_with_its_validators() -> None:
    items = b"[]"
    etag = body_etag(b'{"items":[],"next":"https://api.example/events?cursor=x"}')
    got = raw_page_response(
        _request(f"W/{etag}"), items, "https://api.example/events?cursor=x", headers={"Vary": "A"}
    )
    assert got.status_code == 304
    assert got.body == b""
    assert dict(got.headers) == {
        "etag": etag,
        "cache-control": "public, max-age=60",
        "link": '<https://api.example/events?cursor=x>; rel="next"',
        "vary": "A",
    }
