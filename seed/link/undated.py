"""Publication dates of the undated articles of a corpus, and their reading against them.

Each article is inferred from the state before the call (dated articles, their candidates and
copies), so the result does not depend on the order in which undated articles are read; a second
call lets the ones dated narrowly in the first date the rest.
"""

from __future__ import annotations

from datetime import date

from seed.extract.article import ArticleExtraction, date_article
from seed.extract.registry import Registry
from seed.extract.tokens import content_tokens
from seed.extract.types import DateInterval, PublicationDate
from seed.link.anchors import AnchorIndex
from seed.link.merge import width
from seed.link.publication import infer_publication

# An interval at most this many days wide dates an article well enough to date others.
NARROW_DAYS = 7


def is_wide(publication: PublicationDate | None) -> bool:
    return publication is None or width(publication.interval) > NARROW_DAYS


def infer_undated(
    undated: list[ArticleExtraction],
    read: dict[str, ArticleExtraction],
    copies: dict[str, str],
    anchors: AnchorIndex,
    registry: Registry,
    persons: set[str],
    names: set[str],
    today: date,
) -> None:
    """Infer the publication dates of `undated` (their provisional extractions) from what
    `read` knows, and replace their entries in `read` by a reading against that date."""
    mine = {x.file_name for x in undated}
    known = {
        name: x.publication
        for name, x in read.items()
        if name not in mine and x.publication is not None and not is_wide(x.publication)
    }
    # The dated copies of each copy group, by name: looked up per undated article, not found
    # by going through every dated one.
    dated_copies: dict[str, list[tuple[str, DateInterval]]] = {}
    for other, publication in sorted(known.items()):
        if other in copies:
            dated_copies.setdefault(copies[other], []).append((other, publication.interval))
    actor_words = frozenset(
        t for r in registry.actors.values() for t in content_tokens(" ".join((r.name, *r.aliases)))
    )
    for extraction in undated:
        name = extraction.file_name
        local_names = names | {
            t
            for r in extraction.discovered.values()
            for t in content_tokens(" ".join((r.name, *r.aliases)))
        }
        copied = list(dated_copies.get(copies[name], ())) if name in copies else []
        inferred = infer_publication(
            extraction.parsed,
            extraction.candidates,
            anchors,
            person_keys=persons,
            name_words=frozenset(local_names),
            copies=copied,
            today=today,
            actor_words=actor_words,
        )
        if read[name].publication != inferred:
            # (read again only when the date moved: the reading against it is the same)
            read[name] = date_article(extraction.parsed, registry, inferred)
