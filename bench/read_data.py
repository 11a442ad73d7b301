"""The read benchmark's dataset: a synthetic 1M-event timeline loaded by SQL.

`prepare` creates the tables (migrations) and fills them with `INSERT ... SELECT
generate_series` (a few minutes on 2 cores); with `reuse`, a loaded database is kept.
"""

from __future__ import annotations

import hashlib
import sys
import time
import uuid

import psycopg

from db import migrate
from db.runtime import _libpq

DATABASE = "timeline_bench"
# Actor 1, "Khalifa Haftar" (aliases Haftar, Hifter): in about 5% of the events.
FREQUENT_ACTOR_ID = uuid.UUID(hashlib.md5(b"actor1").hexdigest())

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
        migrate.upgrade(url)  # indexes of later migrations
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
