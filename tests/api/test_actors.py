"""Contract of /actors, /actors/{id} and /actors/{id}/events."""

from __future__ import annotations

from fixtures_timeline import StoredTimeline
from httpx import AsyncClient

from api.schemas.actors import ActorDetail, ActorPage


async def test_list_actors_by_name(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/actors")).json()
    ActorPage.model_validate(body)
    assert [a["name"] for a in body["items"]] == [
        "5+5 Joint Military Commission",
        "Government of National Accord",
        "Government of National Unity",
        "Khalifa Haftar",
        "Libyan National Army",
        "Najla Mangoush",
        "United Nations",
    ]
    assert body["next"] is None


async def test_q_matches_aliases_case_insensitively(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get("/actors", params={"q": "HIFT"})).json()
    assert [(a["key"], a["aliases"]) for a in body["items"]] == [
        ("khalifa-haftar", ["Haftar", "Hifter", "Khalifa Haftar", "Khalifa Hifter"])
    ]
    body = (await client.get("/actors", params={"q": "tripoli gov"})).json()
    assert [a["key"] for a in body["items"]] == [
        "government-of-national-accord",
        "government-of-national-unity",
    ]


async def test_type_filter(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/actors?type=person&type=intergovernmental")).json()
    assert [a["key"] for a in body["items"]] == [
        "khalifa-haftar",
        "najla-mangoush",
        "united-nations",
    ]
    response = await client.get("/actors", params={"type": "warlord"})
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == ["type.0"]


async def test_actor_detail_by_key_and_id(client: AsyncClient, timeline: StoredTimeline) -> None:
    by_key = (await client.get("/actors/libyan-national-army")).json()
    by_id = (await client.get(f"/actors/{timeline.actors['libyan-national-army']}")).json()
    assert by_key == by_id
    ActorDetail.model_validate(by_key)
    assert by_key["name"] == "Libyan National Army"
    assert by_key["type"] == "armed_group"
    assert by_key["aliases"] == ["LAAF", "LNA", "Libyan National Army"]
    # The soft-deleted blockade event is not counted.
    assert (by_key["event_count"], by_key["pledge_count"]) == (2, 0)
    assert by_key["relations"] == [
        {
            "direction": "incoming",
            "relation": "leads",
            "actor": {
                "id": str(timeline.actors["khalifa-haftar"]),
                "key": "khalifa-haftar",
                "name": "Khalifa Haftar",
            },
        },
        {
            "direction": "outgoing",
            "relation": "opposed_to",
            "actor": {
                "id": str(timeline.actors["government-of-national-accord"]),
                "key": "government-of-national-accord",
                "name": "Government of National Accord",
            },
        },
    ]


async def test_actor_pledge_count(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/actors/joint-military-commission")).json()
    assert (body["event_count"], body["pledge_count"]) == (4, 2)


async def test_unknown_actor_is_404(client: AsyncClient, timeline: StoredTimeline) -> None:
    for path in ("/actors/muammar-gaddafi", "/actors/muammar-gaddafi/events"):
        response = await client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "No actor with id or key 'muammar-gaddafi'."


async def test_actor_events_take_the_event_filters(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get("/actors/united-nations/events", params={"type": "agreement"})).json()
    assert timeline.event_keys([e["id"] for e in body["items"]]) == [
        "geneva-ceasefire",
        "jmc-action-plan",
    ]
    body = (await client.get("/actors/united-nations/events", params={"limit": 2})).json()
    assert len(body["items"]) == 2
    assert body["next"].startswith("http://testserver/actors/united-nations/events?")
    items = body["items"]
    while body["next"]:
        body = (await client.get(body["next"])).json()
        items += body["items"]
    keys = timeline.event_keys([e["id"] for e in items])
    assert keys == timeline.ordered(
        "berlin-conference-2020",
        "fighters-remain-2020",
        "geneva-ceasefire",
        "berlin-conference-2021",
        "jmc-action-plan",
    )
