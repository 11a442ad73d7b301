"""HEAD, Allow on 405, strict ISO dates and URL limits, on every route."""

from __future__ import annotations

import orjson
import pytest
from curation.support import make_key
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Message

from api.app import create_app
from api.settings import Settings
from seed.names import slugify


@pytest.mark.parametrize(
    "path", ["/healthz", "/events", "/events.csv", "/actors", "/sources", "/pledges", "/docs"]
)
async def test_head_answers_the_get_headers_without_a_body(
    client: AsyncClient, timeline: StoredTimeline, path: str
) -> None:
    get = await client.get(path)
    head = await client.head(path)
    assert (head.status_code, head.content) == (200, b"")
    for name in ("content-type", "etag", "cache-control", "content-length"):
        assert head.headers.get(name) == get.headers.get(name), name


async def test_head_of_one_event_and_its_304(client: AsyncClient, timeline: StoredTimeline) -> None:
    path = f"/events/{timeline.events['geneva-ceasefire']}"
    etag = (await client.get(path)).headers["etag"]
    head = await client.head(path)
    assert (head.status_code, head.headers["etag"], head.content) == (200, etag, b"")
    assert (await client.head(path, headers={"If-None-Match": etag})).status_code == 304


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/events/{event}", "DELETE, GET, HEAD, PATCH"),
        ("POST", "/events", "GET, HEAD"),
        ("DELETE", "/healthz", "GET, HEAD"),
        ("PUT", "/pledges/{pledge}", "GET, HEAD, PATCH"),
        # A static path under a templated one is its own resource, not a malformed id.
        ("PATCH", "/events/facets", "GET, HEAD"),
        ("DELETE", "/events/facets", "GET, HEAD"),
        # Only an event id's URL takes writes (GET answers any other with a 404).
        ("PATCH", "/events/not-an-id", "GET, HEAD"),
        # A source's id takes PUT; its slug's URL only reads.
        ("DELETE", "/sources/{source}", "GET, HEAD, PUT"),
        ("PUT", "/sources/{slug}", "GET, HEAD"),
    ],
)
async def test_405_lists_every_method_the_path_accepts(
    client: AsyncClient, timeline: StoredTimeline, method: str, path: str, allow: str
) -> None:
    file_name, source = next(iter(timeline.sources.items()))
    url = path.format(
        event=timeline.events["geneva-ceasefire"],
        pledge=next(iter(timeline.pledges.values())),
        source=source,
        slug=slugify(file_name),
    )
    response = await client.request(method, url)
    assert (response.status_code, response.headers["allow"]) == (405, allow)
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_malformed_event_id_is_still_a_404_to_read(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events/not-an-id")
    assert response.status_code == 404
    assert response.json()["detail"] == "No event 'not-an-id'."


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
async def test_an_event_id_in_capitals_still_reaches_the_write_routes(
    client: AsyncClient, session: AsyncSession, timeline: StoredTimeline, method: str
) -> None:
    # UUIDs are case-insensitive on input (RFC 9562): the `:uuid` convertor takes capitals.
    key = await make_key(session, "write")
    url = f"/events/{str(timeline.events['geneva-ceasefire']).upper()}"
    response = await client.request(method, url, json={"title": "x"}, headers=key.auth)
    assert response.status_code == 428
    assert response.json()["detail"] == (
        "Send `If-Match` with the ETag you last read, so concurrent edits are not lost."
    )


async def test_a_source_is_replaced_by_its_id_only(
    client: AsyncClient, session: AsyncSession, timeline: StoredTimeline
) -> None:
    key = await make_key(session, "write")
    headers = key.auth | {"Content-Type": "text/plain"}
    file_name, source = next(iter(timeline.sources.items()))
    body = b"A text."
    by_id = await client.put(f"/sources/{source}", content=body, headers=headers)
    by_slug = await client.put(f"/sources/{slugify(file_name)}", content=body, headers=headers)
    assert (by_id.status_code, by_slug.status_code) == (428, 405)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/events?date_to=0", "date_to"),
        ("/events?date_from=1603411200", "date_from"),
        ("/events?as_of=2021-10-08T00:00:00", "as_of"),
        ("/events?date_from=2021-02-30", "date_from"),
        ("/events?date_from=20201023", "date_from"),
        ("/pledges?due_before=0", "due_before"),
        ("/events.csv?date_to=1e9", "date_to"),
    ],
)
async def test_dates_are_iso_8601_days_only(
    client: AsyncClient, timeline: StoredTimeline, path: str, name: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == [name]


_OUTSIDE = "lies outside the years 1 to 9999 in UTC"
_NO_ZONE = "must name its time zone (for example 2026-11-30T12:00:00Z)"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/actors?updated_since=0001-01-01T00:00:00%2B14:00", _OUTSIDE),
        ("/events?updated_since=9999-12-31T23:59:59-05:00", _OUTSIDE),
        ("/sources?updated_since=2026-11-30T12:00:00", _NO_ZONE),
        # Lax parsing would read a number as seconds after the Unix epoch.
        ("/pledges?updated_since=0.5", "must be an ISO 8601 instant, such as 2026-11-30T12:00:00Z"),
    ],
)
async def test_an_instant_names_its_zone_and_fits_in_utc(
    client: AsyncClient, timeline: StoredTimeline, path: str, reason: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 422
    [invalid] = response.json()["invalid_params"]
    assert invalid["name"] == "updated_since"
    assert invalid["reason"].endswith(reason)


async def test_an_instant_with_its_zone_is_still_read(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/pledges?updated_since=2000-01-01T00:00:00%2B02:00")
    assert response.status_code == 200
    assert len(response.json()["items"]) == len(timeline.pledges)


async def test_an_iso_date_is_still_read(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events?date_from=2021-10-01&date_to=2021-10-31")
    assert response.status_code == 200


async def test_an_overlong_url_is_a_414_problem(settings: Settings) -> None:
    # httpx refuses to send such a URL, so the request is handed to the app directly.
    app = create_app(settings)
    query = b"q=" + b"x" * 100_000
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/events",
        "raw_path": b"/events",
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    headers = dict(sent[0]["headers"])
    assert (sent[0]["status"], headers[b"content-type"]) == (414, b"application/problem+json")
    problem = orjson.loads(sent[1]["body"])
    assert problem["detail"] == "The URL is 100009 bytes long; at most 8192."


def test_new_request_ids_are_unique_and_a_forked_process_draws_its_own_prefix() -> None:
    import os

    from api.protocol import request_id

    first, second = request_id(None), request_id(None)
    assert first != second and first[:16] == second[:16] and len(first) == 32
    assert request_id(b"caller-id-7") == "caller-id-7"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its own prefix, drawn at the fork
        os.close(read_end)
        os.write(write_end, request_id(None).encode())
        os._exit(0)
    os.close(write_end)
    child = os.read(read_end, 64).decode()
    os.close(read_end)
    os.waitpid(pid, 0)
    assert len(child) == 32 and child[:16] != first[:16]
