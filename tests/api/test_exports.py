"""Exports of the filtered /events query: CSV, NDJSON, iCalendar, TimelineJS3; negotiation."""

from __future__ import annotations

import csv
import io
import re

import orjson
import pytest
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from test_events import ALL_LIVE

from api.exports.icalendar import fold
from api.schemas.events import Timeline


@pytest.mark.parametrize(
    ("request_args", "media_type"),
    [
        ({"url": "/events.csv"}, "text/csv; charset=utf-8"),
        ({"url": "/events?format=csv"}, "text/csv; charset=utf-8"),
        ({"url": "/events", "headers": {"Accept": "text/csv"}}, "text/csv; charset=utf-8"),
        ({"url": "/events.ndjson"}, "application/x-ndjson"),
        ({"url": "/events", "headers": {"Accept": "application/x-ndjson"}}, "application/x-ndjson"),
        ({"url": "/events.ics"}, "text/calendar; charset=utf-8"),
        (
            {"url": "/events", "headers": {"Accept": "text/calendar"}},
            "text/calendar; charset=utf-8",
        ),
        ({"url": "/events?format=timelinejs"}, "application/json"),
        ({"url": "/events", "headers": {"Accept": "*/*"}}, "application/json"),
        (
            {"url": "/events", "headers": {"Accept": "text/html;q=0.9, text/csv;q=0.5"}},
            "text/csv; charset=utf-8",
        ),
        # format= wins over Accept.
        (
            {"url": "/events?format=ndjson", "headers": {"Accept": "text/csv"}},
            "application/x-ndjson",
        ),
    ],
)
async def test_format_selection(
    client: AsyncClient, timeline: StoredTimeline, request_args: dict[str, object], media_type: str
) -> None:
    response = await client.get(**request_args)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type


async def test_unsupported_accept_is_406_problem(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not acceptable"


async def test_unknown_format_is_422(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events?format=xml")
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "format"


async def test_csv(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events.csv", params={"actor": "Haftar"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [
        "id",
        "date_start",
        "date_end",
        "date_precision",
        "type",
        "title",
        "summary",
        "location",
        "actors",
        "sources",
        "independent_sources",
    ]
    assert rows[1:] == [
        [
            str(timeline.events["lna-tripoli-offensive"]),
            "2019-04-04",
            "2019-04-04",
            "day",
            "military_operation",
            "Libyan National Army launches offensive on Tripoli",
            "Haftar's forces advance on the capital.",
            "Tripoli",
            "Government of National Accord (target); Khalifa Haftar (commander); "
            "Libyan National Army (participant)",
            "2",
            "1",
        ],
        [
            str(timeline.events["lna-withdraws-from-tripoli"]),
            "2020-06-01",
            "2020-06-10",
            "range",
            "withdrawal",
            "LNA forces withdraw from the outskirts of Tripoli",
            "",
            "Tripoli",
            "Khalifa Haftar (commander); Libyan National Army (participant)",
            "1",
            "1",
        ],
    ]
    assert response.text.endswith("\r\n")
    assert response.headers["content-disposition"] == 'inline; filename="events.csv"'


async def test_ndjson_streams_every_match_ignoring_limit(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    async with client.stream("GET", "/events.ndjson", params={"limit": 2}) as response:
        lines = [line async for line in response.aiter_lines()]
    assert len(lines) == 10
    events = [orjson.loads(line) for line in lines]
    assert timeline.event_keys([e["id"] for e in events]) == timeline.ordered(*ALL_LIVE)
    list_body = (await client.get("/events")).json()
    assert events == list_body["items"]


async def test_ndjson_batches_keep_order(
    client: AsyncClient, timeline: StoredTimeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of 3 exercise the keyset continuation between batches.
    from db.repositories import events as repo

    original = repo.iter_events

    def small_batches(session, **kwargs):  # type: ignore[no-untyped-def]
        return original(session, **{**kwargs, "batch_size": 3})

    monkeypatch.setattr(repo, "iter_events", small_batches)
    response = await client.get("/events.ndjson?sort=-date")
    ids = [orjson.loads(line)["id"] for line in response.text.splitlines()]
    assert timeline.event_keys(ids) == list(reversed(timeline.ordered(*ALL_LIVE)))


async def test_icalendar(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events.ics", params={"location": "Geneva"})
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert unfolded.count("BEGIN:VEVENT") == 2
    geneva = timeline.events["geneva-ceasefire"]
    assert f"UID:{geneva}@libya-timeline.example\r\n" in unfolded
    assert "DTSTART;VALUE=DATE:20201023\r\nDTEND;VALUE=DATE:20201024\r\n" in unfolded
    assert "DTSTART;VALUE=DATE:20211008\r\nDTEND;VALUE=DATE:20211009\r\n" in unfolded
    assert "SUMMARY:Permanent ceasefire agreement signed in Geneva\r\n" in unfolded
    assert len(re.findall(r"DTSTAMP:\d{8}T\d{6}Z\r\n", unfolded)) == 2
    assert "LOCATION:Geneva\r\n" in unfolded


async def test_icalendar_multi_day_spans(client: AsyncClient, timeline: StoredTimeline) -> None:
    unfolded = (
        (await client.get("/events.ics", params={"actor": "Haftar"}))
        .content.replace(b"\r\n ", b"")
        .decode()
    )
    # 1-10 June 2020 (range): DTEND is the exclusive day after.
    assert "DTSTART;VALUE=DATE:20200601\r\nDTEND;VALUE=DATE:20200611\r\n" in unfolded
    year = (
        (await client.get("/events.ics", params={"type": "statement"}))
        .content.replace(b"\r\n ", b"")
        .decode()
    )
    assert "DTSTART;VALUE=DATE:20200101\r\nDTEND;VALUE=DATE:20210101\r\n" in year
    assert "Date precision: year." in year


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    parts = folded.split(b"\r\n")
    assert parts[-1] == b""
    assert [len(p) for p in parts[:-1]] == [74, 55]
    assert folded.replace(b"\r\n ", b"").decode() == line + "\r\n"
    assert fold("DTSTART;VALUE=DATE:20201023") == b"DTSTART;VALUE=DATE:20201023\r\n"


async def test_timelinejs(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events.timelinejs.json", params={"actor": "Haftar"})
    assert response.status_code == 200
    body = response.json()
    Timeline.model_validate(body)
    assert body["title"] == {
        "text": {"headline": "Libya ceasefire timeline", "text": "Filtered by actor=Haftar"}
    }
    page = "http://testserver/timeline/sources/"
    reuters = (
        f'Reuters: <a href="{page}reuters-geneva-ceasefire">'
        "Libya&#x27;s warring sides sign permanent ceasefire in Geneva</a>"
    )
    observer = (
        f'Libya Observer: <a href="{page}libya-observer-ceasefire">'
        "Permanent ceasefire signed in Geneva</a>"
    )
    assert body["events"] == [
        {
            "start_date": {"year": 2019, "month": 4, "day": 4},
            "text": {
                "headline": "Libyan National Army launches offensive on Tripoli",
                "text": "<p>Haftar&#x27;s forces advance on the capital.</p>"
                '<p class="tl-credit">Sources (2 sources, 1 independent): '
                f"{reuters}; {observer}</p>",
            },
            "group": "military_operation",
            "unique_id": str(timeline.events["lna-tripoli-offensive"]),
            "display_date": "4 April 2019",
        },
        {
            # An uncertain day: no end_date (TimelineJS would draw a duration), only the month.
            "start_date": {"year": 2020, "month": 6},
            "text": {
                "headline": "LNA forces withdraw from the outskirts of Tripoli",
                "text": f'<p class="tl-credit">Sources (1 source, 1 independent): {observer}</p>',
            },
            "group": "withdrawal",
            "unique_id": str(timeline.events["lna-withdraws-from-tripoli"]),
            "display_date": "between 1 and 10 June 2020",
        },
    ]


async def test_timelinejs_links_ignore_the_host_header(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get(
        "/events.timelinejs.json", params={"actor": "Haftar"}, headers={"Host": "evil.example"}
    )
    text = response.json()["events"][0]["text"]["text"]
    assert "evil.example" not in text
    assert 'href="http://testserver/timeline/sources/reuters-geneva-ceasefire"' in text


async def test_timelinejs_omits_month_and_day_below_precision(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    body = (await client.get("/events?format=timelinejs&type=statement&type=meeting")).json()
    assert [(e["start_date"], e["display_date"], "end_date" in e) for e in body["events"]] == [
        *sorted(
            [
                ({"year": 2020, "month": 1}, "January 2020", False),
                ({"year": 2020}, "2020", False),
            ],
            key=lambda x: {
                "January 2020": timeline.events["berlin-conference-2020"],
                "2020": timeline.events["fighters-remain-2020"],
            }[x[1]],
        ),
        ({"year": 2021, "month": 6, "day": 23}, "23 June 2021", False),
    ]


async def test_empty_exports(client: AsyncClient, timeline: StoredTimeline) -> None:
    assert (await client.get("/events.ndjson?q=blockade")).content == b""
    assert (await client.get("/events.csv?q=blockade")).text.count("\r\n") == 1


async def test_export_errors_are_problems(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events.csv?actor=Gaddafi")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_exports_have_weak_etags_and_304(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    first = await client.get("/events.ics")
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=60"
    again = await client.get("/events.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = await client.get("/events.ics?actor=UN")
    assert other.headers["etag"] != etag


async def test_event_lists_vary_on_accept(client: AsyncClient, timeline: StoredTimeline) -> None:
    for accept in ("application/json", "text/csv"):
        response = await client.get("/events", headers={"Accept": accept})
        assert "Accept" in [v.strip() for v in response.headers["vary"].split(",")]
