"""Read-path benchmark (a script, not a test): synthetic 1M-event timeline, wrk and pgbench.

    python -m bench.read [--reuse] [--duration 15] [--connections 16] [--events 1000000]

Server: BENCH_DATABASE_URL, else DATABASE_URL, else postgresql://postgres@127.0.0.1:5432. A
separate database (`timeline_bench`) is created there, migrated and loaded with
`INSERT ... SELECT generate_series` (a few minutes); `--reuse` keeps a loaded one. The API runs
under uvicorn with 2 workers on a free port, once without and once with the response cache;
`wrk` (Debian package `wrk`) measures each query at 16 connections; `pgbench` runs the SQL of
the actor query as the database's own ceiling: the page statement alone (what a worker sends
once it remembers whom "Haftar" names) and the actor lookup + page (a worker's first request).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import psycopg
from sqlalchemy.dialects import postgresql

from api.settings import PROJECT_ROOT
from bench.database import bench_server
from db import migrate
from db.repositories.filters import EventFilter
from db.runtime import _libpq, create_database, with_database

DATABASE = "timeline_bench"
FREQUENT_ACTOR = "Khalifa Haftar"

LOAD_SQL = """
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
INSERT INTO actors (id, key, name, type, discovered)
SELECT md5('actor' || i)::uuid,
       CASE WHEN i = 1 THEN 'khalifa-haftar' ELSE 'actor-' || i END,
       CASE WHEN i = 1 THEN 'Khalifa Haftar' ELSE 'Actor ' || i END,
       (ARRAY['person','state','armed_group','government','organization'])[1 + i % 5],
       false
FROM generate_series(1, {actors}) AS i;
INSERT INTO actor_aliases (actor_id, alias, alias_norm)
SELECT id, name, lower(name) FROM actors;
INSERT INTO actor_aliases (actor_id, alias, alias_norm)
VALUES (md5('actor1')::uuid, 'Haftar', 'haftar'), (md5('actor1')::uuid, 'Hifter', 'hifter');
INSERT INTO sources (id, slug, file_name, title, publisher, text, sha256, published_start,
                     published_end, published_precision, published_explicit, published_reason)
SELECT md5('source' || i)::uuid, 'source-' || i, 'source-' || i || '.txt', 'Article ' || i,
       (ARRAY['Reuters','AFP','Libya Herald','Libya Observer'])[1 + i % 4],
       'Text of article ' || i, md5('sha' || i) || md5('sha2' || i),
       d, d + (i % 3), CASE WHEN i % 3 = 0 THEN 'day' ELSE 'range' END, i % 3 = 0, 'synthetic'
FROM generate_series(1, {sources}) AS i,
     LATERAL (SELECT date '2019-01-01' + (i * 1461 / {sources}) AS d) AS s;
INSERT INTO events (id, title, summary, type, date_start, date_end, date_precision, location,
                    search)
SELECT md5('event' || i)::uuid, t, '', (ARRAY['agreement','meeting','statement','clash',
       'withdrawal','conference','deadline','appointment'])[1 + i % 8],
       d, d + CASE WHEN i % 10 = 0 THEN 30 ELSE 0 END,
       CASE WHEN i % 10 = 0 THEN 'month' ELSE 'day' END,
       (ARRAY['Tripoli','Benghazi','Sirte','Geneva','Misrata','Berlin'])[1 + i % 6],
       to_tsvector('english', t)
FROM generate_series(1, {events}) AS i,
     LATERAL (SELECT date '2019-01-01' + (i::bigint * 1461 / {events})::int AS d,
                     'Event ' || i || CASE WHEN i % 97 = 0 THEN ' on the withdrawal of mercenaries'
                                           ELSE ' in the ceasefire talks' END AS t) AS e;
-- ~3 links per event, skewed towards low actor numbers; actor 1 in ~5% of events. The
-- pseudo-random numbers hash the row number: random() in a LATERAL that does not depend on
-- the row would be evaluated once for the whole statement.
INSERT INTO event_actors (event_id, actor_id, role)
SELECT md5('event' || i)::uuid, md5('actor' || a)::uuid, r
FROM generate_series(1, {events}) AS i,
     LATERAL (SELECT (hashtext('p' || i) & 2147483647) / 2147483647.0 AS p,
                     (hashtext('s' || i) & 2147483647) / 2147483647.0 AS s,
                     (hashtext('t' || i) & 2147483647) / 2147483647.0 AS t,
                     (hashtext('f' || i) & 2147483647) / 2147483647.0 AS f) AS h,
     LATERAL (VALUES
        (CASE WHEN h.f < 0.05 THEN 1 ELSE 2 + floor(h.p ^ 3 * ({actors} - 2))::int END,
         'participant'),
        (2 + floor(h.s ^ 3 * ({actors} - 2))::int, 'subject'),
        (2 + floor(h.t ^ 3 * ({actors} - 2))::int, 'target')) AS l(a, r)
ON CONFLICT DO NOTHING;
-- ~1.5 mentions per event.
INSERT INTO mentions (id, source_id, event_id, quote, char_start, char_end, origin)
SELECT md5('mention' || i || '-' || k)::uuid,
       md5('source' || (1 + (i * 7 + k * 13) % {sources}))::uuid,
       md5('event' || i)::uuid, 'quote', 0, 5, 'o' || i || '-' || (k % 2)
FROM generate_series(1, {events}) AS i, generate_series(1, 2) AS k
WHERE k = 1 OR i % 2 = 0;
"""


def prepare(url: str, *, reuse: bool, events: int) -> None:
    with psycopg.connect(_libpq(url)) as conn:
        migrated = conn.execute("SELECT to_regclass('actors') IS NOT NULL").fetchone()
        loaded = bool(migrated and migrated[0]) and bool(
            (conn.execute("SELECT count(*) FROM actors").fetchone() or (0,))[0]
        )
    if reuse and loaded:
        print("reusing the loaded benchmark database", flush=True)
        return
    if loaded:
        sys.exit("the benchmark database already holds data: pass --reuse, or drop it first")
    migrate.upgrade(url)
    started = time.perf_counter()
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        sql = (
            LOAD_SQL.replace("{events}", str(events))
            .replace("{actors}", "5000")
            .replace("{sources}", "100000")
        )
        for statement in filter(None, (s.strip() for s in sql.split(";\n"))):
            conn.execute(statement.encode())
            print(f"  {statement.splitlines()[0][:60]} ... {time.perf_counter() - started:.0f}s")
        conn.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.0f}s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_api(url: str, *, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RESPONSE_CACHE": "true" if cache else "false",
        "LOG_LEVEL": "warning",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--workers",
            "2",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=1):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the API did not start")


def deep_url(base: str, path: str, pages: int) -> str:
    import json

    url = base + path
    for _ in range(pages):
        with urllib.request.urlopen(url) as response:
            nxt = json.load(response)["next"]
        if nxt is None:
            break
        url = nxt
    return url


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, *, duration: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * _UNITS[unit]

    if "Non-2xx" in out:
        print(out)
    return rps, pct("50"), pct("99")


def pgbench(
    url: str, *, duration: int, connections: int, with_lookup: bool
) -> tuple[float, float, float]:
    """The actor query's SQL under pgbench: the page statement a warm worker sends, or (with
    `with_lookup`) the actor lookup a worker sends first and the page."""
    from db.repositories.event_sql import json_page_statement

    ids = (uuid.UUID(hashlib.md5(b"actor1").hexdigest()),)  # the loader's frequent actor
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    page = json_page_statement(
        EventFilter(actor_groups=(ids,)), after=None, descending=False, limit=51
    ).compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    resolve = (
        "SELECT id FROM (SELECT coalesce(merged_into_id, id) AS id FROM actors WHERE key = "
        "'Haftar' UNION SELECT coalesce(a.merged_into_id, a.id) FROM actors a JOIN actor_aliases "
        "al ON al.actor_id = a.id WHERE al.alias_norm = 'haftar') AS m ORDER BY id;"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write((resolve + "\n" if with_lookup else "") + " ".join(str(page).split()) + ";\n")
    out = subprocess.run(
        [
            "pgbench",
            "-n",
            "-M",
            "prepared",
            "-c",
            str(connections),
            "-j",
            "2",
            "-T",
            str(duration),
            "-r",
            "-f",
            script.name,
            _libpq(url),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))  # type: ignore[union-attr]
    return tps, latency, float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded dataset")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--depth", type=int, default=200, help="pages before the deep cursor")
    parser.add_argument("--database", default=DATABASE, help="name of the benchmark database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")

    with bench_server() as admin:
        _run(args, admin)


def _run(args: argparse.Namespace, admin: str) -> None:
    create_database(admin, args.database)
    url = with_database(admin, args.database)
    prepare(url, reuse=args.reuse, events=args.events)

    queries = {
        "actor": "/events?actor=Haftar&limit=50",
        "date range": "/events?date_from=2020-10-01&date_to=2020-12-31&limit=50",
        "q= search": "/events?q=mercenaries&limit=50",
    }
    rows: list[tuple[str, float, float, float]] = []
    for cache in (False, True):
        proc, base = start_api(url, cache=cache)
        try:
            urls = {name: base + path for name, path in queries.items()}
            # Page 2 carries a cursor like page N does: the pair shows whether depth costs.
            urls["actor, page 2"] = deep_url(base, queries["actor"], 1)
            urls[f"actor, page {args.depth}"] = deep_url(base, queries["actor"], args.depth)
            for name, target in urls.items():
                label = f"{name} ({'cache' if cache else 'no cache'})"
                rows.append(
                    (label, *wrk(target, duration=args.duration, connections=args.connections))
                )
                print(f"  {label}: {rows[-1][1]:.0f} req/s", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    for with_lookup in (False, True):
        label = "pgbench: actor lookup + page" if with_lookup else "pgbench: actor page SQL"
        rows.append(
            (
                label,
                *pgbench(
                    url,
                    duration=args.duration,
                    connections=args.connections,
                    with_lookup=with_lookup,
                ),
            )
        )
    print(f"\n{'query':<40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for label, rps, p50, p99 in rows:
        print(f"{label:<40} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f}")
    print("(pgbench: p50 column is its average latency; it reports no p99)")


if __name__ == "__main__":
    main()
