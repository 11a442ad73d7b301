"""A page is one statement, however many events, quotes and sources it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fixtures_timeline import StoredTimeline
from httpx import AsyncClient


def _queries(statements: list[str]) -> list[str]:
    # The test session's savepoints (its stand-in for commit) are not the route's queries.
    return [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]


async def test_timeline_and_pledges_pages_are_one_statement(
    client: AsyncClient, timeline: StoredTimeline, count_statements: Callable[[], Any]
) -> None:
    events = (await client.get("/events")).json()["items"]
    quotes = [len((await client.get(f"/events/{e['id']}")).json()["mentions"]) for e in events]
    assert (len(events), sum(quotes)) == (10, 13)
    with count_statements() as seen:
        response = await client.get("/")
    assert response.status_code == 200
    assert response.text.count('<article class="event"') == 10
    assert response.text.count('<p class="credit">') == 13
    assert len(_queries(seen)) == 1
    with count_statements() as seen:
        response = await client.get("/?as_of=2020-10-23")
    assert response.text.count('<article class="event"') == len(
        (await client.get("/events?as_of=2020-10-23")).json()["items"]
    )
    assert len(_queries(seen)) == 1
    with count_statements() as seen:
        response = await client.get("/?actor=Haftar")
    # Resolving the actor's name, then the page.
    assert response.text.count('<article class="event"') == 2
    assert len(_queries(seen)) == 2
    with count_statements() as seen:
        response = await client.get("/timeline/pledges")
    assert response.text.count('<article class="pledge"') == 3
    assert len(_queries(seen)) == 1
