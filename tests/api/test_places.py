"""Places: `location=` by any variant, the placement of edited locations, /events.geojson."""

from __future__ import annotations

from collections import Counter

import pytest
from curation.support import make_key
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from db.models import Event
from seed.extract.gazetteer import load_gazetteer


@pytest.mark.parametrize("location", ["Geneva", "GENÈVE", "genf", "Ginevra"])
async def test_location_matches_any_variant(
    client: AsyncClient, timeline: StoredTimeline, location: str
) -> None:
    body = (await client.get("/events", params={"location": location})).json()
    keys = timeline.event_keys([e["id"] for e in body["items"]])
    assert keys == ["geneva-ceasefire", "jmc-action-plan"]
    assert {(e["place"], e["location_precision"]) for e in body["items"]} == {("geneva", "place")}


async def test_a_location_outside_the_gazetteer_matches_its_text_only(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    assert (await client.get("/events", params={"location": "Atlantis"})).json()["items"] == []


async def test_an_edited_location_is_placed_again(
    corpus_client: AsyncClient, corpus_session: AsyncSession
) -> None:
    client, session = corpus_client, corpus_session
    writer = await make_key(session, "write")
    event_id = await session.scalar(
        select(Event.id).where(Event.place == "moscow").order_by(Event.id).limit(1)
    )
    assert event_id is not None
    response = await client.patch(
        f"/events/{event_id}",
        json={"location": "Misurata"},
        headers=writer.auth | {"If-Match": resource_etag(event_id, 1)},
    )
    assert response.status_code == 200, response.text
    item = (await client.get("/events", params={"location": "misrata"})).json()["items"]
    assert [(e["id"], e["location"], e["place"], e["latitude"], e["longitude"]) for e in item] == [
        (str(event_id), "Misurata", "misrata", 32.3754, 15.0925)
    ]
    history = (await client.get(f"/events/{event_id}/history")).json()
    assert history["items"][-1]["changed_fields"] == ["latitude", "location", "longitude", "place"]


async def test_geojson_of_the_sample_corpus(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    features = body["features"]
    # 7 of the 22 events name a place; the others have no coordinates and are left out.
    assert Counter(f["properties"]["place"] for f in features) == {
        "paris": 2,
        "tripoli": 2,
        "geneva": 1,
        "kuwait": 1,
        "moscow": 1,
    }
    gazetteer = load_gazetteer()
    for f in features:
        place = gazetteer.places[f["properties"]["place"]]
        assert f["geometry"] == {"type": "Point", "coordinates": [place.lon, place.lat]}
        assert f["id"] == f["properties"]["id"]
        assert "latitude" not in f["properties"]
    # In timeline order, like /events, and Kuwait (a country) is placed only as a country.
    listed = (await corpus_client.get("/events", params={"limit": 500})).json()["items"]
    assert [f["id"] for f in features] == [e["id"] for e in listed if e["place"]]
    precision = {f["properties"]["place"]: f["properties"]["location_precision"] for f in features}
    assert precision == {
        "paris": "place",
        "tripoli": "place",
        "geneva": "place",
        "kuwait": "country",
        "moscow": "place",
    }


async def test_geojson_takes_the_filters_of_events(corpus_client: AsyncClient) -> None:
    body = (await corpus_client.get("/events.geojson", params={"location": "Tripolis"})).json()
    assert body == {"type": "FeatureCollection", "features": []}
    body = (await corpus_client.get("/events.geojson", params={"type": "military"})).json()
    assert [
        (f["properties"]["place"], f["properties"]["date_start"]) for f in body["features"]
    ] == [("tripoli", "2020-06-01")]
    bad = await corpus_client.get("/events.geojson", params={"type": "bogus"})
    assert bad.status_code == 422
