"""Publication dates of the undated articles of a corpus, and their candidates read against them.

Each article is inferred from the state before the call (dated articles, their candidates and
copies), so the result does not depend on the order in which undated articles are read; a second
call lets the ones dated narrowly in the first date the rest.
"""

from __future__ import annotations

from seed.extract.actors import ArticleActors
from seed.extract.events import Candidate, content_tokens, extract_candidates
from seed.extract.parse import ParsedArticle
from seed.extract.registry import Registry
from seed.extract.types import PublicationDate
from seed.link.merge import width
from seed.link.publication import AnchorIndex, infer_publication, lower_bound, wide_interval

# An interval at most this many days wide dates an article well enough to date others.
NARROW_DAYS = 7


def is_wide(publication: PublicationDate) -> bool:
    return width(publication.interval) > NARROW_DAYS


def infer_undated(
    undated: list[ParsedArticle],
    publications: dict[str, PublicationDate],
    candidates: dict[str, list[Candidate]],
    copies: dict[str, str],
    anchors: AnchorIndex,
    readers: dict[str, ArticleActors],
    registry: Registry,
    persons: set[str],
    names: set[str],
) -> None:
    """Infer the publication dates of `undated` from what is known at this point, and extract
    their candidates against them. Each is read against the state before this call."""
    known = {
        name: pub
        for name, pub in publications.items()
        if name not in {a.raw.file_name for a in undated}
    }
    for article in undated:
        name = article.raw.file_name
        provisional = wide_interval(lower_bound(article))
        rough = extract_candidates(article, provisional, readers[name], registry.default_actor)
        local_names = names | {
            t
            for r in readers[name].discovered.values()
            for t in content_tokens(" ".join((r.name, *r.aliases)))
        }
        copied = [
            (other, pub.interval)
            for other, pub in sorted(known.items())
            if name in copies and copies.get(other) == copies[name] and not is_wide(pub)
        ]
        publications[name] = infer_publication(
            article,
            rough,
            anchors,
            person_keys=persons,
            name_words=frozenset(local_names),
            copies=copied,
        )
        readers[name].when = publications[name].interval
        candidates[name] = extract_candidates(
            article, publications[name].interval, readers[name], registry.default_actor
        )
