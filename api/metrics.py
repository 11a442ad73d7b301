"""Prometheus metrics (`/metrics`): requests, latency, response cache, ingestion, DB pool.

With several workers each process writes its samples to files under
`PROMETHEUS_MULTIPROC_DIR` (set by `timeline serve` when WORKERS > 1) and `/metrics` sums
them, so whichever worker answers the scrape reports the whole service.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import Response

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time from request to the last byte of the response, by method and route template.",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CACHE_LOOKUPS = Counter(
    "response_cache_lookups_total", "Response cache lookups of GET requests.", ["result"]
)
CACHE_HITS = CACHE_LOOKUPS.labels("hit")
CACHE_MISSES = CACHE_LOOKUPS.labels("miss")
INGESTIONS = Counter(
    "ingestion_articles_total",
    "Articles submitted through the API, by outcome (ingested, unchanged, failed).",
    ["outcome"],
)
INGESTION_SECONDS = Histogram(
    "ingestion_duration_seconds",
    "Time to ingest one article submitted through the API.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
POOL_IN_USE = Gauge(
    "db_pool_connections_in_use",
    "Database connections checked out of the pool.",
    multiprocess_mode="livesum",
)
POOL_CAPACITY = Gauge(
    "db_pool_connections_max",
    "Most connections the pool opens (size plus overflow).",
    multiprocess_mode="livesum",
)

# Route templates seen so far; anything that matched no route is one label, so a scan of
# random URLs cannot grow the number of series.
UNMATCHED = "<unmatched>"
_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status)
    children = _children.get(key)
    if children is None:
        children = (REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route))
        _children[key] = children
    children[0].inc()
    children[1].observe(seconds)


@contextmanager
def timed_ingestion() -> Iterator[dict[str, str]]:
    """Times an API ingestion; the caller sets `outcome` (failed if it raises)."""
    outcome = {"outcome": "failed"}
    started = time.perf_counter()
    try:
        yield outcome
    finally:
        INGESTION_SECONDS.observe(time.perf_counter() - started)
        INGESTIONS.labels(outcome["outcome"]).inc()


def watch_pool(engine: AsyncEngine, capacity: int) -> None:
    pool = engine.sync_engine.pool
    event.listen(pool, "checkout", lambda *_: POOL_IN_USE.inc())
    event.listen(pool, "checkin", lambda *_: POOL_IN_USE.dec())
    POOL_CAPACITY.set(capacity)


def process_exited() -> None:
    """Drop this worker's live gauges from the multiprocess files."""
    if os.environ.get(MULTIPROCESS_ENV):
        multiprocess.mark_process_dead(os.getpid())


router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
async def metrics() -> Response:
    """Metrics in the Prometheus text format (all workers, when there are several)."""
    if os.environ.get(MULTIPROCESS_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(
        generate_latest(registry),
        media_type=CONTENT_TYPE_LATEST,
        headers={"Cache-Control": "no-store"},
    )
