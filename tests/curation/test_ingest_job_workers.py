"""The sample corpus through the queue and two real `timeline worker` processes stores the
same timeline (ids, dates, members) as ingesting the articles in this process, one by one in
the order the workers linked them (the order in which articles arrive may name a happening;
see tests/seed/test_arrival_order.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.ingesting import ingest_article
from api.job_queue import INGEST_TASK, article_args, make_queue
from api.settings import PROJECT_ROOT
from db import migrate
from db.engine import make_engine
from db.models import Event, EventActor, IngestionLog, Mention, Pledge, Source
from seed.pipeline import expand_paths, read_articles

CORPUS = PROJECT_ROOT / "seed" / "corpus"


async def _stored(engine: AsyncEngine) -> dict[str, list[tuple[object, ...]]]:
    """Every source, event, pledge and member row, by id."""
    async with AsyncSession(engine) as session:

        async def rows(*columns: object) -> list[tuple[object, ...]]:
            result = await session.execute(select(*columns))  # type: ignore[call-overload]
            return sorted(tuple(r) for r in result.tuples())

        return {
            "sources": await rows(
                Source.id, Source.slug, Source.published_start, Source.published_end
            ),
            "events": await rows(
                Event.id,
                Event.title,
                Event.type,
                Event.date_start,
                Event.date_end,
                Event.date_precision,
                Event.source_count,
                Event.independent_source_count,
            ),
            "event_actors": await rows(EventActor.event_id, EventActor.actor_id, EventActor.role),
            "mentions": await rows(
                Mention.id,
                Mention.event_id,
                Mention.pledge_id,
                Mention.source_id,
                Mention.char_start,
                Mention.char_end,
            ),
            "pledges": await rows(
                Pledge.id, Pledge.text, Pledge.made_start, Pledge.made_end, Pledge.status
            ),
        }


def _start_worker(url: str, name: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    # The log goes to a file: a pipe nobody reads fills up and blocks the worker.
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--name", name, "--concurrency", "1"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def _wait_for_workers(engine: AsyncEngine, count: int, limit: float = 120) -> None:
    """Until `count` workers are registered (listening): then each gets a share of the jobs."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        async with engine.connect() as conn:
            running = await conn.scalar(text("SELECT count(*) FROM procrastinate_workers"))
        if running == count:
            return
        assert loop.time() < deadline, f"{running} of {count} workers started after {limit} s"
        await asyncio.sleep(0.25)


async def _wait_until_done(engine: AsyncEngine, count: int, limit: float = 300) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        async with engine.connect() as conn:
            done = await conn.scalar(
                text(
                    "SELECT count(*) FROM procrastinate_jobs "
                    "WHERE status IN ('succeeded', 'failed')"
                )
            )
        if done == count or loop.time() > deadline:
            assert done == count, f"{done} of {count} jobs done after {limit} s"
            return
        await asyncio.sleep(0.25)


async def test_two_worker_processes_store_what_in_process_ingestion_stores(
    scratch_database: Callable[[], str], tmp_path: Path
) -> None:
    articles, problems = read_articles(expand_paths([CORPUS]))
    assert problems == [] and len(articles) == 5
    queued_url, local_url = scratch_database(), scratch_database()
    migrate.upgrade(queued_url)
    migrate.upgrade(local_url)
    queued, local = make_engine(queued_url, pool_size=2), make_engine(local_url, pool_size=2)
    names = ("worker-a", "worker-b")
    workers = [_start_worker(queued_url, n, tmp_path / f"{n}.log") for n in names]
    try:
        await _wait_for_workers(queued, len(workers))
        queue = make_queue(queued_url)
        async with queue.open_async():
            task = queue.configure_task(INGEST_TASK)
            ids = [await task.defer_async(article=article_args(a)) for a in articles]
        await _wait_until_done(queued, len(ids))
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
    logs = [(tmp_path / f"{n}.log").read_text()[-2000:] for n in names]
    assert [w.returncode for w in workers] == [0, 0], logs

    async with queued.connect() as conn:
        statuses = (
            await conn.execute(
                text(
                    "SELECT j.status::text, r.worker, r.created FROM procrastinate_jobs j "
                    "JOIN ingestion_jobs r ON r.job_id = j.id"
                )
            )
        ).all()
        # The order the workers linked the articles in (one at a time, under the lock).
        order = list(
            (
                await conn.execute(
                    select(IngestionLog.file_name)
                    .where(IngestionLog.outcome == "ingested")
                    .order_by(IngestionLog.id)
                )
            ).scalars()
        )
    assert sorted(s for s, _, _ in statuses) == ["succeeded"] * 5
    assert all(created for _, _, created in statuses)
    assert {w for _, w, _ in statuses} == {"worker-a", "worker-b"}, "both workers ran jobs"
    assert sorted(order) == sorted(a.file_name for a in articles)

    by_name = {a.file_name: a for a in articles}
    for name in order:
        async with AsyncSession(local, expire_on_commit=False) as session:
            await ingest_article(session, article=by_name[name])
            await session.commit()

    from_workers, in_process = await _stored(queued), await _stored(local)
    await queued.dispose()
    await local.dispose()
    assert len(from_workers["events"]) == 22
    assert len(from_workers["sources"]) == 5
    assert from_workers == in_process
