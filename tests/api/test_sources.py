"""Contract of /sources and /sources/{id}."""

from __future__ import annotations

from fixtures_timeline import HERALD, REUTERS, TEXTS, StoredTimeline
from httpx import AsyncClient

from api.schemas.sources import SourceDetail, SourcePage


async def test_list_sources_by_publication(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/sources")).json()
    SourcePage.model_validate(body)
    assert [
        (s["slug"], s["published_start"], s["published_end"], s["mention_count"])
        for s in body["items"]
    ] == [
        ("reuters-geneva-ceasefire", "2020-10-23", "2020-10-23", 5),
        ("libya-observer-ceasefire", "2020-10-24", "2020-10-24", 3),
        ("libya-herald-jmc-plan", "2021-10-08", "2021-10-31", 9),
    ]
    assert "text" not in body["items"][0]


async def test_source_with_inferred_publication(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get(f"/sources/{timeline.sources[HERALD]}")).json()
    SourceDetail.model_validate(body)
    assert body["text"] == TEXTS[HERALD]
    assert body["published_explicit"] is False
    assert body["published_precision"] == "range"
    assert body["published_reason"] == "no dateline; the latest date in the text is 8 October 2021"
    # The deleted event's mention is hidden: 8 of its 9 mentions remain.
    assert len(body["mentions"]) == 8
    first = body["mentions"][0]
    assert (first["char_start"], first["char_end"]) == (0, 125)
    assert first["event"] == {
        "id": str(timeline.events["jmc-action-plan"]),
        "title": "JMC signs action plan for the withdrawal of mercenaries",
    }
    assert first["pledge"] is None
    pledge_mentions = [m for m in body["mentions"] if m["pledge"] is not None]
    assert [m["pledge"]["id"] for m in pledge_mentions] == [
        str(timeline.pledges["mangoush-mercenaries"])
    ]
    for m in body["mentions"]:
        assert body["text"][m["char_start"] : m["char_end"]] == m["quote"]


async def test_source_by_slug(client: AsyncClient, timeline: StoredTimeline) -> None:
    body = (await client.get("/sources/reuters-geneva-ceasefire")).json()
    assert body["id"] == str(timeline.sources[REUTERS])
    assert body["published_explicit"] is True
    assert [m["origin"] for m in body["mentions"]] == [
        "o-geneva",
        "o-pledge-withdrawal",
        "o-pledge-road",
        "o-offensive",
        "o-berlin-2020",
    ]


async def test_unknown_source_is_404(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/sources/no-such-article")
    assert response.status_code == 404
    assert response.json()["detail"] == "No source with id or slug 'no-such-article'."
