"""Concurrent POSTs of different articles all succeed: they wait their turn to link without
running into the command timeout or starving the connection pool."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, timedelta

from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.app import create_app
from api.settings import Settings
from curation.support import make_key
from db import migrate
from db.engine import make_engine
from db.models import Source

PLACES = ["Sirte", "Jufra", "Misrata", "Benghazi", "Tripoli", "Sabha", "Zawiya", "Tobruk"]


def _article(n: int) -> dict[str, str]:
    day = date(2021, 1, 4) + timedelta(days=9 * n)
    place = PLACES[n % len(PLACES)]
    return {
        "text": f"Report {n}\n\nThe Libyan National Army said on Monday that {n + 10} "
        f"foreign fighters had left {place}.\n",
        "published": day.isoformat(),
        "file_name": f"report-{n}",
    }


async def test_twenty_concurrent_posts_of_different_articles_all_succeed(
    scratch_database: Callable[[], str],
) -> None:
    url = scratch_database()
    migrate.upgrade(url)
    engine = make_engine(url, pool_size=1)
    async with AsyncSession(engine) as session:
        key = await make_key(session, "write")
    await engine.dispose()
    # A command timeout far below the time the last POST waits for its turn, and a pool
    # smaller than the number of requests. Articles are read in a process pool, as in
    # production: threads reading in this process would starve the event loop of the GIL.
    settings = Settings(
        database_url=url,
        db_pool_size=3,
        db_command_timeout=1.0,
        response_cache=False,
        extract_workers=1,
    )
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client,
    ):
        responses = await asyncio.gather(
            *(client.post("/sources", json=_article(n), headers=key.auth) for n in range(20))
        )
        health = await client.get("/healthz")
    assert [r.status_code for r in responses] == [201] * 20, [r.text for r in responses]
    assert health.status_code == 200
    engine = make_engine(url, pool_size=1)
    async with AsyncSession(engine) as session:
        count = await session.scalar(select(func.count()).select_from(Source))
    await engine.dispose()
    assert count == 20
