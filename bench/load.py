"""Load test (a script, not a test): mixed reads and writes against a running server.

    python -m bench.load [--seconds 60] [--connections 32] [--events 200]

Creates a scratch database on DATABASE_URL's server (else TEST_DATABASE_URL's, else the embedded
PostgreSQL `make run` uses), migrates it,
seeds synthetic events and a write key, starts `uvicorn api.main:create_app` on a free port,
and runs `--connections` concurrent clients for `--seconds`: about 80 % reads (event pages,
single events, histories, health) and 20 % writes (PATCH with If-Match, retried on 412).
Reports errors (5xx, transport errors), acknowledged writes versus writes readable afterwards
(each acknowledged PATCH must be in the audit log and the last one per event must be the stored
title), latencies, and the server's RSS at start, middle and end. The database is dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO

import httpx
import psutil
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.key_tokens import generate_key
from api.settings import Settings
from bench.database import bench_server
from db import migrate
from db.engine import make_engine
from db.models import AuditEntry, Event
from db.repositories import api_keys
from db.runtime import create_database, drop_database, with_database


@dataclass
class Stats:
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    # What the transport errors were (timeouts, refused or reset connections): never unexplained.
    transport_kinds: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    # event id -> [(version, title)] of acknowledged writes
    acknowledged: dict[uuid.UUID, list[tuple[int, str]]] = field(default_factory=dict)
    conflicts: int = 0


async def seed(url: str, events: int) -> tuple[list[uuid.UUID], str]:
    engine = make_engine(url, pool_size=1)
    ids = [uuid.uuid4() for _ in range(events)]
    try:
        async with AsyncSession(engine) as session, session.begin():
            start = date(2019, 1, 1)
            for n, event_id in enumerate(ids):
                day = start + timedelta(days=n * 5)
                session.add(
                    Event(
                        id=event_id,
                        title=f"Synthetic event {n}",
                        type="political",
                        date_start=day,
                        date_end=day,
                        date_precision="day",
                        # Marked edited, so no ingestion run would treat them as orphans.
                        edited_fields=["title"],
                    )
                )
            new = generate_key()
            await api_keys.create(
                session, name="load", prefix=new.prefix, key_hash=new.key_hash, scopes=["write"]
            )
    finally:
        await engine.dispose()
    return ids, new.plaintext


async def check_writes(url: str, stats: Stats) -> tuple[int, int, int]:
    """(acknowledged, found in the audit log, events whose stored title is the last ack)."""
    engine = make_engine(url, pool_size=1)
    try:
        async with AsyncSession(engine) as session:
            audited = {
                (e.entity_id, (e.after or {}).get("title"))
                for e in await session.scalars(
                    select(AuditEntry).where(AuditEntry.entity_type == "event")
                )
            }
            titles = dict((await session.execute(select(Event.id, Event.title))).tuples().all())
    finally:
        await engine.dispose()
    acked = [(eid, t) for eid, writes in stats.acknowledged.items() for _, t in writes]
    found = sum((eid, t) in audited for eid, t in acked)
    last_ok = sum(titles.get(eid) == max(writes)[1] for eid, writes in stats.acknowledged.items())
    return len(acked), found, last_ok


async def client_loop(
    http: httpx.AsyncClient,
    ids: list[uuid.UUID],
    key: str,
    stats: Stats,
    until: float,
    rng: random.Random,
) -> None:
    auth = {"Authorization": f"Bearer {key}"}
    while time.monotonic() < until:
        roll = rng.random()
        event_id = rng.choice(ids)
        started = time.perf_counter()
        try:
            if roll < 0.2:
                await write(http, event_id, auth, stats, rng)
            else:
                if roll < 0.45:
                    path = "/events?limit=50"
                elif roll < 0.7:
                    path = f"/events/{event_id}"
                elif roll < 0.95:
                    path = f"/events/{event_id}/history"
                else:
                    path = "/readyz"
                response = await http.get(path)
                stats.statuses[response.status_code] += 1
        except httpx.TransportError as exc:
            stats.transport_errors += 1
            stats.transport_kinds[type(exc).__name__] += 1
        stats.latencies.append(time.perf_counter() - started)


async def write(
    http: httpx.AsyncClient,
    event_id: uuid.UUID,
    auth: dict[str, str],
    stats: Stats,
    rng: random.Random,
) -> None:
    title = f"load {uuid.uuid4().hex[:12]}"
    current = await http.get(f"/events/{event_id}")  # read, then edit what was read
    stats.statuses[current.status_code] += 1
    etag = current.headers.get("etag")
    for _ in range(5):
        if etag is None:
            return
        response = await http.patch(
            f"/events/{event_id}", json={"title": title}, headers=auth | {"If-Match": etag}
        )
        stats.statuses[response.status_code] += 1
        if response.status_code == 200:
            body = response.json()
            stats.acknowledged.setdefault(event_id, []).append((body["version"], title))
            return
        if response.status_code != 412:
            return
        stats.conflicts += 1  # another client won: retry on the version it made
        etag = response.json()["current_etag"]
        await asyncio.sleep(rng.random() * 0.01)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_api(
    database_url: str, log: IO[bytes] | None = None, **settings: str
) -> tuple[subprocess.Popen[bytes], str]:
    """The API under uvicorn on a free 127.0.0.1 port (quiet logs, `settings` as environment
    variables; its output written to `log` when given), started but not yet ready, and its
    base URL."""
    port = free_port()
    env = os.environ | {"DATABASE_URL": database_url, "LOG_LEVEL": "warning", **settings}
    command = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    # The keep-alive `timeline serve` uses (uvicorn's own 5 s resets reused idle connections).
    command += ["--timeout-keep-alive", str(Settings.model_fields["keep_alive"].default)]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    return server, f"http://127.0.0.1:{port}"


async def wait_ready(http: httpx.AsyncClient, seconds: float = 20) -> None:
    """Until the API started by `start_api` answers `/readyz` with 200 (or `seconds` pass)."""
    for _ in range(int(seconds * 10)):
        try:
            if (await http.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)


def rss_mb(proc: psutil.Process) -> float:
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        total += child.memory_info().rss
    return round(total / 2**20, 1)


async def run(args: argparse.Namespace, server_url: str) -> None:
    name = f"timeline_load_{uuid.uuid4().hex[:8]}"
    create_database(server_url, name)
    url = with_database(server_url, name)
    server = None
    try:
        migrate.upgrade(url)
        ids, key = await seed(url, args.events)
        # Popen returns at once (no waiting); the server runs beside this event loop.
        server, base = start_api(url, DB_POOL_SIZE="16")
        proc = psutil.Process(server.pid)
        async with httpx.AsyncClient(
            base_url=base,
            timeout=10,
            limits=httpx.Limits(max_connections=args.connections),
        ) as http:
            await wait_ready(http)
            rss = {"start": rss_mb(proc)}
            stats = Stats()
            until = time.monotonic() + args.seconds

            async def sample_middle() -> None:
                await asyncio.sleep(args.seconds / 2)
                rss["middle"] = rss_mb(proc)

            rng = random.Random(7)
            await asyncio.gather(
                sample_middle(),
                *(
                    client_loop(http, ids, key, stats, until, random.Random(rng.random()))
                    for _ in range(args.connections)
                ),
            )
            rss["end"] = rss_mb(proc)
        acked, audited, last_ok = await check_writes(url, stats)
        lat = sorted(stats.latencies)
        total = sum(stats.statuses.values())
        statuses = dict(sorted(stats.statuses.items()))
        p50, p99 = lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000
        errors = sum(v for k, v in stats.statuses.items() if k >= 500) + stats.transport_errors
        print(f"duration {args.seconds}s, {args.connections} connections, {args.events} events")
        print(f"requests {total} ({total / args.seconds:.0f}/s); statuses {statuses}")
        print(f"errors: {errors} (5xx + {stats.transport_errors} transport)")
        if stats.transport_kinds:
            print(f"transport errors by kind: {dict(stats.transport_kinds)}")
        print(f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        print(
            f"writes: acknowledged {acked}, in audit log {audited}; events whose stored title"
            f" is the last acknowledged one {last_ok}/{len(stats.acknowledged)};"
            f" 412 retries {stats.conflicts}"
        )
        print(f"server RSS MB: start {rss['start']}, middle {rss.get('middle')}, end {rss['end']}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        drop_database(server_url, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with bench_server(args.database_url) as server_url:
        asyncio.run(run(args, server_url))


if __name__ == "__main__":
    main()
