"""Contract of /events.atom, /events/facets and `count=true` on the sample corpus."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import feedparser
from httpx import AsyncClient

from api.exports.atom import entry


async def _listed(client: AsyncClient, **params: str) -> list[dict]:
    body = (await client.get("/events", params={"limit": "500", **params})).json()
    return body["items"]


async def test_atom_feed_is_valid_and_newest_first(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo is False, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Libya ceasefire timeline"
    assert [(link.rel, link.href) for link in feed.feed.links] == [
        ("self", "http://testserver/events.atom"),
        ("alternate", "http://testserver/events"),
    ]
    listed = await _listed(corpus_client, sort="-date")
    assert len(feed.entries) == 22
    assert [e.id for e in feed.entries] == [f"urn:uuid:{e['id']}" for e in listed]
    assert feed.feed.updated == max(e["updated_at"] for e in listed)


async def test_atom_entry_links_its_event_and_every_source(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events.atom", params={"date_to": "2014-12-31"})
    feed = feedparser.parse(response.content)
    assert feed.bozo is False
    listed = await _listed(corpus_client, date_to="2014-12-31", sort="-date")
    assert [e.id for e in feed.entries] == [f"urn:uuid:{e['id']}" for e in listed]
    # The two background events, told by 3 and 5 sources.
    assert [len(entry.links) - 1 for entry in feed.entries] == [3, 5]
    for item, event in zip(feed.entries, listed, strict=True):
        detail = (await corpus_client.get(f"/events/{event['id']}")).json()
        slugs = list(dict.fromkeys(m["source"]["slug"] for m in detail["mentions"]))
        assert [(link.rel, link.href) for link in item.links] == [
            ("alternate", f"http://testserver/events/{event['id']}"),
            *(("related", f"http://testserver/sources/{slug}") for slug in slugs),
        ]
        assert item.title == event["title"]
        assert item.tags[0].term == event["type"]
        assert item.summary.endswith(event["summary"])


async def test_atom_of_nothing_is_a_valid_empty_feed(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events.atom", params={"q": "zeppelin"})
    feed = feedparser.parse(response.content)
    assert feed.bozo is False
    assert feed.entries == []
    assert feed.feed.subtitle == "Events matching q=zeppelin"


async def test_atom_escapes_text(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events.atom", params={"q": "Haftar\u2019s"})
    assert b"Haftar\xe2\x80\x99s" in response.content
    assert feedparser.parse(response.content).bozo is False


async def test_facets_of_the_sample_corpus(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/events/facets", params={"top": "3"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 22
    assert body["type"] == [
        {"value": "report", "count": 4},
        {"value": "statement", "count": 4},
        {"value": "election", "count": 3},
        {"value": "meeting", "count": 3},
        {"value": "political", "count": 3},
        {"value": "agreement", "count": 2},
        {"value": "military", "count": 2},
        {"value": "withdrawal", "count": 1},
    ]
    # An event counts in a year or month only when its whole interval lies within it.
    assert body["year"] == [
        {"value": "2011", "count": 1},
        {"value": "2014", "count": 1},
        {"value": "2019", "count": 1},
        {"value": "2020", "count": 3},
        {"value": "2021", "count": 14},
        {"value": "2022", "count": 1},
        {"value": None, "count": 1},
    ]
    assert [(b["value"], b["count"]) for b in body["month"]][-3:] == [
        ("2021-12", 1),
        ("2022-01", 1),
        (None, 4),
    ]
    assert [(a["key"], a["count"]) for a in body["actor"]] == [
        ("libya", 17),
        ("united-nations", 8),
        ("khalifa-haftar", 5),
    ]
    assert body["location"] == [
        {"place": None, "location": None, "name": None, "count": 15},
        {"place": "paris", "location": None, "name": "Paris", "count": 2},
        {"place": "tripoli", "location": None, "name": "Tripoli", "count": 2},
        {"place": "geneva", "location": None, "name": "Geneva", "count": 1},
        {"place": "kuwait", "location": None, "name": "Kuwait", "count": 1},
        {"place": "moscow", "location": None, "name": "Moscow", "count": 1},
    ]


async def test_facets_agree_with_the_list_under_every_filter(corpus_client: AsyncClient) -> None:
    for params in ({"actor": "Haftar"}, {"as_of": "2021-10-08"}, {"date_from": "2021-10-01"}):
        body = (await corpus_client.get("/events/facets", params=params)).json()
        listed = await _listed(corpus_client, **params)
        assert body["total"] == len(listed)
        assert {b["value"]: b["count"] for b in body["type"]} == Counter(e["type"] for e in listed)


async def test_count_adds_the_total_of_every_page(corpus_client: AsyncClient) -> None:
    body = (await corpus_client.get("/events", params={"limit": "2", "count": "true"})).json()
    assert len(body["items"]) == 2
    assert body["total"] == 22
    haftar = (await corpus_client.get("/events", params={"actor": "hifter", "count": "1"})).json()
    assert haftar["total"] == len(haftar["items"]) == 5
    assert "total" not in (await corpus_client.get("/events", params={"limit": "2"})).json()
    pledges = (await corpus_client.get("/pledges", params={"limit": "1", "count": "true"})).json()
    assert pledges["total"] == 11


def test_an_entry_escapes_markup_and_credits_the_original_article() -> None:
    event = {
        "id": "3f2b8c1e-4d5a-5b6c-8d7e-9f0a1b2c3d4e",
        "title": 'Talks <img src=x onerror="alert(1)"> & more',
        "summary": "A & B met.",
        "type": "meeting",
        "date_start": date(2021, 10, 1),
        "date_end": date(2021, 10, 8),
        "date_precision": "range",
        "updated_at": datetime(2021, 10, 9, 12, 0, tzinfo=UTC),
    }
    source = {
        "id": "0f9e1c56-5a55-5c1e-9d1c-000000000000",
        "slug": "wire-1",
        "title": 'Sides "agree"',
        "publisher": "Wire",
        "url": "https://news.example/a?x=1&y=2",
    }
    # Two quotes of one article: one credit.
    event["mentions"] = [{"source": source}, {"source": source}]
    xml = "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><id>x</id>"
    xml += "<updated>2021-10-09T12:00:00+00:00</updated>"
    xml += entry(event, "http://api.example/") + "</feed>"
    parsed = feedparser.parse(xml.encode())
    assert parsed.bozo is False
    (item,) = parsed.entries
    assert item.title == 'Talks <img src=x onerror="alert(1)"> & more'
    assert "&lt;img" in xml and "<img" not in xml
    assert item.summary == "between 2021-10-01 and 2021-10-08 (range): A & B met."
    assert [(link.rel, link.href, link.get("title")) for link in item.links] == [
        ("alternate", "http://api.example/events/3f2b8c1e-4d5a-5b6c-8d7e-9f0a1b2c3d4e", None),
        ("related", "http://api.example/sources/wire-1", 'Wire: Sides "agree"'),
        ("via", "https://news.example/a?x=1&y=2", 'Wire: Sides "agree"'),
    ]
