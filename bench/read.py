"""Read-path benchmark (a script, not a test): the service beside a lean endpoint, and pgbench.

    python -m bench.read [--reuse] [--duration 10] [--rounds 3] [--connections 16] [--cache]

Server: BENCH_DATABASE_URL, DATABASE_URL or TEST_DATABASE_URL, else the embedded PostgreSQL
(`make run`'s). A database `timeline_bench` is created there and loaded with 1M synthetic
events (`bench.read_data`, a few minutes); `--reuse` keeps a loaded one.

Two servers run side by side, each under uvicorn with 2 workers on the same database: the
service without its response cache, and `bench.lean`, a minimal FastAPI + asyncpg endpoint
that runs the very SQL (text and parameters) the service sends for each query and returns
PostgreSQL's JSON. Before measuring, each lean page is checked equal to the service page's
`items`. `wrk` (Debian package `wrk`) then measures every query on both, interleaved (service,
lean, lean, service, ...) for `--rounds` rounds, so that other work on the machine weighs on
both alike; the table gives the medians and the ratio service / lean (median of the rounds'
ratios). Each run also takes the CPU time the server's processes spent per request: on a
machine shared with other work the rates swing from round to round, the CPU per request much
less, so its ratio (lean / service) shows the service's own overhead steadily. `pgbench` runs
each query's SQL as the database's own ceiling. `--cache` also measures the service with its
response cache.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson
import psutil
from sqlalchemy import Select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import create_async_engine

from api.pagination import date_uuid_key
from api.settings import PROJECT_ROOT
from bench.database import bench_server
from bench.read_data import DATABASE, FREQUENT_ACTOR_ID, prepare
from db.repositories.event_pages import SortKey
from db.repositories.event_sql import json_page_statement
from db.repositories.filters import EventFilter
from db.repositories.raw import compile_query
from db.runtime import _libpq, create_database, with_database

LIMIT = 50


@dataclass(frozen=True)
class Query:
    name: str
    path: str  # the service's URL (path and query), first page
    filter: EventFilter
    pages: int = 0  # follow `next` this many times (a cursor page)


def queries(depth: int) -> list[Query]:
    actor = EventFilter(actor_groups=((FREQUENT_ACTOR_ID,),))
    by_actor = f"/events?actor=Haftar&limit={LIMIT}"
    return [
        Query("actor", by_actor, actor),
        Query(
            "date range",
            f"/events?date_from=2020-10-01&date_to=2020-12-31&limit={LIMIT}",
            EventFilter(date_from=date(2020, 10, 1), date_to=date(2020, 12, 31)),
        ),
        Query("q= search", f"/events?q=mercenaries&limit={LIMIT}", EventFilter(q="mercenaries")),
        Query("actor, page 2", by_actor, actor, pages=1),
        Query(f"actor, page {depth}", by_actor, actor, pages=depth),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    factory: str, url: str, root: Path = PROJECT_ROOT, **settings: str
) -> tuple[subprocess.Popen[bytes], str]:
    """`factory` under uvicorn (2 workers), imported from the checkout at `root`."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # PUBLIC_URL: the service writes its `next` links on it (not on the Host header).
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "warning", "PUBLIC_URL": base}
    env |= settings
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--workers", "2"]
    command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
    proc = subprocess.Popen(command, cwd=root, env=env)
    # Liveness only: a service from an older checkout finds the schema newer than its head.
    probe = "/healthz" if factory.startswith("api.") else "/docs"
    for _ in range(600):  # up to 2 minutes on a busy machine
        try:
            with urllib.request.urlopen(base + probe, timeout=1):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"{factory} did not start")


def get(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        body: bytes = response.read()
        return body


def service_url(base: str, query: Query) -> str:
    """The URL of the query's page: its path, then `next` followed `pages` times."""
    url = base + query.path
    for _ in range(query.pages):
        url = orjson.loads(get(url))["next"]
    return url


Page = tuple[EventFilter, SortKey | None]


def pages(chosen: list[Query], targets: dict[str, str]) -> dict[str, Page]:
    """Per query, the filter and the keyset position (from the URL's cursor) of its page."""
    out = {}
    for q in chosen:
        cursor = re.search(r"[?&]cursor=([^&]+)", targets[q.name])
        out[q.name] = (q.filter, date_uuid_key(cursor.group(1), "events:date") if cursor else None)
    return out


def lean_queries(url: str, pages: dict[str, Page]) -> dict[str, tuple[str, list[Any], int]]:
    """Per query, the SQL text and arguments the service sends (compiled as it compiles them)."""
    dialect = create_async_engine(url).dialect  # no connection is made
    out = {}
    for name, (f, after) in pages.items():
        stmt = json_page_statement(f, after=after, descending=False, limit=LIMIT + 1)
        compiled = compile_query(dialect, stmt)
        overrides = {} if after is None else {"after_date": after[0], "after_id": after[1]}
        out[name] = (compiled.sql, compiled.args(overrides), LIMIT)
    return out


def check_same_pages(service: dict[str, str], lean: dict[str, str]) -> None:
    for name, target in service.items():
        items = orjson.loads(get(target))["items"]
        if orjson.loads(get(lean[name])) != items or not items:
            raise SystemExit(f"{name}: the lean endpoint's page differs from the service's")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


Run = tuple[float, float, float, float]  # req/s, p50 ms, p99 ms, server CPU us per request


def cpu_seconds(proc: subprocess.Popen[bytes]) -> float:
    """User and system CPU time of a server: its process and its workers."""
    root = psutil.Process(proc.pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def wrk(
    url: str, *, duration: int, connections: int, server: subprocess.Popen[bytes] | None = None
) -> Run:
    """wrk's figures, and the CPU time the server spent per request (nan without `server`):
    unlike the rate, it hardly depends on what else the machine is running."""
    cpu_before = cpu_seconds(server) if server is not None else float("nan")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        print(out)
    cpu = cpu_seconds(server) - cpu_before if server is not None else float("nan")
    rps = float(_find(r"Requests/sec:\s+([\d.]+)", out)[0])
    requests = int(_find(r"(\d+) requests in", out)[0])

    def pct(p: str) -> float:
        value, unit = _find(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        return float(value) * _UNITS[unit]

    return rps, pct("50"), pct("99"), cpu / max(requests, 1) * 1e6


def _find(pattern: str, text: str) -> tuple[str, ...]:
    found = re.search(pattern, text)
    if found is None:
        raise SystemExit(f"no {pattern!r} in:\n{text}")
    return found.groups()


def pgbench(url: str, sql: str, *, duration: int, connections: int) -> tuple[float, float]:
    """tx/s and average latency (ms) of one statement under pgbench (prepared)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(" ".join(sql.split()) + ";\n")
    command = ["pgbench", "-n", "-M", "prepared", "-c", str(connections), "-j", "2"]
    run = subprocess.run(
        [*command, "-T", str(duration), "-f", script.name, _libpq(url)],
        capture_output=True,
        text=True,
    )
    os.unlink(script.name)
    if run.returncode != 0:
        print(f"pgbench failed:\n{run.stderr[-2000:]}", flush=True)
        return float("nan"), float("nan")
    out = run.stdout
    return float(_find(r"tps = ([\d.]+)", out)[0]), float(
        _find(r"latency average = ([\d.]+) ms", out)[0]
    )


def literal_sql(f: EventFilter, after: SortKey | None) -> str:
    """The page statement with its values written in (pgbench takes no bind parameters)."""
    stmt: Select[Any] = json_page_statement(f, after=after, descending=False, limit=LIMIT + 1)
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    values = {
        name: "'" + str(value).replace("'", "''") + "'"
        for name, value in compiled.construct_params(_check=False).items()
    }
    return compiled.string % values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded dataset")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per query")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--depth", type=int, default=200, help="pages before the deep cursor")
    parser.add_argument("--database", default=DATABASE, help="name of the benchmark database")
    parser.add_argument("--only", help="comma-separated query names (default: all)")
    parser.add_argument("--cache", action="store_true", help="also with the response cache")
    parser.add_argument(
        "--service-root",
        type=Path,
        default=PROJECT_ROOT,
        help="run the service from this checkout (e.g. an export of the previous commit)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    with bench_server() as admin:
        _run(args, admin)


def _run(args: argparse.Namespace, admin: str) -> None:
    create_database(admin, args.database)
    url = with_database(admin, args.database)
    prepare(url, reuse=args.reuse, events=args.events)
    chosen = queries(args.depth)
    if args.only:
        wanted = {n.strip() for n in args.only.split(",")}
        chosen = [q for q in chosen if q.name in wanted or q.name.split(",")[0] in wanted]
    print(f"load average before: {os.getloadavg()}", flush=True)

    root = args.service_root.resolve()
    # A cold page of a freshly loaded dataset may take longer than the production read deadline;
    # a longer one costs a request the same.
    slow_ok = {"READ_DEADLINE": "60"}
    service, service_base = start(
        "api.main:create_app", url, root, RESPONSE_CACHE="false", **slow_ok
    )
    lean_file = PROJECT_ROOT / ".data" / f"lean-queries-{os.getpid()}.pickle"
    procs = [service]
    try:
        targets = {q.name: service_url(service_base, q) for q in chosen}
        page_keys = pages(chosen, targets)
        lean_file.parent.mkdir(parents=True, exist_ok=True)
        lean_file.write_bytes(pickle.dumps(lean_queries(url, page_keys)))
        lean, lean_base = start("bench.lean:create_app", url, LEAN_QUERIES=str(lean_file))
        procs.append(lean)
        lean_targets = {q.name: f"{lean_base}/lean/{quote(q.name)}" for q in chosen}
        check_same_pages(targets, lean_targets)
        results: dict[str, dict[str, list[Run]]] = {
            q.name: {"service": [], "lean": []} for q in chosen
        }
        for round_ in range(args.rounds):
            for q in chosen:
                # Alternate who goes first, so a trend in the machine's load favours neither.
                order = ("service", "lean") if round_ % 2 == 0 else ("lean", "service")
                for side in order:
                    target = targets[q.name] if side == "service" else lean_targets[q.name]
                    server = service if side == "service" else lean
                    r = wrk(
                        target, duration=args.duration, connections=args.connections, server=server
                    )
                    results[q.name][side].append(r)
                    print(f"  round {round_ + 1} {q.name} {side}: {r[0]:.0f} req/s", flush=True)
        cached: dict[str, Run] = {}
        if args.cache:
            service.terminate()
            service.wait(timeout=20)
            procs.remove(service)
            service, base = start(
                "api.main:create_app", url, root, RESPONSE_CACHE="true", **slow_ok
            )
            procs.append(service)
            for q in chosen:
                cached[q.name] = wrk(
                    service_url(base, q),
                    duration=args.duration,
                    connections=args.connections,
                    server=service,
                )
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=20)
        lean_file.unlink(missing_ok=True)
    print(f"load average after: {os.getloadavg()}", flush=True)

    bench = {
        name: pgbench(
            url, literal_sql(f, after), duration=args.duration, connections=args.connections
        )
        for name, (f, after) in page_keys.items()
    }
    _report(results, bench, cached, rounds=args.rounds)


def _report(
    results: dict[str, dict[str, list[Run]]],
    bench: dict[str, tuple[float, float]],
    cached: dict[str, Run],
    *,
    rounds: int,
) -> None:
    def med(runs: list[Run], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(
        f"\nmedians of {rounds} interleaved rounds; ratio = median of the rounds' service/lean\n"
        f"{'query':<18} {'service req/s':>13} {'p50':>6} {'p99':>6} {'lean req/s':>10} "
        f"{'p50':>6} {'p99':>6} {'ratio':>6} {'pgbench tx/s':>12} "
        f"{'CPU us/req':>10} {'lean':>5} {'CPU ratio':>9}"
    )
    for name, sides in results.items():
        s, lean = sides["service"], sides["lean"]
        ratio = statistics.median(a[0] / b[0] for a, b in zip(s, lean, strict=True))
        # lean / service: the share of the service's CPU per request the lean endpoint needs.
        cpu_ratio = statistics.median(b[3] / a[3] for a, b in zip(s, lean, strict=True))
        print(
            f"{name:<18} {med(s, 0):>13.0f} {med(s, 1):>6.1f} {med(s, 2):>6.1f} "
            f"{med(lean, 0):>10.0f} {med(lean, 1):>6.1f} {med(lean, 2):>6.1f} "
            f"{ratio:>6.2f} {bench[name][0]:>12.0f} "
            f"{med(s, 3):>10.0f} {med(lean, 3):>5.0f} {cpu_ratio:>9.2f}"
        )
    for name, (rps, p50, p99, cpu) in cached.items():
        print(f"{name + ' (cache)':<18} {rps:>13.0f} {p50:>6.1f} {p99:>6.1f} {cpu:>62.0f}")
    print(
        "(latencies in ms; pgbench runs the same statement with its values inlined; CPU: the\n"
        "server's processes' CPU time per request, which depends little on the machine's other\n"
        "load; CPU ratio = lean / service, the servers' own cost without the database's share)"
    )


if __name__ == "__main__":
    main()
