"""The corpus-level reading: per-article extractions in, a merged, source-attributed `Timeline` out.

Two stages with one seam: `seed.extract.article.extract_article` reads each article on its own
(picklable results, fit for worker processes and for storage); `link_timeline` reads them
together: infer the publication dates of undated articles from the dated ones (and read those
again against it); find near-duplicate paragraphs; merge candidates across sources into events;
group pledges and rate them as of the newest source. Deterministic: the same articles in any
order give the same timeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.candidate import Candidate
from seed.extract.errors import ArticleError
from seed.extract.parse import ParsedArticle
from seed.extract.pledges import PledgeCandidate
from seed.extract.registry import Registry, load_registry
from seed.extract.types import (
    ActorLink,
    ActorRecord,
    ArticleProblem,
    DateInterval,
    Mention,
    PublicationDate,
    Quote,
    RawArticle,
    SourceResult,
    Timeline,
    TimelineEvent,
)
from seed.link.anchors import index_anchors
from seed.link.copies import copy_groups, reporting_text
from seed.link.merge import Cluster, cluster_candidates, precision
from seed.link.origins import independent_origins, origins
from seed.link.pledge_groups import group_pledges, reported_withdrawals
from seed.link.recycled_years import redate_recycled
from seed.link.regroup import QuoteKey, regroup
from seed.link.shingled import Shingled
from seed.link.undated import infer_undated, is_wide, person_keys, person_name_words


def build_timeline(
    articles: Sequence[RawArticle],
    registry: Registry | None = None,
    *,
    today: date | None = None,
) -> Timeline:
    """Both stages in one process: read every article, then link them."""
    registry = registry or load_registry()
    extractions: list[ArticleExtraction] = []
    problems: list[ArticleProblem] = []
    for raw in sorted(articles, key=lambda a: a.file_name):
        try:
            extractions.append(extract_article(raw, registry))
        except ArticleError as exc:
            problems.append(ArticleProblem(raw.file_name, str(exc)))
    timeline = link_timeline(extractions, registry, today=today)
    timeline.problems[:0] = problems
    return timeline


def link_timeline(
    extractions: Sequence[ArticleExtraction],
    registry: Registry,
    *,
    today: date | None = None,
    known_origins: KnownOrigins | None = None,
    shingled: Shingled | None = None,
    clustered: Mapping[QuoteKey, int] | None = None,
    merged: Merged | None = None,
) -> Timeline:
    """The corpus stage: publication dates of undated articles, paragraph origins, events
    merged across articles, pledges grouped and rated. Any order of `extractions` gives the
    same timeline.

    `today` (default: the day of the run) is the latest day an undated article without
    evidence may have been published; tests pin it. `known_origins` (an incremental run):
    per article, the origins of its quotes and pledges by (start, end) as linking the corpus
    assigned them; they stand instead of those computed from the articles at hand, which are
    only part of the corpus (and whose paragraphs need then not be given). `shingled`
    receives what hashing the texts found, for the keys of the same run. `clustered` (an
    incremental run linking the same quotes again, with more pledges): the event of each quote
    as linking them before found it, taken instead of merging them again when it labels
    every quote (`seed.link.regroup`). `merged` receives what merging made (see
    `pledges_linked_again`)."""
    today = today or date.today()
    timeline = Timeline()
    ordered = sorted(extractions, key=lambda x: x.file_name)
    read: dict[str, ArticleExtraction] = {x.file_name: x for x in ordered}
    parsed = [x.parsed for x in ordered]

    persons = person_keys(registry, [x.discovered for x in ordered])
    names = person_name_words(registry)
    copies = copy_groups({x.file_name: reporting_text(x) for x in ordered}, shingled)
    undated = [x for x in ordered if not x.dated]
    # Two rounds: an undated article dated narrowly in the first (by a copy or an anchor) can
    # anchor or date the others in the second.
    for round_ in range(2):
        anchors = index_anchors(
            (c for x in read.values() if x.publication is not None for c in x.candidates), persons
        )
        if round_ == 1:
            timeline.first_round = {
                x.file_name: read[x.file_name]
                for x in undated
                if is_wide(read[x.file_name].publication)
            }
        infer_undated(
            [x for x in undated if round_ == 0 or x.file_name in timeline.first_round],
            read, copies, anchors, registry, persons, names, today,
        )  # fmt: skip
    publications: dict[str, PublicationDate] = {}
    for name, extraction in read.items():
        assert extraction.publication is not None
        publications[name] = extraction.publication

    paragraph_origins = _paragraph_origins(parsed, shingled)
    # A copy of a whole article (re-paragraphed, truncated) is one origin with it throughout.
    lengths = {a.raw.file_name: len(a.raw.text) for a in parsed}
    for name, group in copies.items():
        paragraph_origins.setdefault(name, []).append((0, lengths[name] + 1, group))
    known = known_origins or {}
    _assign_origins(paragraph_origins, [c for x in read.values() for c in x.candidates], known)
    all_candidates = [c for name in sorted(read) for c in read[name].candidates]
    # A yearless day of a reprinted background paragraph takes the year of its first telling.
    redate_recycled(all_candidates, publications)
    clusters = (
        regroup(all_candidates, clustered, registry.related) if clustered is not None else None
    )
    if clusters is None:
        clusters = cluster_candidates(all_candidates, registry.related, registry.default_actor)
    events, event_of = _events(clusters, publications)
    timeline.events = events
    if merged is not None:
        merged.clusters, merged.event_of = clusters, event_of
        merged.paragraph_origins = paragraph_origins

    pledges = [p for x in read.values() for p in x.pledges]
    _assign_origins(paragraph_origins, pledges, known)
    as_of = max((p.interval.end for p in publications.values()), default=today)
    withdrawals = reported_withdrawals(events, registry.related, registry.default_actor)
    timeline.pledges = group_pledges(
        pledges, clusters, event_of, as_of, registry.default_actor, withdrawals
    )

    timeline.sources = [_source(a, publications[a.raw.file_name]) for a in parsed]
    discovered = {name: x.discovered for name, x in read.items()}
    timeline.actors = _actors(registry, discovered, timeline)
    timeline.relations = list(registry.relations)
    timeline.readings = [read[name] for name in sorted(read)]
    return timeline


@dataclass(slots=True)
class Merged:
    """What merging made of a linking's candidates (its clusters, and each member's event
    key by the member's `id`), and the near-duplicate groups of its articles' paragraphs,
    for `pledges_linked_again`."""

    clusters: list[Cluster] = field(default_factory=list)
    event_of: dict[int, str] = field(default_factory=dict)
    paragraph_origins: ParagraphOrigins = field(default_factory=dict)


def pledges_linked_again(
    timeline: Timeline,
    readings: Sequence[ArticleExtraction],
    registry: Registry,
    known_origins: KnownOrigins,
    merged: Merged,
) -> Timeline | None:
    """`timeline`, linked from the candidates of `readings` (which merging made `merged`
    of), with their pledges too: what `link_timeline(readings, clustered=labels_of(
    timeline.events))` gives, without linking the events again. None where that is not
    sure: `readings` hold other candidates than those merged.

    For the stored pledges of an incremental linking (`seed.link_members`): the readings add
    to the candidates only pledges of stored articles (no paragraphs, no text, their origins
    `known_origins`), so the publications, paragraph origins, recycled days and clusters are
    those `timeline` was linked with, and so are its events and keys. The pledges are grouped
    against the very clusters, with the candidates as that linking left them (origins, a
    recycled day's year); a new article's pledges take the groups of its paragraphs as that
    linking found them (`merged.paragraph_origins`)."""
    read = {x.file_name: x for x in sorted(readings, key=lambda x: x.file_name)}
    clusters, event_of = merged.clusters, merged.event_of
    if {id(c) for x in read.values() for c in x.candidates} != event_of.keys():
        return None  # not the very candidates `merged` holds
    publications: dict[str, PublicationDate] = {}
    for name, extraction in read.items():
        assert extraction.publication is not None
        publications[name] = extraction.publication
    pledges = [p for x in read.values() for p in x.pledges]
    _assign_origins(merged.paragraph_origins, pledges, known_origins)
    as_of = max(p.interval.end for p in publications.values())
    linked = Timeline(
        sources=[_source(x.parsed, publications[name]) for name, x in read.items()],
        relations=list(timeline.relations),
        events=list(timeline.events),
        pledges=group_pledges(
            pledges,
            clusters,
            event_of,
            as_of,
            registry.default_actor,
            reported_withdrawals(timeline.events, registry.related, registry.default_actor),
        ),
        problems=list(timeline.problems),
        keys=timeline.keys,
    )
    discovered = {name: x.discovered for name, x in read.items()}
    linked.actors = _actors(registry, discovered, linked)
    return linked


ParagraphOrigins = dict[str, list[tuple[int, int, str]]]
# Per article: (quote start, quote end) -> its origins.
KnownOrigins = Mapping[str, Mapping[tuple[int, int], tuple[str, ...]]]


def quoted_sources(timeline: Timeline) -> set[str]:
    """The articles the timeline's events and pledges quote (file names)."""
    found = {m.file_name for e in timeline.events for m in e.mentions}
    return found | {m.file_name for p in timeline.pledges for m in p.mentions}


def _source(article: ParsedArticle, publication: PublicationDate) -> SourceResult:
    return SourceResult(
        file_name=article.raw.file_name,
        text=article.raw.text,
        sha256=hashlib.sha256(article.raw.text.encode("utf-8")).hexdigest(),
        title=article.title,
        publisher=article.publisher,
        url=article.raw.url,
        publication=publication,
    )


def _paragraph_origins(
    parsed: list[ParsedArticle], shingled: Shingled | None = None
) -> ParagraphOrigins:
    """Per article: (start, end, near-duplicate group id) of each paragraph."""
    keys: list[tuple[str, int, int]] = []
    texts: list[str] = []
    for article in parsed:
        for para in article.paragraphs:
            keys.append((article.raw.file_name, para.start, para.end))
            texts.append(para.text)
    by_file: ParagraphOrigins = {}
    for (name, start, end), origin in zip(keys, origins(texts, shingled), strict=True):
        by_file.setdefault(name, []).append((start, end, origin))
    return by_file


def _assign_origins(
    by_file: ParagraphOrigins,
    spans: Sequence[Candidate | PledgeCandidate],
    known: KnownOrigins,
) -> None:
    """Give each quote the near-duplicate group ids of the paragraphs it spans (or those
    `known` for it)."""
    for span in spans:
        given = known.get(span.file_name, {}).get((span.quote_start, span.quote_end))
        if given:
            span.origins = given
            continue
        span.origins = tuple(
            origin
            for start, end, origin in by_file.get(span.file_name, [])
            if start < span.quote_end and span.quote_start < end
        ) or (f"{span.file_name}:{span.quote_start}",)


def _event_key(cluster: Cluster) -> str:
    first = min(cluster.members, key=lambda c: (c.file_name, c.quote_start))
    digest = hashlib.blake2b(
        f"{first.file_name}:{first.quote_start}:{first.date_text}".encode(), digest_size=8
    )
    return "e" + digest.hexdigest()


def told_date(cluster: Cluster) -> DateInterval:
    """The days every telling of the happening allows: the intersection of its members'
    dates ("today" in a report of the 23rd and in one of the 24th, each the day of the report
    or the day before, is the 23rd); the cluster's own date when they have none in common."""
    assert cluster.date is not None
    start = max(m.date.start for m in cluster.members)
    end = min(m.date.end for m in cluster.members)
    if start > end or (start, end) == (cluster.date.start, cluster.date.end):
        return cluster.date
    return DateInterval(start, end, "day" if start == end else "range")


def lead_of(cluster: Cluster, publications: Mapping[str, PublicationDate]) -> Candidate:
    """The telling an event takes its title, summary and place from: the most precise (as
    merging takes them), and of those the first published; the file name only breaks a tie.
    A later report of the happening, whatever its file is called, does not retitle it (nor,
    for a withdrawal, re-rate the pledges its summary bears on)."""
    return min(
        cluster.members,
        key=lambda c: (
            precision(c),
            publications[c.file_name].interval.start,
            c.file_name,
            c.quote_start,
        ),
    )


def _events(
    clusters: list[Cluster], publications: Mapping[str, PublicationDate]
) -> tuple[list[TimelineEvent], dict[int, str]]:
    events: list[TimelineEvent] = []
    event_of: dict[int, str] = {}
    for cluster in clusters:
        assert cluster.date is not None
        key = _event_key(cluster)
        lead = lead_of(cluster, publications)
        for member in cluster.members:
            event_of[id(member)] = key
        links: dict[str, ActorLink] = {}
        for member in cluster.members:
            for actor, role in member.actors:
                links.setdefault(actor, ActorLink(actor, role))
        members = sorted(cluster.members, key=lambda c: (c.file_name, c.quote_start))
        origin = independent_origins([(m.file_name, m.origins) for m in members])
        mentions = tuple(
            Mention(
                file_name=m.file_name,
                quote=Quote(m.quote_start, m.quote_end, m.quote),
                date_text=m.date_text,
                origin=origin[m.file_name],
            )
            for m in members
        )
        location = lead.location or next((m.location for m in cluster.members if m.location), None)
        events.append(
            TimelineEvent(
                key=key,
                title=lead.title,
                summary=lead.summary,
                type=cluster.type,
                date=told_date(cluster),
                date_resolved=cluster.date.precision != "unknown",
                location=location,
                actors=tuple(links.values()),
                mentions=mentions,
            )
        )
    events.sort(key=lambda e: (e.date.start, e.date.end, e.key))
    return events, event_of


def _actors(
    registry: Registry, discovered: dict[str, dict[str, ActorRecord]], timeline: Timeline
) -> list[ActorRecord]:
    used = {link.actor_key for e in timeline.events for link in e.actors}
    used |= {link.actor_key for p in timeline.pledges for link in p.actors}
    records: dict[str, ActorRecord] = dict(registry.actors)
    # Discovered actors are named in some article: all of them are referenced, linked or not
    # (those linked to an event or pledge first, should two articles discover one key).
    for name in sorted(discovered):
        for key, record in discovered[name].items():
            if key in used and key not in records:
                records[key] = record
    for name in sorted(discovered):
        for key, record in discovered[name].items():
            records.setdefault(key, record)
    return [records[k] for k in sorted(records)]
