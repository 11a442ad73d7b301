"""Discovery hygiene (a script, not a test): the actors a corpus makes the pipeline discover,
and those whose name is a title fragment or keeps its title.

    python -m bench.discovered_actors CORPUS_DIR [--all]

Every `*.txt` under CORPUS_DIR is read and linked as ingestion does (the per-article reading,
then the corpus linking, in this process; nothing is stored). Each discovered actor is checked:
- `fragment`: its name is (or holds) a piece of an office or institution ("Affairs" from
  "Minister of Foreign Affairs", "Affairs Tomas Kerr"), or a person's name has one word;
- `titled`: its name still begins with a title ("Ambassador Jane Doe", "Gen. X");
- `no role`: a discovered person without the role it was introduced with as description.
Prints one line per flagged actor (`--all`: every discovered actor) and the counts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from seed.extract.article import ArticleExtraction
from seed.extract.discovery import INSTITUTION_WORDS, TITLE_WORDS
from seed.extract.types import ActorRecord
from seed.link.timeline import link_timeline
from seed.pipeline import expand_paths, read_articles
from seed.workers import default_registry, read_one


def problems(record: ActorRecord) -> list[str]:
    """What is wrong with a discovered actor's name and description (empty: nothing)."""
    words = record.name.split()
    found: list[str] = []
    institution = [w for w in words if w in INSTITUTION_WORDS]
    if record.type == "person":
        if len(words) < 2 or institution:
            found.append("fragment")
    elif len(words) < 2 or words[0] in INSTITUTION_WORDS:
        found.append("fragment")  # "Affairs", "Staff Council": the tail of a longer name
    if words and words[0].rstrip(".") in TITLE_WORDS:
        found.append("titled")
    if record.type == "person" and not record.description:
        found.append("no role")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of article .txt files")
    parser.add_argument("--all", action="store_true", help="list every discovered actor")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"not a folder: {args.corpus}")
    registry = default_registry()
    articles, unreadable = read_articles(expand_paths([args.corpus]))
    reads = [read_one(article, registry) for article in articles]
    extracted = [read for read in reads if isinstance(read, ArticleExtraction)]
    timeline = link_timeline(extracted, registry)
    # Where each discovered actor was found: the first article that discovered it.
    found_in: dict[str, str] = {}
    for read in extracted:
        for key in read.discovered:
            found_in.setdefault(key, read.file_name)
    discovered = [a for a in timeline.actors if a.discovered]
    counts: Counter[str] = Counter()
    for record in discovered:
        issues = problems(record)
        counts.update(issues)
        if issues or args.all:
            print(
                f"{'; '.join(issues) or 'ok':<20} {record.type:<14} {record.name!r:<36} "
                f"role={record.description!r} in {found_in.get(record.key, '?')}"
            )
    flagged = sum(1 for record in discovered if problems(record))
    failed = len(articles) - len(extracted) + len(unreadable)
    print(
        f"articles {len(extracted)} read (unreadable {failed}); discovered actors "
        f"{len(discovered)}; flagged {flagged} (fragment {counts['fragment']}, titled "
        f"{counts['titled']}, no role {counts['no role']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
