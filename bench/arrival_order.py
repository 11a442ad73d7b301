"""Arrival-order benchmark (a script, not a test): a folder of articles ingested in one call,
then one article at a time in random orders; prints how many events differ.

    python -m bench.arrival_order DIR [--orders 3] [--database-url URL]

An event "differs" when the one-at-a-time run has no event with the same id, dates, type and
quotes (by source and offsets); a pledge, when none has the same id, days made, status and
quotes. "linked" counts the articles linked with their neighbourhood only and those for which
the whole corpus was linked, and "whole" says why the latter were. Each run uses a fresh
database on the configured server, else the embedded one (`bench.database`). Also prints each
run's time.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from bench.database import bench_server
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.models import Event, Mention, Pledge, Source
from db.runtime import create_database, drop_database, with_database
from seed.extract.types import RawArticle
from seed.pipeline import expand_paths, ingest, read_articles

EventRow = tuple[object, ...]


async def _rows(url: str) -> tuple[set[EventRow], set[EventRow]]:
    """The events and the pledges stored at `url`, each with its quotes."""
    engine = make_engine(url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            slug = dict((await session.execute(select(Source.id, Source.slug))).tuples().all())
            quotes: dict[object, list[tuple[str, int, int]]] = {}
            rows = await session.execute(
                select(
                    Mention.event_id,
                    Mention.pledge_id,
                    Mention.source_id,
                    Mention.char_start,
                    Mention.char_end,
                )
            )
            for event_id, pledge_id, source, start, end in rows.tuples():
                quotes.setdefault(event_id or pledge_id, []).append((slug[source], start, end))
            events = await session.execute(
                select(Event.id, Event.date_start, Event.date_end, Event.type).where(
                    Event.deleted_at.is_(None)
                )
            )
            pledges = await session.execute(
                select(Pledge.id, Pledge.made_start, Pledge.made_end, Pledge.status).where(
                    Pledge.deleted_at.is_(None)
                )
            )
            return tuple(  # type: ignore[return-value]
                {(*row, tuple(sorted(quotes.get(row[0], [])))) for row in found.tuples()}
                for found in (events, pledges)
            )
    finally:
        await engine.dispose()


class _Reasons(logging.Handler):
    """Counts why the whole corpus was linked (the reasons the modules of `seed` log)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "linking the whole corpus: %s":
            self.counts[str(record.getMessage().partition(": ")[2])] += 1


async def _ingest(url: str, batches: Sequence[Sequence[RawArticle]]) -> tuple[float, Counter[str]]:
    engine = make_engine(url, pool_size=1, command_timeout=3600)
    started = time.perf_counter()
    linked: Counter[str] = Counter()
    reasons = _Reasons()
    # On the package's logger: whichever of its modules decides, its record reaches it.
    logger = logging.getLogger("seed")
    logger.addHandler(reasons)
    logger.setLevel(logging.INFO)
    try:
        for batch in batches:
            async with make_sessionmaker(engine)() as session, session.begin():
                linked[(await ingest(session, batch)).linked] += 1
    finally:
        logger.removeHandler(reasons)
        await engine.dispose()
    if len(batches) > 1:
        linked.update({f"whole: {reason}": n for reason, n in reasons.counts.items()})
    return time.perf_counter() - started, linked


def _run(
    server: str, batches: Sequence[Sequence[RawArticle]]
) -> tuple[tuple[set[EventRow], set[EventRow]], float, Counter[str]]:
    name = f"timeline_orderbench_{uuid.uuid4().hex[:8]}"
    create_database(server, name)
    try:
        url = with_database(server, name)
        migrate.upgrade(url)
        elapsed, linked = asyncio.run(_ingest(url, batches))
        return asyncio.run(_rows(url)), elapsed, linked
    finally:
        drop_database(server, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    articles, problems = read_articles(expand_paths([args.folder]))
    for problem in problems:
        print(f"unreadable: {problem.file_name}: {problem.reason}")
    with bench_server(args.database_url) as server:
        (bulk, bulk_pledges), elapsed, _ = _run(server, [articles])
        counts = f"{len(bulk)} events, {len(bulk_pledges)} pledges"
        print(f"bulk                {counts}, {elapsed:.1f} s")
        worst = 0.0
        for seed in range(1, args.orders + 1):
            shuffled = list(articles)
            random.Random(seed).shuffle(shuffled)
            (one_by_one, pledges), elapsed, linked = _run(server, [[a] for a in shuffled])
            differ = len(bulk - one_by_one)
            share = 100 * differ / max(1, len(bulk))
            worst = max(worst, share)
            print(
                f"order seed {seed}        {len(one_by_one)} events, {differ} of {len(bulk)} "
                f"bulk events differ ({share:.1f} %), {len(bulk_pledges - pledges)} of "
                f"{len(bulk_pledges)} pledges differ, {elapsed:.1f} s"
            )
            for outcome, n in sorted(linked.items()):
                print(f"  {outcome}: {n}")
        print(f"worst               {worst:.1f} % of events differ")


if __name__ == "__main__":
    main()
