"""Per-article extraction speed (a script, not a test): milliseconds per article.

    python -m bench.extract_speed [DIR ...] [--generated N] [--rounds R]
                                  [--snapshot FILE | --compare FILE] [--profile N]

Times `extract_article` (the pure text → candidates stage, registry loaded beforehand) over
every `*.txt` file of each DIR and over N generated articles (those of `bench.ingest`; the sample
corpus is always included). Each set is read R times, each time in a new process, so that no
memo holds its sentences yet (as in a worker that has just started), and the best round is
reported, as the machine is shared.

`--snapshot FILE` writes a canonical digest of every article's extraction (parsed text,
discovered actors, publication, candidates, pledges); `--compare FILE` checks the extractions
are still exactly those, so a change meant only for speed can be shown to change no output.
`--profile N` prints the N most expensive functions (cProfile: cumulative, then own time) of
one round over all the sets.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import json
import multiprocessing
import pstats
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from api.settings import PROJECT_ROOT
from bench.ingest import synthetic_articles
from seed.extract.article import ArticleExtraction
from seed.extract.parse import decode_article
from seed.extract.types import ArticleProblem, RawArticle
from seed.workers import default_registry, read_one

CORPUS = PROJECT_ROOT / "seed" / "corpus"


def read_dir(path: Path) -> list[RawArticle]:
    return [decode_article(p.name, p.read_bytes()) for p in sorted(path.glob("*.txt"))]


def canonical(value: object) -> object:
    """A form of `value` whose repr does not depend on hashing order (sets are sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, *(canonical(getattr(value, f.name)) for f in fields))
    if isinstance(value, dict):
        return ("dict", *((canonical(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", *sorted((canonical(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(canonical(v) for v in value))
    return value


def digest(read: ArticleExtraction | ArticleProblem) -> str:
    return hashlib.blake2b(repr(canonical(read)).encode(), digest_size=16).hexdigest()


def _warm() -> None:
    """Load the registry and the lazily built tables, without filling any per-text cache with
    the text of the articles to be timed."""
    read_one(
        RawArticle("warm-up.txt", " date 2021-01-01 Nothing happened on Monday."),
        default_registry(),
    )


def _time_fresh(articles: Sequence[RawArticle]) -> tuple[float, float]:
    """In a fresh process (every per-text memo empty, as in a worker that has just started):
    the CPU and elapsed seconds of reading `articles` once."""
    _warm()
    registry = default_registry()
    started, started_cpu = time.perf_counter(), time.process_time()
    for raw in articles:
        read_one(raw, registry)
    return time.process_time() - started_cpu, time.perf_counter() - started


def _profile_fresh(articles: Sequence[RawArticle], top: int) -> None:
    _warm()
    registry = default_registry()
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [read_one(raw, registry) for raw in articles])
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def _digests(sets: dict[str, list[RawArticle]]) -> dict[str, str]:
    _warm()
    registry = default_registry()
    return {
        f"{name}/{raw.file_name}": digest(read_one(raw, registry))
        for name, articles in sets.items()
        for raw in articles
    }


def time_set(articles: Sequence[RawArticle], rounds: int) -> tuple[float, float]:
    """The best round's CPU and elapsed milliseconds per article, each round in a new process
    (CPU time varies less than elapsed time on a shared machine)."""
    cpu = wall = float("inf")
    context = multiprocessing.get_context("spawn")
    for _ in range(rounds):
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            spent_cpu, spent = pool.submit(_time_fresh, articles).result()
        cpu, wall = min(cpu, spent_cpu), min(wall, spent)
    count = max(1, len(articles))
    return cpu * 1000 / count, wall * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--generated", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--snapshot", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    sets = {"sample corpus": read_dir(CORPUS)}
    for path in args.dirs:
        sets[str(path)] = read_dir(path)
    if args.generated:
        sets[f"generated ({args.generated})"] = synthetic_articles(args.generated)
    for name, articles in sets.items():
        cpu, wall = time_set(articles, args.rounds)
        print(
            f"{name:<34} {len(articles):>5} articles {cpu:7.2f} CPU ms/article ({wall:.2f} elapsed)"
        )
    if args.profile:
        _profile_fresh([a for articles in sets.values() for a in articles], args.profile)
    if args.snapshot or args.compare:
        digests = _digests(sets)
        if args.snapshot:
            args.snapshot.write_text(json.dumps(digests, indent=0, sort_keys=True) + "\n")
            print(f"snapshot of {len(digests)} extractions written to {args.snapshot}")
        if args.compare:
            before = json.loads(args.compare.read_text())
            changed = sorted(
                k for k in before.keys() | digests.keys() if before.get(k) != digests.get(k)
            )
            for key in changed:
                print(f"CHANGED {key}")
            print(f"{len(digests) - len(changed)}/{len(digests)} extractions identical")
            if changed:
                sys.exit(1)


if __name__ == "__main__":
    main()
