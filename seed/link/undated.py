"""Publication dates of the undated articles of a corpus, and their reading against them.

Each article is inferred from the state before the call (dated articles, their candidates and
copies), so the result does not depend on the order in which undated articles are read; a second
call lets the ones dated narrowly in the first date the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from seed.extract.article import ArticleExtraction, date_article
from seed.extract.candidate import Candidate
from seed.extract.registry import Registry
from seed.extract.tokens import content_tokens
from seed.extract.types import ActorRecord, DateInterval, PublicationDate
from seed.link.anchors import AnchorIndex, index_anchors
from seed.link.merge import width
from seed.link.publication import infer_publication, may_weigh, weighed

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
    names: frozenset[str],
    today: date,
    copied: Mapping[str, Sequence[tuple[str, DateInterval]]] | None = None,
) -> None:
    """Infer the publication dates of `undated` (their provisional extractions) from what
    `read` knows, and replace their entries in `read` by a reading against that date.
    `copied`: the dated copies of each undated article by name, instead of those `copies`
    and `read` give (of an article dated against stored ones: `dated_by`)."""
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
    actor_words = actor_name_words(registry)
    for extraction in undated:
        name = extraction.file_name
        if copied is not None:
            copies_of = list(copied.get(name, ()))
        else:
            copies_of = list(dated_copies.get(copies[name], ())) if name in copies else []
        inferred = infer_publication(
            extraction.parsed,
            extraction.candidates,
            anchors,
            person_keys=persons,
            name_words=local_name_words(names, extraction.discovered),
            copies=copies_of,
            today=today,
            actor_words=actor_words,
        )
        if read[name].publication != inferred:
            # (read again only when the date moved: the reading against it is the same)
            read[name] = date_article(extraction.parsed, registry, inferred)


@dataclass(frozen=True, slots=True)
class UndatedReading:
    """What `may_date` reads of an undated article's provisional reading: its happenings that
    inference matches with anchors, and the actors it discovered."""

    candidates: tuple[Candidate, ...]
    discovered: Mapping[str, ActorRecord]

    @classmethod
    def of(cls, reading: ArticleExtraction) -> UndatedReading:
        return cls(tuple(filter(weighed, reading.candidates)), reading.discovered)


def may_date(
    dated: Sequence[ArticleExtraction], undated: Sequence[UndatedReading], registry: Registry
) -> bool:
    """Whether the happenings of the `dated` articles may anchor one of the `undated` ones
    (`weighed_undated`)."""
    return bool(weighed_undated(dated, undated, registry))


def weighed_undated(
    dated: Sequence[ArticleExtraction], undated: Sequence[UndatedReading], registry: Registry
) -> list[int]:
    """The positions of the `undated` articles the happenings of the `dated` ones may anchor,
    as inferring publication dates weighs anchors (`seed.link.publication.may_weigh`). When
    they may anchor none, adding them to a corpus leaves every undated article's date as it was:
    those are dated by what was there before, and the undated ones dated by them date the
    rest as before. (A key two articles discover as different kinds of actor is a person
    here only if one of these articles says so.)"""
    discovered = [*(x.discovered for x in dated), *(x.discovered for x in undated)]
    persons = person_keys(registry, discovered)
    anchors = index_anchors((c for x in dated for c in x.candidates), persons)
    names = person_name_words(registry)
    actor_words = actor_name_words(registry)
    return [
        n
        for n, x in enumerate(undated)
        if may_weigh(
            x.candidates,
            anchors,
            person_keys=persons,
            name_words=local_name_words(names, x.discovered),
            actor_words=actor_words,
        )
    ]


def person_keys(registry: Registry, discovered: Iterable[Mapping[str, ActorRecord]]) -> set[str]:
    """The keys of the persons of the registry and of those articles discover."""
    persons = {k for k, r in registry.actors.items() if r.type == "person"}
    for actors in discovered:
        persons |= {k for k, r in actors.items() if r.type == "person"}
    return persons


def person_name_words(registry: Registry) -> frozenset[str]:
    """The content words of the registry's persons' names and aliases."""
    return frozenset(
        t
        for r in registry.actors.values()
        if r.type == "person"
        for t in content_tokens(" ".join((r.name, *r.aliases)))
    )


def actor_name_words(registry: Registry) -> frozenset[str]:
    """The content words of every registry actor's names and aliases."""
    return frozenset(
        t for r in registry.actors.values() for t in content_tokens(" ".join((r.name, *r.aliases)))
    )


def local_name_words(
    names: frozenset[str], discovered: Mapping[str, ActorRecord]
) -> frozenset[str]:
    """`names` and the words of the names of the actors an article `discovered`: two stories
    naming the same person share no content by that."""
    found = {t for r in discovered.values() for t in content_tokens(" ".join((r.name, *r.aliases)))}
    return names | found if found else names


def dated_by(
    undated: Sequence[ArticleExtraction],
    anchoring: Iterable[ArticleExtraction],
    registry: Registry,
    *,
    persons: set[str],
    crowded: set[tuple[str, int]],
    today: date,
    copied: Mapping[str, Sequence[tuple[str, DateInterval]]] | None = None,
) -> list[ArticleExtraction]:
    """New undated articles read against the publication one round of inference gives them
    (`seed.link.timeline.link_timeline`), when `anchoring` holds every reading of that round's
    anchor index that may anchor them (`seed.fresh_undated`). `persons`: keys other articles
    hold as persons; `crowded`: the (word, weekday) buckets of that index that hold too many
    articles (`seed.link.word_anchors.MAX_BUCKET`), of which only part was read. One index
    serves them all: anchors sharing no key with an article cannot anchor it, and more of
    them bring the index nearer the whole corpus's. `copied`: the dated stored copies of
    each, by name (`seed.fresh_copies`)."""
    readings = sorted(anchoring, key=lambda x: x.file_name)
    discovered = [*(x.discovered for x in undated), *(x.discovered for x in readings)]
    keys = person_keys(registry, discovered) | persons
    anchors = index_anchors((c for x in readings for c in x.candidates), keys)
    anchors.words.crowded |= crowded
    # The same inference as linking the corpus runs, with the copies of each as stored.
    read = {x.file_name: x for x in undated}
    infer_undated(
        list(undated), read, {}, anchors, registry, keys, person_name_words(registry), today,
        copied or {},
    )  # fmt: skip
    return [read[x.file_name] for x in undated]
