"""The read benchmark's yardstick: the least a FastAPI + asyncpg endpoint can do per page.

`bench.read` compiles the service's own page statements (the SQL and parameters that
`GET /events` sends for each benchmarked query) into the file named by LEAN_QUERIES. Each
request here runs one of them on a pooled asyncpg connection and returns PostgreSQL's JSON
texts joined into an array: no parameter validation beyond the path, no session, cursor,
ETag, links or middleware. The service's time per request over this one's is its overhead.

    LEAN_QUERIES=queries.pickle DATABASE_URL=postgresql://... \
        uvicorn --factory bench.lean:create_app --workers 2
"""

from __future__ import annotations

import os
import pickle
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import FastAPI, HTTPException
from starlette.responses import Response


def create_app() -> FastAPI:
    # name -> (SQL with $n placeholders, its arguments, page size)
    queries: dict[str, tuple[str, list[Any], int]] = pickle.loads(
        Path(os.environ["LEAN_QUERIES"]).read_bytes()
    )
    url = os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    pool_size = int(os.environ.get("DB_POOL_SIZE", "10"))
    state: dict[str, asyncpg.Pool] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # As many connections as the service's pool may open (pool_size + max_overflow).
        state["pool"] = await asyncpg.create_pool(url, min_size=pool_size, max_size=2 * pool_size)
        try:
            yield
        finally:
            await state["pool"].close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/lean/{name}")
    async def page(name: str) -> Response:
        """One page of events, as the service's SQL returns it."""
        if name not in queries:
            raise HTTPException(404)
        sql, args, limit = queries[name]
        async with state["pool"].acquire() as connection:
            rows = await connection.fetch(sql, *args)
        body = "[" + ",".join([r[0] for r in rows[:limit]]) + "]"
        return Response(body.encode(), media_type="application/json")

    return app
