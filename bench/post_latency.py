"""POST latency benchmark (a script, not a test): one-article POSTs with N articles stored, and
`/healthz` while clients post.

    python -m bench.post_latency [--sizes 100,1000,10000] [--posts 10] [--clients 4]
                                 [--seconds 20] [--database-url URL]

For each size: a fresh database (created and dropped) on the configured server, else the embedded
one (`bench.database`), is filled with N
synthetic articles (`bench.ingest`'s generator, bulk ingest), the API runs under uvicorn on a
free port (one worker), and
- `--posts` new small articles are posted one after the other: p50 and max latency; then as
  many that state a pledge, then as many that name a person whom stored undated articles name;
- `--clients` clients post new articles continuously for `--seconds` while one client asks
  `/healthz` every 20 ms: its p50/p99/max, and the POSTs' statuses;
- 20 different articles posted at once, then one article posted 20 times at once: statuses,
  and how many sources the repeated article became;
- `--posts` undated notes, last (a plain note telling what a stored undated one tells may date
  it, and then links the whole corpus);
- the POSTs that linked the whole corpus, counted by the reason the server's log gives;
- with `--up`: the API is stopped and `timeline up` started on the filled database: seconds
  until `/readyz` answers 200.
The sample corpus is stored with the synthetic articles (as `timeline up` would have stored it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import IO

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.key_tokens import generate_key
from api.settings import PROJECT_ROOT
from bench.database import bench_server
from bench.ingest import DAYS, synthetic_articles
from bench.load import free_port, start_api, wait_ready
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.repositories import api_keys
from db.runtime import create_database, drop_database, with_database
from seed.pipeline import expand_paths, ingest, read_articles
from seed.workers import make_pool


def _note(n: int, kind: str, title: str, body: str) -> dict[str, str]:
    """The `n`th note of a kind: `body` under `title`, published on one of 700 days in turn."""
    day = date(2021, 1, 4) + timedelta(days=n % 700)
    return {
        "text": f"{title} {n}\n\n{body}, according to desk {n}.\n",
        "published": day.isoformat(),
        "file_name": f"bench-{kind}-{n}",
    }


def small_article(n: int) -> dict[str, str]:
    return _note(
        n,
        "note",
        "Bench note",
        f"The Libyan National Army said on Monday that {n % 90 + 10} foreign fighters had left "
        "Sirte",
    )


PLEDGERS = ["Turkey", "Russia", "The Libyan National Army", "Egypt"]


def pledge_article(n: int) -> dict[str, str]:
    """A small new article that states a pledge, by one of four actors in turn (the synthetic
    corpus holds many pledges of some of them)."""
    return _note(
        n,
        "pledge",
        "Pledge note",
        f"{PLEDGERS[n % len(PLEDGERS)]} pledged on Tuesday to withdraw {n % 90 + 110} of its "
        "fighters from Libya within 90 days",
    )


# Persons the synthetic corpus's undated articles name (bench.ingest.NAMES).
PERSONS = ["Haftar", "Dbeibah", "Menfi", "Bashagha"]


def person_article(n: int) -> dict[str, str]:
    """A small new article naming a person whom stored undated articles name, for a happening
    of its own (it may date none of them)."""
    return _note(
        n,
        "visit",
        "Visit note",
        f"{PERSONS[n % len(PERSONS)]} visited a hospital in Misrata on Wednesday with "
        f"{n % 12 + 2} local doctors",
    )


def undated_article(n: int) -> dict[str, str]:
    """A small new article without a publication date: a person's statement of a weekday, as
    the synthetic corpus's articles tell theirs (inference dates it from the stored ones)."""
    note = _note(
        n,
        "undated",
        "Undated note",
        f"{PERSONS[n % len(PERSONS)]} said on {DAYS[n % 7]} that {n % 90 + 10} foreign "
        "fighters had left Sirte",
    )
    del note["published"]
    return note


async def fill(url: str, count: int) -> str:
    # A batch run: statements over 10,000 stored articles may take longer than the API's timeout.
    engine = make_engine(url, pool_size=2, command_timeout=3600)
    pool = make_pool()
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            corpus, _ = read_articles(expand_paths([PROJECT_ROOT / "seed" / "corpus"]))
            await ingest(session, [*corpus, *synthetic_articles(count)], pool=pool)
        async with AsyncSession(engine) as session, session.begin():
            new = generate_key()
            await api_keys.create(
                session, name="bench", prefix=new.prefix, key_hash=new.key_hash, scopes=["write"]
            )
    finally:
        pool.shutdown()
        await engine.dispose()
    return new.plaintext


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def sequential(
    http: httpx.AsyncClient,
    auth: dict[str, str],
    article: Callable[[int], dict[str, str]],
    posts: int,
    label: str,
) -> None:
    """`posts` new articles (`article(n)`) posted one after the other: p50 and max latency."""
    latencies = []
    statuses: Counter[int] = Counter()
    for n in range(posts):
        started = time.perf_counter()
        response = await http.post("/sources", json=article(n), headers=auth)
        latencies.append(time.perf_counter() - started)
        statuses[response.status_code] += 1
    print(
        f"  {label} p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms, statuses {dict(statuses)}"
    )


async def measure(base: str, key: str, posts: int, clients: int, seconds: float) -> None:
    auth = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        await wait_ready(http)
        await sequential(http, auth, small_article, posts, "sequential POST    ")
        await sequential(http, auth, pledge_article, posts, "... stating pledges")
        await sequential(http, auth, person_article, posts, "... naming persons of undated ones")

        until = time.monotonic() + seconds
        post_statuses: Counter[int] = Counter()
        post_latencies: list[float] = []
        counter = iter(range(10_000, 10**9))

        async def poster() -> None:
            while time.monotonic() < until:
                started = time.perf_counter()
                response = await http.post(
                    "/sources", json=small_article(next(counter)), headers=auth
                )
                post_latencies.append(time.perf_counter() - started)
                post_statuses[response.status_code] += 1

        health: list[float] = []

        async def prober() -> None:
            while time.monotonic() < until:
                started = time.perf_counter()
                await http.get("/healthz")
                health.append(time.perf_counter() - started)
                await asyncio.sleep(0.02)

        await asyncio.gather(prober(), *(poster() for _ in range(clients)))
        print(
            f"  {clients} posting clients   POST p50 "
            f"{statistics.median(post_latencies) * 1000:.0f} ms, statuses {dict(post_statuses)}"
        )
        print(
            f"  /healthz meanwhile  n={len(health)} p50 {percentile(health, 0.5) * 1000:.1f} ms, "
            f"p99 {percentile(health, 0.99) * 1000:.1f} ms, max {max(health) * 1000:.1f} ms"
        )
        await burst(http, auth, next(counter))
        # Last: a dated note telling what a stored undated one tells may date it, and links the
        # whole corpus (the plain notes tell what these do).
        await sequential(http, auth, undated_article, posts, "undated notes (after the rest)")


async def burst(http: httpx.AsyncClient, auth: dict[str, str], first: int) -> None:
    started = time.perf_counter()
    different = await asyncio.gather(
        *(http.post("/sources", json=small_article(first + i), headers=auth) for i in range(20)),
        return_exceptions=True,
    )
    elapsed = time.perf_counter() - started
    print(f"  20 different at once {_outcomes(different)} in {elapsed:.1f} s")
    same = small_article(first + 100)
    repeated = await asyncio.gather(
        *(http.post("/sources", json=same, headers=auth) for _ in range(20)),
        return_exceptions=True,
    )
    ids = {
        r.json().get("id")
        for r in repeated
        if isinstance(r, httpx.Response) and r.status_code in (200, 201)
    }
    print(f"  one article 20 times {_outcomes(repeated)}, {len(ids)} source(s)")


def _outcomes(results: list[httpx.Response | BaseException]) -> dict[str, int]:
    """Statuses, and the client's errors by name (a timeout is a result, not a crash)."""
    return dict(
        Counter(
            str(r.status_code) if isinstance(r, httpx.Response) else type(r).__name__
            for r in results
        )
    )


def time_up(url: str) -> None:
    """`timeline up` on the filled database: seconds until /readyz answers 200."""
    port = free_port()
    env = os.environ | {"DATABASE_URL": url, "PORT": str(port), "LOG_LEVEL": "warning"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    ready = None
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            while time.perf_counter() - started < 300 and ready is None:
                try:
                    if http.get("/readyz").status_code == 200:
                        ready = time.perf_counter() - started
                except httpx.TransportError:
                    time.sleep(0.1)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    counts = [line for line in out.decode().splitlines() if " unchanged," in line]
    print(f"  timeline up         ready in {ready or float('nan'):.1f} s; {counts[:1]}")


def run_size(server_url: str, size: int, args: argparse.Namespace) -> None:
    name = f"timeline_postbench_{uuid.uuid4().hex[:8]}"
    create_database(server_url, name)
    server = None
    try:
        url = with_database(server_url, name)
        migrate.upgrade(url)
        started = time.perf_counter()
        key = asyncio.run(fill(url, size))
        print(f"{size} stored articles (filled in {time.perf_counter() - started:.0f} s)")
        with tempfile.TemporaryFile() as log:
            server, base = start_api(url, log, LOG_LEVEL="info")
            asyncio.run(measure(base, key, args.posts, args.clients, args.seconds))
            _stop(server)
            server = None
            print(f"  whole-corpus links  {dict(whole_corpus_reasons(log))}")
        if args.up:
            time_up(url)
    finally:
        if server is not None:
            _stop(server)
        drop_database(server_url, name)


def whole_corpus_reasons(log: IO[bytes]) -> Counter[str]:
    """How many POSTs the server's `log` says linked the whole corpus, by the reason given."""
    log.seek(0)
    lines = log.read().decode(errors="replace").splitlines()
    # "... linking the whole corpus: <reason> request_id=..." (the log's fields follow it)
    return Counter(m.group(1) for m in map(_WHOLE.search, lines) if m is not None)


_WHOLE = re.compile(r"linking the whole corpus: (.*?)(?: \w+=\S*)*$")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()  # still busy with requests the client gave up on
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--up", action="store_true", help="also time `timeline up`")
    args = parser.parse_args()
    # The configured server, else the embedded default, as every benchmark does.
    with bench_server(args.database_url) as server_url:
        for size in (int(s) for s in args.sizes.split(",")):
            run_size(server_url, size, args)


if __name__ == "__main__":
    main()
