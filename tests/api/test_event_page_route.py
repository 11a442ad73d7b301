"""The plain-page path of `GET /events`: which queries it takes, and that it answers exactly as
the declared route does (body, ETag, links, problems)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Any

import pytest
from fixtures_timeline import StoredTimeline
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request

from api.app import create_app
from api.routes import event_page_route
from api.settings import Settings
from db.repositories.raw import PooledReader


def _request(query: str, accept: str | None = None) -> Request:
    headers = [(b"accept", accept.encode())] if accept is not None else []
    return Request(
        {
            "type": "http",
            "method": "GET",
            "path": "/events",
            "query_string": query.encode(),
            "headers": headers,
        }
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {}),
        ("actor=Haftar&limit=50", {"actor": "Haftar", "limit": 50}),
        (
            "date_from=2020-10-01&date_to=2020-12-31",
            {"date_from": date(2020, 10, 1), "date_to": date(2020, 12, 31)},
        ),
        ("q=mercenaries&sort=-date", {"q": "mercenaries", "sort": "-date"}),
        ("type=agreement&type=meeting", {"type": ["agreement", "meeting"]}),
        ("format=json&min_sources=2", {"min_sources": 2}),
        (
            "source=814ba1a2-7dc6-5685-a588-51e896919233",
            {"source": uuid.UUID("814ba1a2-7dc6-5685-a588-51e896919233")},
        ),
        ("actor=5%2B5%20JMC", {"actor": "5+5 JMC"}),
    ],
)
def test_plainly_valid_queries_are_read_directly(query: str, expected: dict[str, Any]) -> None:
    assert event_page_route.plain_page_arguments(_request(query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",  # out of bounds: FastAPI's 422
        "limit=501",
        "limit=+5",  # forms an int parser might accept
        "limit=1_0",
        "limit=%D9%A3",  # a non-ASCII digit
        "date_from=2020-1-01",
        "date_from=2020-02-30",
        "date_to=0",
        "actor=",  # empty
        "actor=a&actor=b",  # repeated
        "count=true",  # left to FastAPI's boolean parsing
        "updated_since=2026-11-30T12:00:00Z",
        "sort=date2",
        "source=814BA1A2-7DC6-5685-A588-51E896919233",
        "format=csv",  # exports
        "unknown=1",
    ],
)
def test_anything_else_takes_the_declared_route(query: str) -> None:
    assert event_page_route.plain_page_arguments(_request(query)) is None


def test_an_accept_header_asking_for_an_export_takes_the_declared_route() -> None:
    assert event_page_route.plain_page_arguments(_request("", "text/csv")) is None
    assert event_page_route.plain_page_arguments(_request("format=json", "text/csv")) == {}
    assert event_page_route.plain_page_arguments(_request("", "application/json")) == {}


QUERIES = [
    "/events?limit=2",
    "/events?actor=Haftar&limit=2",
    "/events?date_from=2020-10-01&date_to=2021-12-31&sort=-date&limit=3",
    "/events?q=withdrawal",
    "/events?actor=nobody-of-that-name",  # 404 problem
    "/events?type=agreement&type=bogus",  # 422 problem from event_params
    "/events?date_from=2021-01-02&date_to=2021-01-01",  # 422: dates in the wrong order
    "/events?cursor=bm90LWEtY3Vyc29y",  # 400: malformed cursor
]


@pytest.mark.parametrize("url", QUERIES)
async def test_the_plain_path_answers_as_the_declared_route_does(
    client: AsyncClient,
    timeline: StoredTimeline,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
) -> None:
    taken: list[object] = []
    read = event_page_route.plain_page_arguments

    def spy(request: Request) -> dict[str, Any] | None:
        taken.append(read(request))
        return taken[-1]

    monkeypatch.setattr(event_page_route, "plain_page_arguments", spy)
    event_page_route.PLAIN_QUERIES.clear()  # (parameters of a query seen before are kept)
    direct = await client.get(url)
    assert taken[0] is not None  # the plain path answered
    follow = direct.json().get("next") if direct.status_code == 200 else None
    direct_next = await client.get(follow) if follow else None
    monkeypatch.setattr(event_page_route, "plain_page_arguments", lambda request: None)
    event_page_route.PLAIN_QUERIES.clear()
    declared = await client.get(url)
    declared_next = await client.get(follow) if follow else None
    assert direct.status_code == declared.status_code
    assert direct.content == declared.content
    for name in ("etag", "link", "content-type", "cache-control", "vary"):
        assert direct.headers.get(name) == declared.headers.get(name)
    if direct_next is not None and declared_next is not None:
        assert direct_next.content == declared_next.content
        assert direct_next.headers.get("etag") == declared_next.headers.get("etag")
        # (its next link from what the listing's entry keeps of the query)
        assert direct_next.headers.get("link") == declared_next.headers.get("link")


async def test_pages_on_a_pooled_connection_equal_the_session_pages(
    corpus_client: AsyncClient, corpus_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A served app (real engine, no session override) reads a plain page on a pooled
    connection once it remembers the actor; the answer is the test client's, byte for byte."""
    used: list[int] = []

    class CountingReader(PooledReader):
        async def __aenter__(self) -> PooledReader:
            used.append(1)
            return await super().__aenter__()

    monkeypatch.setattr(event_page_route, "PooledReader", CountingReader)
    settings = Settings(
        database_url=corpus_engine.url.render_as_string(hide_password=False),
        public_url="http://testserver",
        response_cache=False,
        read_deadline=None,
        extract_workers=0,
    )
    app = create_app(settings)
    urls = ["/events?limit=3", "/events?actor=Haftar&limit=2", "/events?actor=Haftar&limit=2"]
    async with (
        app.router.lifespan_context(app),
        AsyncClient(
            transport=ASGITransport(app=app),
            base_url="http://testserver",
            headers={"Accept-Encoding": "identity"},
        ) as served,
    ):
        for _ in range(100):  # the memo is trusted once the change listener is connected
            if app.state.actor_lookup.fresh():
                break
            await asyncio.sleep(0.1)
        answers = [await served.get(url) for url in urls]
        follow = answers[-1].json()["next"]
        answers.append(await served.get(follow))
    assert len(used) == 3  # the first actor page resolved the name on a session
    expected = [await corpus_client.get(url) for url in [*urls, follow]]
    for got, want in zip(answers, expected, strict=True):
        assert (got.status_code, got.content) == (200, want.content)
        assert got.headers["etag"] == want.headers["etag"]
        assert got.headers.get("link") == want.headers.get("link")


async def test_the_pages_of_one_listing_read_its_parameters_once(
    client: AsyncClient, timeline: StoredTimeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    read = event_page_route.plain_page_arguments

    def spy(request: Request) -> dict[str, Any] | None:
        calls.append(request.url.query)
        return read(request)

    monkeypatch.setattr(event_page_route, "plain_page_arguments", spy)
    event_page_route.PLAIN_QUERIES.clear()
    first = await client.get("/events?limit=2")
    second = await client.get(first.json()["next"])
    again = await client.get("/events?limit=2")
    assert calls == ["limit=2"]  # the cursor page and the repeat reused them
    assert second.json()["items"] != first.json()["items"]
    assert (again.content, again.headers["etag"]) == (first.content, first.headers["etag"])
    # The format depends on Accept: another Accept is another entry (here a CSV export).
    csv = await client.get("/events?limit=2", headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    # A repeated or empty cursor is the declared route's to answer, as without the memo.
    cursor = first.json()["next"].split("cursor=")[1]
    twice = await client.get(f"/events?limit=2&cursor={cursor}&cursor={cursor}")
    empty = await client.get("/events?limit=2&cursor=")
    assert twice.status_code == 200 and empty.json()["items"] == first.json()["items"]
