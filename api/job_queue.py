"""Queued ingestion on procrastinate: PostgreSQL is the broker, so the embedded database needs
no new service and a worker on another machine needs only the database URL.

`POST /sources?async=true` defers an `ingest_article` job (the validated article as its
arguments); `timeline worker` runs procrastinate workers that call the same
`api.ingesting.ingest_article` as the synchronous route, in a transaction of their own, and
record the outcome in `ingestion_jobs` (procrastinate keeps a job's status, not its result).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

import psycopg
from procrastinate import App, JobContext, PsycopgConnector
from procrastinate.exceptions import ConnectorException
from psycopg_pool import AsyncConnectionPool
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.errors import ApiError, ServiceUnavailable
from api.ingesting import ingest_article
from db.repositories import jobs as job_rows
from db.runtime import libpq_url
from seed.extract.types import RawArticle

log = logging.getLogger(__name__)

QUEUE = "ingest"
INGEST_TASK = "ingest_article"
# A worker has no client waiting: it may wait its turn to link for as long as the queue is long.
WORKER_LOCK_WAIT = 3600.0
# Seconds the API waits to reach the queue's database before a 503.
_API_WAIT = 2.0


def article_args(article: RawArticle) -> dict[str, Any]:
    """The job's arguments: JSON, as procrastinate stores them."""
    return {
        "file_name": article.file_name,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
    }


def article_from_args(args: dict[str, Any]) -> RawArticle:
    published = args.get("published")
    return RawArticle(
        file_name=args["file_name"],
        text=args["text"],
        published=date.fromisoformat(published) if published else None,
        title=args.get("title"),
        publisher=args.get("publisher"),
        url=args.get("url"),
    )


async def _ingest_job(context: JobContext, article: dict[str, Any]) -> None:
    """Ingest one queued article; record its source, or the problem the route would answer."""
    sessionmaker: async_sessionmaker[AsyncSession] = context.additional_context["sessionmaker"]
    job = context.job
    assert job.id is not None
    try:
        async with sessionmaker() as session:
            result = await ingest_article(
                session, article=article_from_args(article), lock_wait=WORKER_LOCK_WAIT
            )
            await job_rows.record(
                session,
                job_id=job.id,
                worker=context.worker_name,
                source_id=result.source.id,
                created=result.created,
            )
            await session.commit()
    except ApiError as exc:
        await _record_problem(context, exc.problem(f"/jobs/{job.id}"))
        raise
    except Exception:
        # Unexpected (a bug, the database gone): the job fails; the problem says so, if the
        # database can still be written to.
        problem = ApiError("The article could not be ingested; see the worker's log.").problem(
            f"/jobs/{job.id}"
        )
        try:
            await _record_problem(context, problem)
        except Exception:  # the original error matters more than this one
            log.exception("could not record the failure of job %s", job.id)
        raise


async def _record_problem(context: JobContext, problem: dict[str, Any]) -> None:
    sessionmaker: async_sessionmaker[AsyncSession] = context.additional_context["sessionmaker"]
    assert context.job.id is not None
    async with sessionmaker() as session:
        await job_rows.record(
            session, job_id=context.job.id, worker=context.worker_name, problem=problem
        )
        await session.commit()


class _ShortJobLogs(logging.Filter):
    """procrastinate writes a job's arguments into its log lines (`task[id](article={...})`):
    here a whole article, up to 2 MB per line. Keep the task and id, drop the arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        job = getattr(record, "job", None)
        if record.name.startswith("procrastinate") and isinstance(job, dict):
            call = job.get("call_string")
            if call:
                short = f"{job.get('task_name')}[{job.get('id')}]"
                record.msg, record.args = record.getMessage().replace(call, short), ()
            record.job = {k: v for k, v in job.items() if k not in ("call_string", "task_kwargs")}
        return True


def quiet_job_arguments() -> None:
    """Install `_ShortJobLogs` on the root logger's handlers (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _ShortJobLogs) for f in handler.filters):
            handler.addFilter(_ShortJobLogs())


def make_queue(url: str, *, max_connections: int = 4, wait: float = 30.0) -> App:
    """A procrastinate app on the database at `url` (any of our URL forms), with our task.
    `wait`: seconds to connect, or to wait for a pooled connection.

    Not opened: `open_async()` before deferring or running a worker."""
    quiet_job_arguments()
    connector = PsycopgConnector(
        conninfo=libpq_url(url),
        min_size=1,
        max_size=max_connections,
        timeout=wait,
        kwargs={"connect_timeout": max(1, round(wait))},
    )
    queue = App(connector=connector)
    queue.task(name=INGEST_TASK, queue=QUEUE, pass_context=True)(_ingest_job)
    return queue


class JobQueue:
    """The API's handle on the queue, opened on the first queued article (most API processes
    never queue one), closed with the application."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self._queue: App | None = None
        self._pool: AsyncConnectionPool | None = None
        self._opening = asyncio.Lock()

    async def defer_ingestion(self, article: RawArticle) -> int:
        """Queue the article; the job's id. A 503 problem when the queue's database is down."""
        try:
            queue = await self._open()
            deferrer = queue.configure_task(INGEST_TASK)
            job_id = await deferrer.defer_async(article=article_args(article))
        except (ConnectorException, psycopg.OperationalError) as exc:
            raise ServiceUnavailable("The job queue's database is unreachable.") from exc
        return int(job_id)

    async def _open(self) -> App:
        async with self._opening:
            if self._queue is None:
                if self._url is None:
                    raise ServiceUnavailable("No job queue is configured (no database URL).")
                # A request must not hang on an unreachable database: our own pool, as
                # procrastinate waits 30 s for the first connection of one it opens.
                pool = AsyncConnectionPool(
                    libpq_url(self._url),
                    min_size=1,
                    max_size=2,
                    timeout=_API_WAIT,
                    kwargs={"connect_timeout": round(_API_WAIT)},
                    open=False,
                )
                try:
                    await pool.open(wait=True, timeout=_API_WAIT)
                except BaseException:
                    await pool.close()
                    raise
                queue = make_queue(self._url)
                await queue.open_async(pool=pool)
                self._queue, self._pool = queue, pool
            return self._queue

    async def close(self) -> None:
        if self._queue is not None:
            await self._queue.close_async()
            self._queue = None
        if self._pool is not None:  # ours: procrastinate leaves a pool it was given open
            await self._pool.close()
            self._pool = None


async def run_worker(
    url: str,
    *,
    concurrency: int = 1,
    name: str | None = None,
    wait: bool = True,
    install_signal_handlers: bool = True,
) -> None:
    """Run one procrastinate worker on the `ingest` queue until stopped (SIGINT/SIGTERM), or,
    with `wait=False`, until the queue is empty."""
    from db.engine import make_engine, make_sessionmaker

    # A queued article waits its turn to link and may link a large neighbourhood: statements
    # may take as long as a batch run's.
    engine = make_engine(url, pool_size=concurrency + 1, command_timeout=3600)
    queue = make_queue(url, max_connections=concurrency + 2)
    try:
        async with queue.open_async():
            await queue.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                name=name or "worker",
                wait=wait,
                install_signal_handlers=install_signal_handlers,
                additional_context={"sessionmaker": make_sessionmaker(engine)},
            )
    finally:
        await engine.dispose()
