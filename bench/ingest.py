"""Ingestion benchmark (a script, not a test): N synthetic articles → articles/s and peak RSS.

    python -m bench.ingest [--articles 10000] [--workers N] [--database-url URL]

`--workers` processes read the articles (default: the machine's cores; 1 = in this process).
Peak RSS is this process's and, separately, the largest worker's.

Articles are made from the sample corpus by varying names, places, numbers, dates and sentence
order, so that extraction, near-duplicate detection and merging do real work. The run goes into a
fresh database (created and dropped) on DATABASE_URL's server, else on the embedded server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from api.settings import PROJECT_ROOT
from bench.database import bench_server
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.runtime import create_database, drop_database, with_database
from seed.extract.types import RawArticle
from seed.pipeline import ingest
from seed.workers import make_pool, settle_collector

CORPUS = PROJECT_ROOT / "seed" / "corpus"
NAMES = ["Mangoush", "Haftar", "Menfi", "Dbeibah", "Bashagha", "Saleh", "Kubis", "Williams"]
PLACES = ["Geneva", "Tripoli", "Benghazi", "Sirte", "Berlin", "Paris", "Cairo", "Rome", "Tunis"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_articles(count: int, seed: int = 7) -> list[RawArticle]:
    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    articles = []
    for i in range(count):
        paragraphs = rng.choice(bases).split("\n")
        head, body = paragraphs[0], paragraphs[1:]
        rng.shuffle(body)
        text = "\n".join([head.split(" date ")[-1].strip(), *body])
        for old in NAMES:
            if rng.random() < 0.3:
                text = text.replace(old, rng.choice(NAMES))
        for old in PLACES:
            if rng.random() < 0.3:
                text = text.replace(old, rng.choice(PLACES))
        for old in DAYS:
            if rng.random() < 0.3:
                text = text.replace(old, rng.choice(DAYS))
        text = text.replace("300", str(rng.randint(50, 5000)))
        text += f"\nReport number {i} on the ceasefire, filed by desk {rng.randint(1, 40)}."
        published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1000))
        dated = rng.random() < 0.8
        articles.append(
            RawArticle(
                file_name=f"synthetic-{i:05d}.txt",
                text=(f" date {published.isoformat()} " + text) if dated else text,
            )
        )
    return articles


async def run(url: str, count: int, workers: int) -> None:
    articles = synthetic_articles(count)
    load_before = os.getloadavg()[0]
    # A batch run: statements over 10,000 events may take longer than the API's timeout.
    engine = make_engine(url, pool_size=2, command_timeout=3600)
    pool = make_pool(workers) if workers > 1 else None
    settle_collector()  # as `timeline ingest` does
    started = time.perf_counter()
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            report = await ingest(
                session, articles, pool=pool, progress=_stage_clock(), link_in_pool=False
            )
    finally:
        await engine.dispose()
        if pool is not None:
            pool.shutdown()
    elapsed = time.perf_counter() - started
    own, children = (resource.getrusage(who) for who in _USAGES)
    peak_mb, worker_mb = own.ru_maxrss / 1024, children.ru_maxrss / 1024
    # CPU seconds of this process and its (finished) workers, not PostgreSQL's: on a shared
    # machine they vary less than the elapsed time does.
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(f"articles            {count}")
    print(f"outcomes            {report.counts()}")
    counts = f"events={report.events} pledges={report.pledges} actors={report.actors}"
    print(f"timeline            {counts}")
    print(f"elapsed             {elapsed:.1f} s")
    print(f"articles/s          {count / elapsed:.0f}")
    print(f"workers             {workers}")
    print(f"peak RSS            {peak_mb:.0f} MB (largest worker {worker_mb:.0f} MB)")
    print(f"CPU (this+workers)  {cpu:.1f} s")
    print(f"load average        {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end")


_USAGES = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)


def _stage_clock() -> Callable[[str, int, int], None]:
    """Prints how long each stage (extract, link, store) took."""
    last = time.perf_counter()

    def tick(stage: str, done: int, total: int) -> None:
        nonlocal last
        now = time.perf_counter()
        if done == total:
            print(f"  {stage:<18}{now - last:.1f} s")
        last = now

    return tick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    name = f"timeline_bench_{uuid.uuid4().hex[:8]}"
    with bench_server(args.database_url) as server:
        _bench_on(server, name, args.articles, args.workers)


def _bench_on(server: str, name: str, count: int, workers: int) -> None:
    create_database(server, name)
    try:
        url = with_database(server, name)
        migrate.upgrade(url)
        asyncio.run(run(url, count, workers))
    finally:
        drop_database(server, name)


if __name__ == "__main__":
    main()
