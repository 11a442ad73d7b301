"""Contract of /pledges and /pledges/{id}."""

from __future__ import annotations

import pytest
from fixtures_timeline import HERALD, REUTERS, StoredTimeline
from httpx import AsyncClient

from api.schemas.pledges import PledgeDetail, PledgePage


async def pledge_keys(client: AsyncClient, t: StoredTimeline, query: str) -> list[str]:
    response = await client.get("/pledges" + query)
    assert response.status_code == 200, response.text
    by_id = {str(v): k for k, v in t.pledges.items()}
    return [by_id[p["id"]] for p in response.json()["items"]]


async def test_list_pledges(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/pledges")).json()
    PledgePage.model_validate(body)
    made = sorted(
        [
            ("2020-10-23", str(timeline.pledges["foreign-fighters-withdrawal"])),
            ("2020-10-23", str(timeline.pledges["coastal-road"])),
        ]
    )
    assert [p["id"] for p in body["items"]] == [
        *(i for _, i in made),
        str(timeline.pledges["mangoush-mercenaries"]),
    ]
    broken = next(p for p in body["items"] if p["status"] == "broken")
    assert broken["deadline_end"] == "2021-01-23"
    assert broken["actors"] == [
        {
            "id": str(timeline.actors["joint-military-commission"]),
            "key": "joint-military-commission",
            "name": "5+5 Joint Military Commission",
            "role": "pledger",
        }
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=broken", ["foreign-fighters-withdrawal"]),
        ("?status=kept&status=in_the_works", None),
        ("?actor=mangoush", ["mangoush-mercenaries"]),
        ("?actor=5%2B5%20JMC&status=kept", ["coastal-road"]),
        ("?due_before=2021-06-30", ["foreign-fighters-withdrawal"]),
        ("?due_before=2021-01-23", ["foreign-fighters-withdrawal"]),
        ("?due_before=2021-01-22", []),
    ],
)
async def test_pledge_filters(
    client: AsyncClient, timeline: StoredTimeline, query: str, expected: list[str] | None
) -> None:
    keys = await pledge_keys(client, timeline, query)
    if expected is None:
        first = sorted(["coastal-road"], key=lambda k: timeline.pledges[k])
        expected = [*first, "mangoush-mercenaries"]
    assert keys == expected


async def test_pledge_errors(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert (await client.get("/pledges?actor=Gaddafi")).status_code == 404
    response = await client.get("/pledges?status=promised")
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "status"
    assert (await client.get("/pledges/nope")).status_code == 404


async def test_pledge_detail_with_evidence(client: AsyncClient, timeline: StoredTimeline) -> None:
    pledge_id = timeline.pledges["foreign-fighters-withdrawal"]
    response = await client.get(f"/pledges/{pledge_id}")
    assert response.status_code == 200
    assert response.headers["etag"] == f'"{pledge_id}.v1"'
    body = response.json()
    PledgeDetail.model_validate(body)
    assert body["status"] == "broken"
    assert [(m["source"]["id"], m["char_start"]) for m in body["mentions"]] == [
        (str(timeline.sources[REUTERS]), 125)
    ]
    assert [(e["relation"], e["event"]["id"]) for e in body["evidence"]] == [
        ("made_at", str(timeline.events["geneva-ceasefire"])),
        ("breaks", str(timeline.events["withdrawal-deadline-passes"])),
    ]
    breaks = body["evidence"][1]
    assert [(q["source"]["id"], q["quote"]) for q in breaks["quotes"]] == [
        (
            str(timeline.sources[HERALD]),
            "The deadline of 23 January 2021 for the departure of foreign forces passed without "
            "any withdrawal.",
        )
    ]
    assert len(body["evidence"][0]["quotes"]) == 3
