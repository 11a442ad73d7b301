"""Keyset pagination: next links, Link headers, cursors, limits, bounded SQL per page."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession
from test_events import ALL_LIVE

from api.errors import BadRequest
from api.pagination import date_uuid_key, encode_cursor, kept_query, next_url
from db.models import Event, EventActor, Mention


async def walk(client: AsyncClient, url: str) -> tuple[list[str], list[dict[str, Any]]]:
    ids: list[str] = []
    pages: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url:
        response = await client.get(next_url)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append({"next": body["next"], "link": response.headers.get("link")})
        ids += [e["id"] for e in body["items"]]
        next_url = body["next"]
    return ids, pages


async def test_pages_cover_the_timeline_once_in_order(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    ids, pages = await walk(client, "/events?limit=3")
    assert timeline.event_keys(ids) == timeline.ordered(*ALL_LIVE)
    assert len(pages) == 4
    for page in pages[:-1]:
        assert page["next"].startswith("http://testserver/events?limit=3&cursor=")
        assert page["link"] == f'<{page["next"]}>; rel="next"'
    assert pages[-1] == {"next": None, "link": None}


async def test_descending_pages(client: AsyncClient, timeline: StoredTimeline) -> None:
    ids, _ = await walk(client, "/events?limit=4&sort=-date")
    assert timeline.event_keys(ids) == list(reversed(timeline.ordered(*ALL_LIVE)))


async def test_next_keeps_the_filters(client: AsyncClient, timeline: StoredTimeline) -> None:
    ids, pages = await walk(client, "/events?actor=UN&limit=2")
    assert len(pages) == 3
    assert "actor=UN" in pages[0]["next"]
    assert timeline.event_keys(ids) == timeline.ordered(
        "berlin-conference-2020",
        "fighters-remain-2020",
        "geneva-ceasefire",
        "berlin-conference-2021",
        "jmc-action-plan",
    )


async def test_exactly_full_last_page_has_no_next(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get("/events?limit=10")).json()
    assert len(body["items"]) == 10
    assert body["next"] is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64-%%%",
        "bm90IGpzb24",  # "not json"
        base64.urlsafe_b64encode(orjson.dumps(["events:date", "2020-01-01", "x"])).decode(),
        # A valid cursor with its date changed by hand: the check no longer matches.
        base64.urlsafe_b64encode(
            orjson.dumps(
                [
                    "events:date",
                    "2021-01-01",
                    "00000000-0000-0000-0000-000000000000",
                    orjson.loads(
                        base64.urlsafe_b64decode(
                            encode_cursor(
                                "events:date",
                                ["2020-01-01", "00000000-0000-0000-0000-000000000000"],
                            )
                            + "=="
                        )
                    )[-1],
                ]
            )
        ).decode(),
        encode_cursor("events:date", ["2020-13-01", "00000000-0000-0000-0000-000000000000"]),
    ],
)
async def test_bad_cursor_is_400(
    client: AsyncClient, timeline: StoredTimeline, cursor: str
) -> None:
    response = await client.get("/events", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "https://libya-timeline.example/problems/bad-request"
    assert body["invalid_params"] == [
        {"name": "cursor", "in": "query", "reason": "malformed cursor"}
    ]


async def test_cursor_of_another_sort_order_is_400(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    first = (await client.get("/events?limit=2")).json()
    cursor = first["next"].split("cursor=")[1]
    response = await client.get(f"/events?sort=-date&cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["reason"] == "wrong list or sort"


@pytest.mark.parametrize(
    "path", ["/events", "/actors", "/sources", "/pledges", "/actors/united-nations/events"]
)
async def test_limit_above_500_is_422_naming_the_parameter(
    client: AsyncClient, timeline: StoredTimeline, path: str
) -> None:
    response = await client.get(path, params={"limit": 501})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] == "Invalid value for: limit"
    assert body["invalid_params"] == [
        {"name": "limit", "in": "query", "reason": "Input should be less than or equal to 500"}
    ]
    ok = await client.get(path, params={"limit": 500})
    assert ok.status_code == 200, ok.text


async def test_other_lists_paginate(client: AsyncClient, timeline: StoredTimeline) -> None:
    for path, total in (("/actors?limit=3", 7), ("/sources?limit=2", 3), ("/pledges?limit=2", 3)):
        ids, pages = await walk(client, path)
        assert len(ids) == len(set(ids)) == total
        assert pages[0]["link"] is not None


async def _add_events(session: AsyncSession, t: StoredTimeline, n: int) -> None:
    """n more UN events, each with two actors and a mention, after the fixture's dates."""
    base = date(2022, 1, 1)
    events, links, mentions = [], [], []
    for i in range(n):
        event_id = uuid.uuid4()
        events.append(
            {
                "id": event_id,
                "title": f"JMC meeting {i}",
                "type": "meeting",
                "date_start": base + timedelta(days=i),
                "date_end": base + timedelta(days=i),
                "date_precision": "day",
                "location": "Sirte",
            }
        )
        links += [
            {"event_id": event_id, "actor_id": t.actors["united-nations"], "role": "mediator"},
            {"event_id": event_id, "actor_id": t.actors["joint-military-commission"], "role": "x"},
        ]
        mentions.append(
            {
                "id": uuid.uuid4(),
                "source_id": next(iter(t.sources.values())),
                "event_id": event_id,
                "quote": "x",
                "char_start": 0,
                "char_end": 1,
                "origin": f"extra-{i}",
            }
        )
    await session.execute(insert(Event), events)
    await session.execute(insert(EventActor), links)
    await session.execute(insert(Mention), mentions)
    await session.flush()


async def test_a_page_costs_the_same_statements_whatever_its_size(
    client: AsyncClient,
    session: AsyncSession,
    timeline: StoredTimeline,
    count_statements: Callable[[], Any],
) -> None:
    await _add_events(session, timeline, 25)
    counts = {}
    for limit in (2, 20):
        with count_statements() as seen:
            response = await client.get(f"/events?actor=UN&limit={limit}")
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        counts[limit] = len(_queries(seen))
    # Actor resolution + the page (actors and counts included), nothing per row.
    assert counts == {2: 2, 20: 2}
    with count_statements() as seen:
        response = await client.get("/events?limit=20&date_from=2021-01-01&min_sources=1")
    assert len(response.json()["items"]) == 20
    assert len(_queries(seen)) == 1


def _queries(statements: list[str]) -> list[str]:
    # The test session's savepoints (its stand-in for commit) are not the route's queries.
    return [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        # Written as it came when nothing needs escaping; the old cursor dropped, the new last.
        ("actor=Haftar&cursor=old&limit=5", "actor=Haftar&limit=5"),
        ("type=meeting&type=clash&&limit=2", "type=meeting&type=clash&limit=2"),
        # Otherwise decoded and re-encoded (a bare name gets its "=").
        ("q=foo%20bar&cursor=old&limit=2", "q=foo+bar&limit=2"),
        ("q=a&flag", "q=a&flag="),
        ("", ""),
    ],
)
def test_the_next_link_keeps_the_query_and_replaces_the_cursor(query: str, kept: str) -> None:
    settings = SimpleNamespace(public_base="https://api.example")
    request: Any = SimpleNamespace(
        scope={"path": "/events", "query_string": query.encode()},
        app=SimpleNamespace(state=SimpleNamespace(settings=settings)),
    )
    key = (date(2020, 10, 23), uuid.UUID(int=7))
    cursor = "cursor=" + encode_cursor("events:date", key)
    expected = "https://api.example/events?" + (kept + "&" if kept else "") + cursor
    assert next_url(request, "events:date", key) == expected
    # What a listing's pages keep of their query, worked out once, makes the same link.
    assert kept_query(query.encode()) == (kept + "&" if kept else "")
    assert next_url(request, "events:date", key, kept_query(query.encode())) == expected


def test_a_cursor_read_again_gives_the_same_position_and_a_bad_one_is_refused_each_time() -> None:
    key = (date(2021, 3, 4), uuid.UUID(int=99))
    token = encode_cursor("events:date", key)
    assert date_uuid_key(token, "events:date") == key
    assert date_uuid_key(token, "events:date") == key  # (remembered)
    # Remembered per list and order: the same cursor of another sort is still refused.
    with pytest.raises(BadRequest, match="another list or sort order"):
        date_uuid_key(token, "events:-date")
    edited = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(BadRequest, match="malformed or was modified"):
            date_uuid_key(edited, "events:date")
    assert date_uuid_key(None, "events:date") is None
