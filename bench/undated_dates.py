"""Publication dates of undated articles, leave-one-out (a script, not a test).

    python -m bench.undated_dates DIR [DIR ...] [--today YYYY-MM-DD] [--show N]

Every article whose text opens with a ` date YYYY-MM-DD ` marker is read again without it
(the marker is its true publication date) while every other article keeps its own; the
corpus is linked as usual and the interval inferred for that article is compared with the
truth. Prints how many intervals contain the truth, how wide they are (median, and how
many are at most 14 days wide), and the articles that miss or are wide. The other
articles are read once; only the one without its marker is read again each time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.parse import read_marker, strip_marker
from seed.extract.registry import load_registry
from seed.link.timeline import link_timeline
from seed.pipeline import expand_paths, read_articles

NARROW_DAYS = 14


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--show", type=int, default=40, help="list at most N misses or wide ones")
    args = parser.parse_args()
    registry = load_registry()
    articles, problems = read_articles(expand_paths(args.dirs))
    for problem in problems:
        print(f"unreadable: {problem.file_name}: {problem.reason}")
    started = time.perf_counter()
    read: dict[str, ArticleExtraction] = {
        a.file_name: extract_article(a, registry) for a in articles
    }
    rows: list[tuple[str, date, date, date, str]] = []
    for article in articles:
        truth = read_marker(article.text)
        if truth is None:
            continue
        bare = replace(article, text=strip_marker(article.text))
        others = [x for name, x in read.items() if name != article.file_name]
        timeline = link_timeline(
            [*others, extract_article(bare, registry)], registry, today=args.today
        )
        (source,) = [s for s in timeline.sources if s.file_name == article.file_name]
        interval = source.publication.interval
        rows.append(
            (article.file_name, truth, interval.start, interval.end, source.publication.reason)
        )
    seconds = time.perf_counter() - started
    widths = [(end - start).days + 1 for _, _, start, end, _ in rows]
    contains = sum(start <= truth <= end for _, truth, start, end, _ in rows)
    narrow = sum(
        start <= truth <= end and w <= NARROW_DAYS
        for (_, truth, start, end, _), w in zip(rows, widths, strict=True)
    )
    print(f"{len(rows)} dated articles read without their marker ({seconds:.1f} s)")
    print(f"  interval contains the true date   {contains}/{len(rows)}")
    print(f"  ... and is at most {NARROW_DAYS} days wide   {narrow}/{len(rows)}")
    if widths:
        print(f"  width days median {statistics.median(widths):.0f}, max {max(widths)}")
    shown = 0
    for (name, truth, start, end, reason), width in zip(rows, widths, strict=True):
        if start <= truth <= end and width <= NARROW_DAYS:
            continue
        if shown == args.show:
            break
        shown += 1
        verdict = "MISS" if not start <= truth <= end else "wide"
        print(
            f"  {verdict} {name}: truth {truth}, inferred {start}..{end} ({width} d):",
            reason[:160],
        )


if __name__ == "__main__":
    main()
