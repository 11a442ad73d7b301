"""Contract of GET /events and GET /events/{id} on the fixture timeline."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures_timeline import HERALD, OBSERVER, REUTERS, StoredTimeline
from httpx import AsyncClient

from api.schemas.events import EventDetail, EventPage

ALL_LIVE = (
    "lna-tripoli-offensive",
    "berlin-conference-2020",
    "fighters-remain-2020",
    "lna-withdraws-from-tripoli",
    "geneva-ceasefire",
    "withdrawal-deadline-passes",
    "mangoush-sworn-in",
    "berlin-conference-2021",
    "coastal-road-reopens",
    "jmc-action-plan",
)


async def keys_of(client: AsyncClient, t: StoredTimeline, url: str, **params: Any) -> list[str]:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next"] is None
    return t.event_keys([e["id"] for e in body["items"]])


async def test_timeline_is_ordered_by_date_then_id_without_deleted_events(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    EventPage.model_validate(body)
    assert timeline.event_keys([e["id"] for e in body["items"]]) == timeline.ordered(*ALL_LIVE)
    assert body["next"] is None
    assert "link" not in response.headers


async def test_newest_first(client: AsyncClient, timeline: StoredTimeline) -> None:
    keys = await keys_of(client, timeline, "/events", sort="-date")
    assert keys == list(reversed(timeline.ordered(*ALL_LIVE)))


async def test_event_item_shape(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/events", params={"location": "Geneva", "limit": 1})).json()
    item = body["items"][0]
    assert item["id"] == str(timeline.events["geneva-ceasefire"])
    assert {k: item[k] for k in ("title", "type", "date_start", "date_end", "date_precision")} == {
        "title": "Permanent ceasefire agreement signed in Geneva",
        "type": "agreement",
        "date_start": "2020-10-23",
        "date_end": "2020-10-23",
        "date_precision": "day",
    }
    assert {k: item[k] for k in ("location", "place", "latitude", "longitude")} == {
        "location": "Geneva",
        "place": "geneva",
        "latitude": 46.2044,
        "longitude": 6.1432,
    }
    assert item["location_precision"] == "place"
    assert item["sources"] == 3
    assert item["independent_sources"] == 2
    assert item["actors"] == [
        {
            "id": str(timeline.actors["joint-military-commission"]),
            "key": "joint-military-commission",
            "name": "5+5 Joint Military Commission",
            "role": "signatory",
        },
        {
            "id": str(timeline.actors["united-nations"]),
            "key": "united-nations",
            "name": "United Nations",
            "role": "mediator",
        },
    ]


@pytest.mark.parametrize("actor", ["Haftar", "hifter", "khalifa haftar", "KHALIFA HIFTER"])
async def test_actor_by_name_or_alias_any_case(
    client: AsyncClient, timeline: StoredTimeline, actor: str
) -> None:
    keys = await keys_of(client, timeline, "/events", actor=actor)
    assert keys == ["lna-tripoli-offensive", "lna-withdraws-from-tripoli"]


async def test_actor_by_key_and_by_id(client: AsyncClient, timeline: StoredTimeline) -> None:
    by_key = await keys_of(client, timeline, "/events", actor="khalifa-haftar")
    by_id = await keys_of(client, timeline, "/events", actor=str(timeline.actors["khalifa-haftar"]))
    assert by_key == by_id == ["lna-tripoli-offensive", "lna-withdraws-from-tripoli"]


async def test_actor_urls_with_encoded_spaces_match(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    a = (await client.get("/events?actor=Haftar")).json()
    b = (await client.get("/events?actor=hifter")).json()
    c = (await client.get("/events?actor=khalifa%20haftar")).json()
    assert a["items"] == b["items"] == c["items"]
    assert len(a["items"]) == 2


async def test_ambiguous_alias_matches_every_actor(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    keys = await keys_of(client, timeline, "/events", actor="Tripoli government")
    assert keys == timeline.ordered(
        "lna-tripoli-offensive", "mangoush-sworn-in", "berlin-conference-2021"
    )


async def test_unknown_actor_is_404_problem(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events", params={"actor": "Gaddafi"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://libya-timeline.example/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No actor is called or identified by 'Gaddafi'.",
        "instance": "/events",
    }


async def test_actor_role(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert await keys_of(client, timeline, "/events", actor="UN", actor_role="mediator") == [
        "geneva-ceasefire",
        "jmc-action-plan",
    ]
    assert await keys_of(client, timeline, "/events", actor_role="signatory") == [
        "geneva-ceasefire",
        "jmc-action-plan",
    ]
    # The object of an event's predicate, as the extraction marks it: a role one may ask for.
    assert await keys_of(client, timeline, "/events", actor_role="object") == []


async def test_types_repeatable(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert await keys_of(client, timeline, "/events", type="agreement") == [
        "geneva-ceasefire",
        "jmc-action-plan",
    ]
    response = await client.get("/events?type=agreement&type=meeting")
    keys = timeline.event_keys([e["id"] for e in response.json()["items"]])
    assert keys == [
        "berlin-conference-2020",
        "geneva-ceasefire",
        "berlin-conference-2021",
        "jmc-action-plan",
    ]


async def test_date_range_overlaps_intervals(client: AsyncClient, timeline: StoredTimeline) -> None:
    # June 2020 withdrawal (1-10 June) and the year-precision 2020 statement overlap; the
    # January 2020 conference does not.
    keys = await keys_of(client, timeline, "/events", date_from="2020-06-05", date_to="2020-12-31")
    assert keys == ["fighters-remain-2020", "lna-withdraws-from-tripoli", "geneva-ceasefire"]
    # A week inside January 2020 meets the month- and the year-precision events.
    keys = await keys_of(client, timeline, "/events", date_from="2020-01-15", date_to="2020-01-20")
    assert keys == timeline.ordered("berlin-conference-2020", "fighters-remain-2020")
    # Open-ended on either side; both bounds inclusive.
    assert await keys_of(client, timeline, "/events", date_from="2021-10-08") == ["jmc-action-plan"]
    assert await keys_of(client, timeline, "/events", date_to="2019-04-04") == [
        "lna-tripoli-offensive"
    ]


async def test_date_from_after_date_to_is_422(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get(
        "/events", params={"date_from": "2021-01-01", "date_to": "2020-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"] == [
        {"name": "date_from", "in": "query", "reason": "must not be after date_to"}
    ]


async def test_malformed_date_is_422_naming_the_parameter(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events", params={"date_from": "23/10/2020"})
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == ["date_from"]


async def test_source_filter(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert await keys_of(
        client, timeline, "/events", source=str(timeline.sources[REUTERS])
    ) == timeline.ordered("lna-tripoli-offensive", "berlin-conference-2020", "geneva-ceasefire")
    assert await keys_of(client, timeline, "/events", source=str(timeline.sources[OBSERVER])) == [
        "lna-tripoli-offensive",
        "lna-withdraws-from-tripoli",
        "geneva-ceasefire",
    ]


async def test_location_case_insensitive(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert await keys_of(client, timeline, "/events", location="gENEVA") == [
        "geneva-ceasefire",
        "jmc-action-plan",
    ]


async def test_full_text_search(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert await keys_of(client, timeline, "/events", q="mercenaries") == ["jmc-action-plan"]
    # Stemming: "ceasefires" finds "ceasefire"; the deleted event's quote never matches.
    assert await keys_of(client, timeline, "/events", q="ceasefires") == ["geneva-ceasefire"]
    assert await keys_of(client, timeline, "/events", q='"foreign forces" -deadline') == [
        "berlin-conference-2021"
    ]
    assert await keys_of(client, timeline, "/events", q="blockade") == []


async def test_min_sources_counts_independent_origins(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    # The offensive is in two sources, but the second is a syndicated copy: one origin.
    assert await keys_of(client, timeline, "/events", min_sources=2) == ["geneva-ceasefire"]
    assert len(await keys_of(client, timeline, "/events", min_sources=1)) == 10
    assert await keys_of(client, timeline, "/events", min_sources=3) == []


async def test_as_of_only_counts_sources_published_by_then(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    # The Herald piece may date from any day up to 31 October 2021: it does not count yet.
    body = (await client.get("/events", params={"as_of": "2021-10-08"})).json()
    assert timeline.event_keys([e["id"] for e in body["items"]]) == timeline.ordered(
        "lna-tripoli-offensive",
        "berlin-conference-2020",
        "lna-withdraws-from-tripoli",
        "geneva-ceasefire",
    )
    geneva = next(e for e in body["items"] if e["title"].startswith("Permanent"))
    assert (geneva["sources"], geneva["independent_sources"]) == (2, 1)
    # On 23 October 2020 only the Reuters dispatch was out.
    assert await keys_of(client, timeline, "/events", as_of="2020-10-23") == timeline.ordered(
        "lna-tripoli-offensive", "berlin-conference-2020", "geneva-ceasefire"
    )
    assert len(await keys_of(client, timeline, "/events", as_of="2021-10-31")) == 10
    assert await keys_of(client, timeline, "/events", as_of="2021-10-08", min_sources=2) == []
    herald = str(timeline.sources[HERALD])
    assert await keys_of(client, timeline, "/events", as_of="2021-10-08", source=herald) == []


async def test_filters_combine(client: AsyncClient, timeline: StoredTimeline) -> None:
    keys = await keys_of(
        client, timeline, "/events", actor="JMC", type="agreement", date_from="2021-01-01"
    )
    assert keys == ["jmc-action-plan"]


async def test_event_detail(client: AsyncClient, timeline: StoredTimeline) -> None:
    event_id = timeline.events["geneva-ceasefire"]
    response = await client.get(f"/events/{event_id}")
    assert response.status_code == 200
    body = response.json()
    EventDetail.model_validate(body)
    assert response.headers["etag"] == f'"{event_id}.v1"'
    assert (body["sources"], body["independent_sources"]) == (3, 2)
    assert [
        (m["source"]["publisher"], m["origin"], m["char_start"], m["char_end"])
        for m in body["mentions"]
    ] == [
        ("Reuters", "o-geneva", 27, 123),
        ("Libya Observer", "o-geneva", 0, 86),
        ("Libya Herald", "o-geneva-herald", 482, 546),
    ]
    herald = body["mentions"][2]
    assert herald["quote"] == "The ceasefire agreed in Geneva in October 2020 has largely held."
    assert herald["date_text"] == "October 2020"
    assert herald["source"]["published_start"] == "2021-10-08"
    assert herald["source"]["published_end"] == "2021-10-31"
    assert herald["source"]["published_explicit"] is False
    assert herald["source"]["title"] == "JMC agrees plan for the withdrawal of mercenaries"
    assert [p["id"] for p in body["pledges"]] == sorted(
        [
            str(timeline.pledges["foreign-fighters-withdrawal"]),
            str(timeline.pledges["coastal-road"]),
        ]
    )


async def test_mention_offsets_index_the_source_text(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get(f"/events/{timeline.events['geneva-ceasefire']}")).json()
    for m in body["mentions"]:
        source = (await client.get(f"/sources/{m['source']['id']}")).json()
        assert source["text"][m["char_start"] : m["char_end"]] == m["quote"]


@pytest.mark.parametrize("ref", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
async def test_unknown_or_malformed_event_is_404(
    client: AsyncClient, timeline: StoredTimeline, ref: str
) -> None:
    response = await client.get(f"/events/{ref}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == f"No event {ref!r}."


async def test_deleted_event_is_404(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get(f"/events/{timeline.events['oil-blockade-lifted']}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "name"),
    [({"min_sources": "727029008972646"}, "min_sources"), ({"q": "a\x00b"}, "q")],
)
async def test_out_of_range_and_nul_parameters_are_422(
    client: AsyncClient, timeline: StoredTimeline, params: dict[str, str], name: str
) -> None:
    for path in ("/events", "/events.ndjson"):
        response = await client.get(path, params=params)
        assert response.status_code == 422
        assert [p["name"] for p in response.json()["invalid_params"]] == [name]
