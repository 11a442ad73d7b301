"""POST /sources?async=true and GET /jobs/{id}: the article is validated at once, queued on
procrastinate (real PostgreSQL), run by a real worker, and its job reports the outcome."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.job_queue import quiet_job_arguments, run_worker
from api.settings import PROJECT_ROOT, Settings
from curation.support import Key, make_key
from db import migrate
from db.engine import make_engine
from db.ids import source_id
from db.models import Source
from seed.names import slugify
from tests.conftest import client_for, rolled_back_session

ARTICLE = sorted((PROJECT_ROOT / "seed" / "corpus").glob("*.txt"))[2].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def queue_url(scratch_database: Callable[[], str]) -> str:
    """A database of its own: the worker commits what it ingests."""
    url = scratch_database()
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="module")
async def queue_engine(queue_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(queue_url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture
async def queue_session(queue_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with rolled_back_session(queue_engine) as session:
        yield session


@pytest.fixture
async def writer_key(queue_session: AsyncSession) -> Key:
    return await make_key(queue_session, "write", name="newsroom")


@pytest.fixture
async def queue_client(
    queue_session: AsyncSession, settings: Settings, queue_url: str
) -> AsyncIterator[AsyncClient]:
    app_settings = settings.model_copy(update={"database_url": queue_url})
    async with client_for(queue_session, app_settings) as http:
        yield http
        # ASGITransport runs no lifespan: close the queue the app opened.
        await http._transport.app.state.job_queue.close()  # type: ignore[attr-defined]


async def _jobs(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM procrastinate_jobs")) or 0)


async def _work(url: str) -> None:
    """One real procrastinate worker until the queue is empty."""
    await run_worker(url, wait=False, install_signal_handlers=False, name="test-worker")


async def test_queued_article_is_ingested_by_a_worker_and_its_job_says_so(
    queue_client: AsyncClient, queue_session: AsyncSession, writer_key: Key, queue_url: str
) -> None:
    body = {"text": ARTICLE, "file_name": "queued-article.txt"}
    queued = await queue_client.post("/sources?async=true", json=body, headers=writer_key.auth)
    assert queued.status_code == 202, queued.text
    job = queued.json()
    assert queued.headers["location"] == f"/jobs/{job['id']}"
    assert queued.headers["cache-control"] == "no-store"
    assert job["status"] == "queued"
    assert job["file_name"] == "queued-article.txt"
    assert job["source_id"] is None and job["problem"] is None and job["finished_at"] is None
    assert job["links"] == {"self": f"/jobs/{job['id']}", "source": None}
    assert await queue_session.scalar(select(func.count()).select_from(Source)) == 0

    polled = await queue_client.get(f"/jobs/{job['id']}", headers=writer_key.auth)
    assert polled.status_code == 200
    assert polled.json() == job

    await _work(queue_url)

    done = (await queue_client.get(f"/jobs/{job['id']}", headers=writer_key.auth)).json()
    expected_id = str(source_id(slugify("queued-article.txt")))
    assert done["status"] == "succeeded"
    assert done["source_id"] == expected_id
    assert done["created"] is True
    assert done["problem"] is None
    assert done["finished_at"] is not None and done["started_at"] is not None
    assert done["links"] == {"self": f"/jobs/{job['id']}", "source": f"/sources/{expected_id}"}
    source = await queue_client.get(done["links"]["source"])
    assert source.status_code == 200
    assert source.json()["slug"] == slugify("queued-article.txt")

    # The same file name with another text: the job fails with the synchronous route's 409.
    clash = {"text": ARTICLE + "\nA later paragraph.", "file_name": "queued-article.txt"}
    second = await queue_client.post("/sources?async=true", json=clash, headers=writer_key.auth)
    assert second.status_code == 202
    await _work(queue_url)
    failed = (await queue_client.get(second.headers["location"], headers=writer_key.auth)).json()
    assert failed["status"] == "failed"
    assert failed["source_id"] is None and failed["links"]["source"] is None
    problem = failed["problem"]
    assert problem["status"] == 409
    assert problem["type"] == "https://libya-timeline.example/problems/conflict"
    assert problem["source_id"] == expected_id
    assert problem["instance"] == second.headers["location"]


async def test_bad_input_is_refused_before_anything_is_queued(
    queue_client: AsyncClient, queue_session: AsyncSession, writer_key: Key
) -> None:
    before = await _jobs(queue_session)
    headers = writer_key.auth | {"Content-Type": "text/plain"}
    binary = await queue_client.post(
        "/sources?async=true", content=b"\xff\xfe\x00", headers=headers
    )
    assert binary.status_code == 422
    assert binary.headers["content-type"] == "application/problem+json"
    empty = await queue_client.post(
        "/sources?async=true", json={"text": ""}, headers=writer_key.auth
    )
    assert empty.status_code == 422
    assert [p["name"] for p in empty.json()["invalid_params"]] == ["text"]
    xml = await queue_client.post(
        "/sources?async=true",
        content=b"<a/>",
        headers=writer_key.auth | {"Content-Type": "text/xml"},
    )
    assert xml.status_code == 415
    anonymous = await queue_client.post("/sources?async=true", json={"text": ARTICLE})
    assert anonymous.status_code == 401
    assert await _jobs(queue_session) == before


@pytest.mark.parametrize("ref", ["999999", "abc", "0", "99999999999999999999", "-1"])
async def test_unknown_or_malformed_job_is_a_404_problem(
    queue_client: AsyncClient, writer_key: Key, ref: str
) -> None:
    response = await queue_client.get(f"/jobs/{ref}", headers=writer_key.auth)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == f"No ingestion job {ref}."


async def test_a_job_is_shown_to_write_keys_only(queue_client: AsyncClient) -> None:
    response = await queue_client.get("/jobs/1")
    assert response.status_code == 401


def test_worker_logs_name_the_job_without_its_article() -> None:
    call = "ingest_article[7](article={'text': 'A long article...', 'file_name': 'a.txt'})"
    record = logging.LogRecord(
        "procrastinate.worker", logging.INFO, "", 0, "Starting job %s", (call,), None
    )
    record.job = {"id": 7, "task_name": "ingest_article", "call_string": call, "task_kwargs": {}}
    root = logging.getLogger()
    handler = logging.NullHandler()
    root.addHandler(handler)
    try:
        quiet_job_arguments()
        assert all(f.filter(record) for f in handler.filters)
    finally:
        root.removeHandler(handler)
    assert record.getMessage() == "Starting job ingest_article[7]"
    assert record.job == {"id": 7, "task_name": "ingest_article"}


async def test_an_unreachable_queue_is_a_503_problem(
    queue_session: AsyncSession, settings: Settings, writer_key: Key
) -> None:
    nowhere = settings.model_copy(
        update={"database_url": "postgresql+asyncpg://nobody@127.0.0.1:9/nowhere"}
    )
    async with client_for(queue_session, nowhere) as http:
        response = await http.post(
            "/sources?async=true", json={"text": ARTICLE}, headers=writer_key.auth
        )
        await http._transport.app.state.job_queue.close()  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["detail"] == "The job queue's database is unreachable."
