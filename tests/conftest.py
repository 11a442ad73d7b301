"""Test database set-up: a real PostgreSQL, never SQLite, never a mocked session.

Server: TEST_DATABASE_URL, else DATABASE_URL, else the project's embedded PostgreSQL.
Each run creates a fresh database, migrates it to head, ingests the sample corpus once, and
drops the database at the end. Each test runs inside a transaction that is rolled back.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.app import create_app
from api.deps import get_session
from api.settings import PROJECT_ROOT, Settings, async_url
from db import migrate
from db.engine import make_engine
from db.runtime import create_database, drop_database, with_database
from seed.pipeline import IngestReport


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if configured:
        yield async_url(configured)
        return
    from db.embedded import EmbeddedPostgres

    with EmbeddedPostgres(PROJECT_ROOT / ".data" / "test-postgres") as server:
        yield server.url_for("postgres", driver="asyncpg")


@pytest.fixture(scope="session")
def scratch_database(server_url: str) -> Iterator[object]:
    """A factory of empty databases on the test server, dropped at the end of the run."""
    created: list[str] = []

    def make() -> str:
        name = f"timeline_test_{uuid.uuid4().hex[:10]}"
        create_database(server_url, name)
        created.append(name)
        return with_database(server_url, name)

    yield make
    for name in created:
        drop_database(server_url, name)


@pytest.fixture(scope="session")
def database_url(scratch_database: object) -> str:
    assert callable(scratch_database)
    url: str = scratch_database()
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def corpus_engine(scratch_database: object) -> AsyncIterator[AsyncEngine]:
    """A second database holding the ingested sample corpus, so that tests building their own
    data on `engine` never collide with it."""
    assert callable(scratch_database)
    url: str = scratch_database()
    migrate.upgrade(url)
    engine = make_engine(url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def corpus(corpus_engine: AsyncEngine) -> IngestReport:
    """The sample corpus, ingested once (committed) into the corpus database."""
    from seed.pipeline import expand_paths, ingest, read_articles

    articles, problems = read_articles(expand_paths([PROJECT_ROOT / "seed" / "corpus"]))
    async with AsyncSession(corpus_engine, expire_on_commit=False) as session, session.begin():
        report = await ingest(session, articles, problems)
    assert report.counts()["failed"] == 0, report.as_dict()
    return report


@asynccontextmanager
async def rolled_back_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose commits only release savepoints: everything is rolled back after."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        session = AsyncSession(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await outer.rollback()


@asynccontextmanager
async def client_for(session: AsyncSession, settings: Settings) -> AsyncIterator[AsyncClient]:
    app = create_app(settings)

    async def test_session() -> AsyncIterator[AsyncSession]:
        # The same contract as api.deps.get_session, on the test's rolled-back connection.
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise

    app.dependency_overrides[get_session] = test_session
    transport = ASGITransport(app=app)
    # Identity: bodies and ETags as the routes make them; compression tests ask for a coding.
    async with AsyncClient(
        transport=transport,
        base_url="http://testserver",
        headers={"Accept-Encoding": "identity"},
    ) as http:
        yield http


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A rolled-back session on the empty, migrated test database."""
    async with rolled_back_session(engine) as session:
        yield session


@pytest.fixture
async def corpus_session(
    corpus_engine: AsyncEngine, corpus: IngestReport
) -> AsyncIterator[AsyncSession]:
    """A rolled-back session on the database holding the ingested sample corpus."""
    async with rolled_back_session(corpus_engine) as session:
        yield session


@pytest.fixture
def settings() -> Settings:
    return Settings(
        database_url=None, data_dir=PROJECT_ROOT / ".data", public_url="http://testserver"
    )


@pytest.fixture
async def client(session: AsyncSession, settings: Settings) -> AsyncIterator[AsyncClient]:
    async with client_for(session, settings) as http:
        yield http


@pytest.fixture
async def corpus_client(
    corpus_session: AsyncSession, settings: Settings
) -> AsyncIterator[AsyncClient]:
    async with client_for(corpus_session, settings) as http:
        yield http
