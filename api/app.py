"""Application factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.staticfiles import StaticFiles

from api import metrics
from api.actor_lookup import ActorLookup
from api.caching import ResponseCache
from api.change_listener import ChangeListener
from api.job_queue import JobQueue
from api.middleware import ServiceMiddleware
from api.openapi_docs import complete_openapi
from api.pages import routes as pages
from api.pages.rendering import STATIC_DIR
from api.problem_handlers import install_problem_handlers
from api.routes import (
    actors,
    changes,
    curation,
    event_feeds,
    events,
    health,
    history,
    jobs,
    keys,
    pledges,
    source_ingest,
    sources,
    vocabulary,
)
from api.settings import Settings, get_settings
from db.engine import make_engine, make_sessionmaker
from seed.workers import make_pool, settle_collector, warm_up

DESCRIPTION = """
A source-attributed timeline of the Libya ceasefire and of the withdrawal of foreign fighters
and mercenaries (2019-2022): **events**, **actors**, **sources** (news articles) and
**pledges**, each fact tied to the exact quote and character offsets in its article.

Dates are intervals: `date_start` is the earliest possible day, `date_end` the latest, and
`date_precision` says how precise the text was (day, week, month, season, year, range).
Errors are RFC 9457 `application/problem+json`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if settings.database_url and not hasattr(app.state, "sessionmaker"):
            engine = make_engine(
                settings.database_url,
                pool_size=settings.db_pool_size,
                connect_timeout=settings.db_connect_timeout,
                command_timeout=settings.db_command_timeout,
            )
            app.state.engine = engine
            app.state.sessionmaker = make_sessionmaker(engine)
            metrics.watch_pool(engine, capacity=2 * settings.db_pool_size)
        # Articles are read in worker processes made once here, never on the event loop.
        pool = make_pool(settings.extract_workers) if settings.extract_workers else None
        if pool is not None:
            pool.submit(warm_up)  # start a worker now, not on the first article
        app.state.extract_pool = pool
        listener = None
        if engine is not None:
            # Each worker clears its memos when a writer commits a change.
            listener = ChangeListener(engine, forget_everything)
            app.state.actor_lookup.fresh = listener.listening.is_set
            listener.start()
        # What startup allocated (modules, routes, schemas) lives as long as the process:
        # frozen, it is left out of the collector's full passes, which otherwise took 60-100 ms
        # every few seconds under load (the read path's p99); and a POST's rows and readings
        # die young, mostly before the collector would look at them.
        settle_collector()
        try:
            yield
        finally:
            if listener is not None:
                await listener.stop()
            await app.state.job_queue.close()
            if engine is not None:
                await engine.dispose()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            metrics.process_exited()

    # Swagger UI and ReDoc from the assets fastapi-offline ships: /docs works without a CDN.
    app = FastAPIOffline(
        title="Libya Ceasefire Timeline API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    generate_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        return complete_openapi(generate_openapi())

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.extract_pool = None
    # `POST /sources?async=true` queues articles here (opened on first use).
    app.state.job_queue = JobQueue(settings.database_url)
    # One ingestion at a time per process links and stores (see api.ingesting).
    app.state.ingest_turn = asyncio.Lock()
    install_problem_handlers(app)
    # The router tries each included router in turn (several microseconds a route): the
    # timeline's reads first. Feeds before events: /events/facets is not an event id.
    app.include_router(events.page_router)
    app.include_router(event_feeds.router)
    app.include_router(events.router)
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(actors.router)
    app.include_router(sources.router)
    app.include_router(pledges.router)
    app.include_router(keys.router)
    app.include_router(curation.router)
    app.include_router(history.router)
    app.include_router(source_ingest.router)
    app.include_router(jobs.router)
    app.include_router(changes.router)
    app.include_router(vocabulary.router)
    app.include_router(pages.router)
    app.mount("/timeline/static", StaticFiles(directory=STATIC_DIR), name="timeline-static")

    app.state.response_cache = ResponseCache(
        max_entries=settings.response_cache_size, ttl=settings.response_cache_ttl
    )
    app.state.actor_lookup = ActorLookup()

    def forget_everything() -> None:
        app.state.response_cache.clear()
        app.state.actor_lookup.clear()

    # Every per-request concern (request ids, access log, metrics, CORS, body and URL limits,
    # the read deadline, HEAD, the response cache, compression) in one layer: see
    # api.middleware. CORS answers error responses too, so browsers can read problem details.
    cors = CORSMiddleware(
        app.router,  # (never called: the layer applies CORS' rules itself)
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=[
            "Authorization",
            "Content-Type",
            "If-Match",
            "If-None-Match",
            "X-Request-ID",
        ],
        expose_headers=["Link", "ETag", "Location", "Retry-After", "X-Request-ID"],
    )
    app.add_middleware(
        ServiceMiddleware,
        read_deadline=settings.read_deadline,
        max_body_bytes=settings.max_body_bytes,
        cache=app.state.response_cache if settings.response_cache else None,
        cors=cors,
    )
    return app
