"""`as_of` on /pledges and /events/{id}, on the sample corpus.

Its five sources were published (latest possible day) on 2021-08-19, 2021-10-08, 2021-10-09,
2021-10-10 and 2021-11-11.
"""

from __future__ import annotations

from datetime import date

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event


async def _pledges(client: AsyncClient, **params: str) -> dict:
    response = await client.get("/pledges", params={"count": "true", **params})
    assert response.status_code == 200, response.text
    return response.json()


async def test_pledges_as_of_show_what_was_reported_and_rated_by_then(
    corpus_client: AsyncClient,
) -> None:
    assert await _pledges(corpus_client, as_of="2021-08-18") == {
        "items": [],
        "next": None,
        "total": 0,
    }
    august = await _pledges(corpus_client, as_of="2021-08-31")
    assert [(p["made_start"], p["status"]) for p in august["items"]] == [
        ("2021-08-19", "not_yet_rated"),
        ("2021-08-19", "not_yet_rated"),
        ("2021-08-19", "not_yet_rated"),
    ]
    # Before the report of 11 November, no withdrawal bore on the older pledges; the
    # ceasefire's three-month deadline had already passed, so that one was broken.
    november = await _pledges(corpus_client, as_of="2021-11-01")
    assert [(p["made_start"], p["deadline_end"], p["status"]) for p in november["items"]] == [
        ("2020-06-01", None, "not_yet_rated"),
        ("2020-10-01", None, "not_yet_rated"),
        ("2020-10-01", "2021-01-31", "broken"),
        ("2021-08-19", None, "not_yet_rated"),
        ("2021-08-19", None, "not_yet_rated"),
        ("2021-08-19", None, "not_yet_rated"),
        ("2021-09-01", None, "not_yet_rated"),
        ("2021-10-01", None, "not_yet_rated"),
        ("2021-10-08", None, "not_yet_rated"),
    ]
    assert november["items"][2]["status_reason"] == (
        "the deadline (2021-01-01..2021-01-31) passed before 2021-11-01 without a reported "
        "completion"
    )
    # On the newest source's day the rule gives back what ingestion stored.
    now = await _pledges(corpus_client)
    latest = await _pledges(corpus_client, as_of="2021-11-11")
    assert [(p["id"], p["status"]) for p in latest["items"]] == [
        (p["id"], p["status"]) for p in now["items"]
    ]
    assert [p["status"] for p in latest["items"]].count("in_the_works") == 3


async def test_pledge_status_filter_and_pages_follow_the_status_as_of(
    corpus_client: AsyncClient,
) -> None:
    working = await _pledges(corpus_client, as_of="2021-11-11", status="in_the_works")
    assert [p["made_start"] for p in working["items"]] == ["2020-06-01", "2020-10-01", "2021-10-01"]
    assert working["total"] == 3
    early = await _pledges(corpus_client, as_of="2021-11-01", status="in_the_works")
    assert early["items"] == [] and early["total"] == 0
    first = await _pledges(corpus_client, as_of="2021-11-11", status="in_the_works", limit="2")
    assert first["next"] is not None
    second = (await corpus_client.get(first["next"])).json()
    assert [p["id"] for p in first["items"] + second["items"]] == [
        p["id"] for p in working["items"]
    ]
    assert second["next"] is None


async def test_event_as_of_shows_the_mentions_and_counts_known_then(
    corpus_client: AsyncClient, corpus_session: AsyncSession
) -> None:
    # The background event every article repeats (five sources, three independent origins).
    event_id = await corpus_session.scalar(
        select(Event.id).where(Event.source_count == 5).order_by(Event.date_start).limit(1)
    )
    url = f"/events/{event_id}"
    now = (await corpus_client.get(url)).json()
    assert (now["sources"], now["independent_sources"], len(now["mentions"])) == (5, 3, 5)

    seen = {}
    for as_of in ("2021-08-31", "2021-10-08", "2021-10-09", "2021-10-10", "2021-11-11"):
        response = await corpus_client.get(url, params={"as_of": as_of})
        assert response.status_code == 200
        assert response.headers["etag"] != f'"{event_id}.v1"'
        body = response.json()
        published = [m["source"]["published_end"] for m in body["mentions"]]
        assert all(day <= as_of for day in published)
        seen[as_of] = (body["sources"], body["independent_sources"], len(body["mentions"]))
    assert seen == {
        "2021-08-31": (1, 1, 1),
        "2021-10-08": (2, 2, 2),
        "2021-10-09": (3, 2, 3),
        "2021-10-10": (4, 2, 4),
        "2021-11-11": (5, 3, 5),
    }


async def test_event_as_of_before_any_source_told_it_is_a_404(
    corpus_client: AsyncClient, corpus_session: AsyncSession
) -> None:
    # The ceasefire of October 2020, first told by the article published on 2021-10-08.
    event_id = await corpus_session.scalar(
        select(Event.id).where(Event.type == "agreement", Event.date_start == date(2020, 10, 1))
    )
    before = await corpus_client.get(f"/events/{event_id}", params={"as_of": "2021-10-07"})
    assert before.status_code == 404
    assert before.json()["detail"] == (
        f"No event '{event_id}' in a source published by 2021-10-07."
    )
    # Its pledges as they were reported: none by 8 October, one by the 9th, two by the 10th.
    made = {}
    for as_of in ("2021-10-08", "2021-10-09", "2021-10-10"):
        response = await corpus_client.get(f"/events/{event_id}", params={"as_of": as_of})
        made[as_of] = [(p["made_start"], p["deadline_end"]) for p in response.json()["pledges"]]
    assert made == {
        "2021-10-08": [],
        "2021-10-09": [("2020-10-01", "2021-01-31")],
        "2021-10-10": [("2020-10-01", None), ("2020-10-01", "2021-01-31")],
    }
