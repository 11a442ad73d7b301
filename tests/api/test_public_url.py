"""Absolute links come from the configured public URL, never from the request's Host header."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.pagination import encode_cursor
from api.settings import PROJECT_ROOT, Settings
from db.repositories import change_feed
from db.repositories.change_feed import ChangePage
from seed.pipeline import IngestReport
from tests.conftest import client_for


@pytest.mark.parametrize(
    ("host", "port", "public_url", "base"),
    [
        ("127.0.0.1", 8000, None, "http://127.0.0.1:8000"),
        ("0.0.0.0", 8080, None, "http://localhost:8080"),
        ("::1", 8000, None, "http://[::1]:8000"),
        ("0.0.0.0", 8000, "https://timeline.example.org/", "https://timeline.example.org"),
    ],
)
def test_the_public_base_defaults_to_the_bind_address(
    host: str, port: int, public_url: str | None, base: str
) -> None:
    settings = Settings(host=host, port=port, public_url=public_url)
    assert settings.public_base == base


async def test_a_foreign_host_header_changes_nothing_other_clients_get(
    corpus_session: AsyncSession, corpus: IngestReport
) -> None:
    settings = Settings(
        database_url=None,
        data_dir=PROJECT_ROOT / ".data",
        public_url="https://timeline.example.org",
        response_cache=True,
        read_deadline=None,
    )
    async with client_for(corpus_session, settings) as http:
        # The attacker's request comes first, so that it is the one the response cache keeps.
        forged = await http.get("/events?limit=2", headers={"Host": "evil.example"})
        honest = await http.get("/events?limit=2")
    assert forged.status_code == honest.status_code == 200
    assert forged.json()["next"].startswith("https://timeline.example.org/events?limit=2&cursor=")
    assert forged.headers["link"] == f'<{forged.json()["next"]}>; rel="next"'
    assert honest.content == forged.content
    assert honest.headers["link"] == forged.headers["link"]
    assert honest.headers["etag"] == forged.headers["etag"]


async def _two_pages(session: AsyncSession, **_: object) -> ChangePage:
    # A fixed page with more after it: which changes are settled depends on every
    # transaction open on the test server, other test runs' included.
    return ChangePage(items=[], last_key=(7, 1), more=True)


async def test_a_foreign_host_reaches_no_link_of_the_change_feed_or_the_atom_feed(
    corpus_session: AsyncSession, corpus: IngestReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(change_feed, "list_changes", _two_pages)
    settings = Settings(
        database_url=None,
        data_dir=PROJECT_ROOT / ".data",
        public_url="https://timeline.example.org",
        response_cache=True,
        read_deadline=None,
    )
    evil = {"Host": "evil.example"}
    async with client_for(corpus_session, settings) as http:
        forged_changes = await http.get("/changes?limit=1", headers=evil)
        honest_changes = await http.get("/changes?limit=1")
        forged_atom = await http.get("/events.atom?type=meeting", headers=evil)
        honest_atom = await http.get("/events.atom?type=meeting")
    following = honest_changes.json()["next"]
    since = encode_cursor("changes", (7, 1))
    assert following == f"https://timeline.example.org/changes?limit=1&since={since}"
    assert honest_changes.headers["link"] == f'<{following}>; rel="next"'
    assert forged_changes.content == honest_changes.content
    assert forged_atom.text == honest_atom.text
    links = re.findall(r'href="([^"]+)"', honest_atom.text)
    assert links[:2] == [
        "https://timeline.example.org/events.atom?type=meeting",
        "https://timeline.example.org/events",
    ]
    assert all(link.startswith("https://timeline.example.org/") for link in links)
