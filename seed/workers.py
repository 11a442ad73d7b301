"""Both stages in worker processes: reading articles uses every core, and neither reading nor
linking runs on the API's event loop or holds its interpreter lock.

The pool is made once (at API start-up, or per CLI run) with the `spawn` start method: a
forked copy of a process that runs an event loop and database connections is not safe. Each
worker loads the actor registry once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.errors import ArticleError
from seed.extract.registry import Registry, load_registry
from seed.extract.types import ArticleProblem, RawArticle, Timeline
from seed.link.keys import keep_first_round, timeline_keys
from seed.link.members import member_payloads
from seed.link.regroup import QuoteKey
from seed.link.shingled import Shingled
from seed.link.timeline import KnownOrigins, Merged, link_timeline
from seed.stored_extractions import dump as dump_extraction
from seed.stored_extractions import load as load_extraction


@dataclass(frozen=True, slots=True)
class Packed:
    """An extraction as a worker process hands it back: serialised once, in the worker, in the
    form it is stored in (`seed.stored_extractions.dump`).

    The process that stores it never unpickles it, and it travels to the linking worker as the
    same bytes: an extraction is a deep tree of small dataclasses, whose pickling (in Python,
    per object) cost as much as a fifth of reading the article when it was done at each hop.
    """

    file_name: str
    sha256: str
    payload: bytes


Read = ArticleExtraction | ArticleProblem
# Articles per task: enough to amortise the pickling round trip, few enough to spread them.
BATCH = 16

_registry: Registry | None = None


@cache
def default_registry() -> Registry:
    """The curated registry, parsed once per process (parsing the YAML costs ~0.4 s)."""
    return load_registry()


def make_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool for `extract_articles`; `workers` defaults to the machine's cores."""
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=_SpawnIgnoringCtrlC(),
        initializer=_start_worker,
    )


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A worker that ignores Ctrl-C from its first instruction.

    The terminal sends Ctrl-C to every process of its process group, workers included, while
    stopping them is the pool owner's decision (it shuts the pool down on the way out); a
    worker interrupted while importing or waiting would only print a traceback. An ignored
    signal stays ignored across exec, and Python then installs no KeyboardInterrupt handler, so
    SIGINT is ignored in the parent for as long as the child takes to start.
    """

    def start(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            super().start()  # (signal handlers can only be changed from the main thread)
            return
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            super().start()
        finally:
            signal.signal(signal.SIGINT, previous)


class _SpawnIgnoringCtrlC(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


def _load_registry() -> None:
    global _registry
    _registry = default_registry()


# Young objects collected at once: linking a neighbourhood makes tens of thousands that die
# with the call, and reading it (rows, readings) in the API as many; at the default (700) the
# collector ran about a hundred times per call in a worker, twice through everything (20-50
# ms of a 250 ms linking at 10,000 stored articles), and 30-60 times per POST in the API
# (10-40 ms of it). Most of them die before 50,000 are made, without the collector.
YOUNG_COLLECTED = 50_000


def settle_collector() -> None:
    """For a long-lived process (the API, a worker) once it has started: what it holds by now
    (modules, routes, the registry) frozen out of the collector's full passes, and young
    objects collected `YOUNG_COLLECTED` at a time."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTED, middle, old)


def _start_worker() -> None:
    """A worker's start: its registry, then the collector settled (`settle_collector`)."""
    _load_registry()
    settle_collector()


def warm_up() -> None:
    """Nothing: submitting it starts a worker process (and loads its registry) ahead of need."""


def read_one(raw: RawArticle, registry: Registry) -> Read:
    try:
        return extract_article(raw, registry)
    except ArticleError as exc:
        return ArticleProblem(raw.file_name, str(exc))


def _read_batch(batch: Sequence[RawArticle]) -> list[Read]:
    if _registry is None:
        _load_registry()
    assert _registry is not None
    return [read_one(raw, _registry) for raw in batch]


def _pack(read: Read) -> Read | Packed:
    if isinstance(read, ArticleProblem):
        return read
    sha = hashlib.sha256(read.parsed.raw.text.encode("utf-8")).hexdigest()
    return Packed(read.file_name, sha, dump_extraction(read))


def _read_batch_packed(batch: Sequence[RawArticle]) -> list[Read | Packed]:
    return [_pack(read) for read in _read_batch(batch)]


async def extract_articles(
    articles: Sequence[RawArticle], registry: Registry | None, pool: Executor | None
) -> list[Read]:
    """Read every article, in `pool` when given (with the default registry), else in a thread;
    the event loop stays free either way."""
    if pool is None or registry is not None:
        chosen = registry or default_registry()
        return await asyncio.to_thread(lambda: [read_one(raw, chosen) for raw in articles])
    loop = asyncio.get_running_loop()
    batches = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
    done = await asyncio.gather(*(loop.run_in_executor(pool, _read_batch, b) for b in batches))
    return [read for batch in done for read in batch]


async def extract_packed(
    articles: Sequence[RawArticle], registry: Registry | None, pool: Executor | None
) -> list[Read | Packed]:
    """`extract_articles` for a bulk run: with a pool, each extraction comes back `Packed`
    (to be linked with `link_extractions(stored=...)` and stored as it is); without one, as
    objects (nothing crosses a process boundary)."""
    if pool is None or registry is not None:
        return list(await extract_articles(articles, registry, pool))
    loop = asyncio.get_running_loop()
    batches = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
    done = await asyncio.gather(
        *(loop.run_in_executor(pool, _read_batch_packed, b) for b in batches)
    )
    return [read for batch in done for read in batch]


# The event (its index) of each quote (file name, start, end, date text) as linked before.
Clustered = Mapping[QuoteKey, int]
# Per stored article: the (start, end, date text) of the quotes to keep, and ("pledge", start,
# end) of the pledges.
Keep = dict[str, set[tuple[object, ...]]]


def _link(
    stored: Sequence[bytes | ArticleExtraction],
    extracted: Sequence[ArticleExtraction],
    registry: Registry,
    keep: Keep | None = None,
    known_origins: KnownOrigins | None = None,
    members: set[str] | None = None,
    clustered: Clustered | None = None,
    merged: Merged | None = None,
) -> Timeline:
    """`members`: the articles whose mentions' readings to hand back (all when None; see
    `seed.link.members`); `clustered`: the events of the same quotes as linked before;
    `merged` receives what merging made (see `seed.link.timeline.link_timeline`)."""
    loaded = [b if isinstance(b, ArticleExtraction) else load_extraction(b) for b in stored]
    if keep is not None:
        # An incremental run: of a stored reading, only the quotes of the events it re-links.
        loaded = [_only(x, keep.get(x.file_name, set())) for x in loaded]
    shingled = Shingled()  # what linking hashes, the keys need again
    timeline = link_timeline(
        [*loaded, *extracted],
        registry,
        known_origins=known_origins,
        shingled=shingled,
        clustered=clustered,
        merged=merged,
    )
    undated = {s.file_name for s in timeline.sources if not s.publication.explicit}
    # An incremental run keeps the stored keys of stored articles (see seed.incremental).
    mine = {x.file_name for x in extracted} if keep is not None else None
    keys = timeline_keys(
        timeline.readings, timeline.events, undated, registry, only=mine, shingled=shingled
    )
    readings = [r for r in timeline.readings if mine is None or r.file_name in mine]
    keys.dated = {r.file_name: dump_extraction(r) for r in readings if r.file_name in undated}
    keep_first_round(keys, timeline.first_round, registry, dump_extraction)
    timeline.first_round = {}
    keys.members = member_payloads(timeline.readings, timeline.events, timeline.pledges, members)
    timeline.keys, timeline.readings = keys, []
    return timeline


def _only(reading: ArticleExtraction, members: set[tuple[object, ...]]) -> ArticleExtraction:
    # Its text's paragraphs and sentences only serve the near-duplicate and copy groups, whose
    # outcome for its quotes and pledges the incremental run gives as stored (`known_origins`).
    parsed = reading.parsed
    if parsed.paragraphs or parsed.sentences:  # (a stand-in of a stored reading has none)
        parsed = dataclasses.replace(parsed, paragraphs=(), sentences=())
    return dataclasses.replace(
        reading,
        parsed=parsed,
        candidates=[
            c
            for c in reading.candidates
            if (c.quote_start, c.quote_end, c.date_text or "") in members
        ],
        pledges=[p for p in reading.pledges if ("pledge", p.quote_start, p.quote_end) in members],
    )


def _link_in_worker(
    stored: Sequence[bytes],
    extracted: Sequence[ArticleExtraction],
    keep: Keep | None = None,
    known_origins: KnownOrigins | None = None,
) -> Timeline:
    if _registry is None:
        _load_registry()
    assert _registry is not None
    return _link(stored, extracted, _registry, keep, known_origins)


async def link_extractions(
    stored: Sequence[bytes],
    extracted: Sequence[ArticleExtraction],
    registry: Registry | None,
    pool: Executor | None,
    keep: Keep | None = None,
    known_origins: KnownOrigins | None = None,
) -> Timeline:
    """Load the stored readings (`stored`, as saved) and link them with the new ones; with
    `keep` (an incremental run), of each stored reading only the quotes it lists, their
    origins as `known_origins` gives them (`seed.link.timeline.link_timeline`). The timeline
    carries the keys of incremental linking (`seed.link.keys`).

    In `pool` when given (with the default registry), else in a thread. The pool keeps the
    API's interpreter free: linking a large corpus is seconds of pure Python, which in a thread
    would still hold the interpreter lock and delay every other request. The stored readings
    travel to the worker still compressed."""
    if pool is None or registry is not None:
        chosen = registry or default_registry()
        return await asyncio.to_thread(_link, stored, extracted, chosen, keep, known_origins)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        pool, _link_in_worker, list(stored), list(extracted), keep, known_origins
    )
