"""POST /sources: one article through the ingestion pipeline; duplicates, refusals, atomicity,
concurrency, and editors' work surviving re-ingestion."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.app import create_app
from api.caching import resource_etag
from api.settings import PROJECT_ROOT, Settings
from curation.support import Key, make_key
from db import migrate
from db.engine import make_engine
from db.models import Event, Source

pytest.importorskip("seed.extract.parse", reason="the extraction stages have not landed yet")

from seed.pipeline import expand_paths, ingest, read_articles

CORPUS = sorted((PROJECT_ROOT / "seed" / "corpus").glob("*.txt"))
ARTICLE = CORPUS[1].read_bytes()


async def _sources(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Source)) or 0)


async def test_text_plain_article_is_ingested_once(
    client: AsyncClient, session: AsyncSession, writer: Key
) -> None:
    before = await _sources(session)
    headers = writer.auth | {"Content-Type": "text/plain; charset=utf-8"}
    first = await client.post("/sources", content=ARTICLE + b"\nExtra line.", headers=headers)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["created"] is True
    assert first.headers["location"] == f"/sources/{body['source']['id']}"
    assert body["events"], "the article states events"
    assert await _sources(session) == before + 1

    again = await client.post("/sources", content=ARTICLE + b"\nExtra line.", headers=headers)
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["source"] == body["source"]
    assert await _sources(session) == before + 1


async def test_json_article_with_metadata(client: AsyncClient, writer: Key) -> None:
    response = await client.post(
        "/sources",
        json={
            "text": ARTICLE.decode() + "\nA JSON copy.",
            "title": "Libya's foreign minister on the ceasefire",
            "publisher": "Test Wire",
            "published": "2021-10-08",
        },
        headers=writer.auth,
    )
    assert response.status_code == 201, response.text
    source = response.json()["source"]
    assert (source["title"], source["publisher"]) == (
        "Libya's foreign minister on the ceasefire",
        "Test Wire",
    )
    assert (source["published_start"], source["published_end"]) == ("2021-10-08", "2021-10-08")


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"", "text/plain", 422),
        (b"\x00\x01\x02\x03binary", "text/plain", 422),
        (b"caf\xe9 latin-1 text", "text/plain", 422),
        (b"{not json", "application/json", 422),
        # A number is not a publication day (lax parsing would read 0 as 1970-01-01).
        (b'{"text": "Talks resumed in Geneva today.", "published": 0}', "application/json", 422),
        (b"<p>html</p>", "text/html", 415),
        (b"x" * (2 * 1024 * 1024 + 1), "text/plain", 413),
    ],
)
async def test_refusals_are_problems(
    client: AsyncClient, writer: Key, body: bytes, content_type: str, status: int
) -> None:
    response = await client.post(
        "/sources", content=body, headers=writer.auth | {"Content-Type": content_type}
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if status == 422:
        assert response.json()["invalid_params"][0]["in"] == "body"


async def test_ingesting_needs_a_write_key(client: AsyncClient) -> None:
    response = await client.post(
        "/sources", content=ARTICLE, headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 401


async def test_a_failure_mid_article_leaves_nothing(
    client: AsyncClient, session: AsyncSession, writer: Key, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.repositories import timeline_sync

    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError("injected failure after the sources were written")

    before_sources = await _sources(session)
    before_events = await session.scalar(select(func.count()).select_from(Event))
    monkeypatch.setattr(timeline_sync, "upsert_events", broken)
    response = await client.post(
        "/sources",
        content=ARTICLE + b"\nAnother copy.",
        headers=writer.auth | {"Content-Type": "text/plain"},
    )
    assert response.status_code == 500
    assert await _sources(session) == before_sources
    assert await session.scalar(select(func.count()).select_from(Event)) == before_events


async def test_edits_and_deletions_survive_reingestion(
    corpus_client: AsyncClient, corpus_session: AsyncSession
) -> None:
    client, session = corpus_client, corpus_session
    writer = await make_key(session, "write")
    events = (
        await session.scalars(
            select(Event).where(Event.deleted_at.is_(None)).order_by(Event.date_start).limit(2)
        )
    ).all()
    edited, deleted = events[0].id, events[1].id
    versions = {e.id: e.version for e in events}
    patch = await client.patch(
        f"/events/{edited}",
        json={"title": "Editor's title"},
        headers=writer.auth | {"If-Match": resource_etag(edited, versions[edited])},
    )
    assert patch.status_code == 200
    removal = await client.delete(
        f"/events/{deleted}",
        headers=writer.auth | {"If-Match": resource_etag(deleted, versions[deleted])},
    )
    assert removal.status_code == 204

    articles, problems = read_articles(expand_paths([PROJECT_ROOT / "seed" / "corpus"]))
    await ingest(session, articles, problems)
    rows = {
        e.id: e
        for e in await session.scalars(
            select(Event)
            .where(Event.id.in_([edited, deleted]))
            .execution_options(populate_existing=True)
        )
    }
    assert rows[edited].title == "Editor's title"
    assert rows[deleted].deleted_at is not None


async def test_concurrent_posts_of_one_article_store_one_source(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    engine = make_engine(url, pool_size=1)
    async with AsyncSession(engine) as session:
        key = await make_key(session, "write")  # commits
    await engine.dispose()
    app = create_app(Settings(database_url=url, db_pool_size=4, response_cache=False))
    headers = key.auth | {"Content-Type": "text/plain"}
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as one,
        AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as two,
    ):
        first, second = await asyncio.gather(
            one.post("/sources", content=ARTICLE, headers=headers),
            two.post("/sources", content=ARTICLE, headers=headers),
        )
    assert sorted([first.status_code, second.status_code]) == [200, 201]
    assert first.json()["source"]["id"] == second.json()["source"]["id"]
    engine = make_engine(url, pool_size=1)
    async with AsyncSession(engine) as session:
        assert await _sources(session) == 1
    await engine.dispose()
