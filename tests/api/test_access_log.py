"""One JSON line per request, uvicorn's lines in JSON too, request ids in and out, no keys."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import orjson
import pytest
from fixtures_timeline import StoredTimeline
from httpx import AsyncClient

from api.logging_config import configure_logging
from api.protocol import request_id


def _access_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "api.access"]


async def test_the_access_line_says_who_asked_what_and_how_it_went(
    client: AsyncClient, timeline: StoredTimeline, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="api.access")
    event = timeline.events["geneva-ceasefire"]
    response = await client.get(
        f"/events/{event}?x=1", headers={"Authorization": "Bearer secret-key-value"}
    )
    [record] = _access_records(caplog)
    assert {
        k: getattr(record, k)
        for k in ("method", "route", "path", "query", "status", "client", "request_id")
    } == {
        "method": "GET",
        "route": "/events/{event_id}",
        "path": f"/events/{event}",
        "query": "x=1",
        "status": 200,
        "client": "127.0.0.1",
        "request_id": response.headers["x-request-id"],
    }
    assert len(response.headers["x-request-id"]) == 32
    assert record.duration_ms > 0
    assert all("secret-key-value" not in str(vars(r)) for r in caplog.records)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("req-42.a:b_c", True), ("x" * 129, False), ("has space", False), ("", False)],
)
async def test_a_plain_request_id_is_honoured(
    client: AsyncClient, caplog: pytest.LogCaptureFixture, sent: str, kept: bool
) -> None:
    caplog.set_level(logging.INFO, logger="api.access")
    response = await client.get("/healthz", headers={"X-Request-ID": sent})
    returned = response.headers["x-request-id"]
    assert (returned == sent) is kept
    assert _access_records(caplog)[0].request_id == returned


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_uvicorn_lines_are_json_too(
    capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    configure_logging("info", json_lines=True)
    logging.getLogger("uvicorn.error").info("Uvicorn running on %s", "http://127.0.0.1:8000")
    logging.getLogger("api.access").info("request", extra={"status": 200, "query": "a=1"})
    lines = [orjson.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(line["logger"], line["msg"]) for line in lines] == [
        ("uvicorn.error", "Uvicorn running on http://127.0.0.1:8000"),
        ("api.access", "request"),
    ]
    assert (lines[1]["status"], lines[1]["query"]) == (200, "a=1")


def test_new_request_ids_are_distinct_32_hex_digits() -> None:
    made = {request_id(None) for _ in range(1000)}
    assert len(made) == 1000
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in made)
    assert request_id(b"bad id!") != "bad id!" and request_id(b"ok-1") == "ok-1"
