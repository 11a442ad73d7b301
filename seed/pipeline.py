"""Ingestion: read articles, extract a timeline (pure), and store it through the repositories.

The corpus-level reading (publication dates inferred from other articles, cross-source merging)
needs every article at once, so each run re-reads the stored sources together with the new ones
and reconciles the database with the result:
- ids are deterministic: a stored event keeps its id as long as one of its quotes is still
  extracted, so URLs stay stable across runs;
- rows are rewritten only when a value changed, never where an editor set a field;
- the caller's transaction covers the whole run: a failure leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id, mention_id, source_id, stable_id
from db.models import EventActor, PledgeActor, Source
from db.repositories import timeline_sync as repo
from db.repositories.changes import notify_change
from db.text_norm import normalise_name
from seed.extract.errors import ArticleError
from seed.extract.parse import MAX_ARTICLE_BYTES, decode_article
from seed.extract.registry import Registry, load_registry
from seed.extract.types import (
    ArticleProblem,
    Mention,
    RawArticle,
    Timeline,
    TimelineEvent,
    TimelinePledge,
)
from seed.link.timeline import build_timeline

Outcome = Literal["ingested", "updated", "unchanged", "failed"]
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    file_name: str
    outcome: Outcome
    detail: str = ""
    source_id: uuid.UUID | None = None


@dataclass(slots=True)
class IngestReport:
    run_id: uuid.UUID
    files: list[FileOutcome] = field(default_factory=list)
    events: int = 0
    pledges: int = 0
    actors: int = 0

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == "failed"]

    def counts(self) -> dict[str, int]:
        counter = Counter(f.outcome for f in self.files)
        return {k: counter.get(k, 0) for k in ("ingested", "updated", "unchanged", "failed")}

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": str(self.run_id),
            "counts": self.counts(),
            "timeline": {"events": self.events, "pledges": self.pledges, "actors": self.actors},
            "files": [
                {
                    "file_name": f.file_name,
                    "outcome": f.outcome,
                    "detail": f.detail,
                    "source_id": str(f.source_id) if f.source_id else None,
                }
                for f in self.files
            ],
        }


def slugify(file_name: str) -> str:
    stem = Path(file_name).stem if "." in file_name else file_name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:200] or "article"


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their `*.txt` files, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            found.append(path)
    return found


def read_articles(
    paths: Sequence[Path], progress: Progress | None = None
) -> tuple[list[RawArticle], list[ArticleProblem]]:
    """Read and decode files; a bad file becomes a problem, the others are still read."""
    articles: list[RawArticle] = []
    problems: list[ArticleProblem] = []
    for index, path in enumerate(paths, start=1):
        try:
            if not path.exists():
                raise ArticleError("no such file")
            size = path.stat().st_size
            if size > MAX_ARTICLE_BYTES:
                # The decoder's own refusal, without reading a huge file into memory first.
                raise ArticleError(
                    f"file is {size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes"
                )
            articles.append(decode_article(path.name, path.read_bytes()))
        except ArticleError as exc:
            problems.append(ArticleProblem(path.name, str(exc)))
        except OSError as exc:
            problems.append(ArticleProblem(path.name, f"cannot read file: {exc.strerror}"))
        if progress:
            progress("read", index, len(paths))
    return articles, problems


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored_as_raw(source: Source) -> RawArticle:
    return RawArticle(
        file_name=source.file_name,
        text=source.text,
        published=source.published_start if source.published_explicit else None,
        title=source.title,
        publisher=source.publisher,
        url=source.url,
    )


async def ingest(
    session: AsyncSession,
    articles: Sequence[RawArticle],
    problems: Sequence[ArticleProblem] = (),
    *,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Add or update `articles` and reconcile the stored timeline. Flushes, never commits.

    Announces the change (`notify_change`): API workers clear their caches on commit.
    """
    report = IngestReport(run_id=uuid.uuid4())
    report.files.extend(FileOutcome(p.file_name, "failed", p.reason) for p in problems)

    stored = {s.slug: s for s in await repo.stored_sources(session)}
    by_sha = await repo.sources_by_sha(session, [_sha(a.text) for a in articles])
    corpus: dict[str, RawArticle] = {slug: _stored_as_raw(s) for slug, s in stored.items()}
    fresh: dict[str, Outcome] = {}
    for article in articles:
        slug, sha = slugify(article.file_name), _sha(article.text)
        if slug in fresh:
            report.files.append(
                FileOutcome(article.file_name, "failed", f"duplicate file name in this run: {slug}")
            )
            continue
        same_text = by_sha.get(sha)
        if same_text is not None and same_text != slug:
            report.files.append(
                FileOutcome(
                    article.file_name,
                    "unchanged",
                    f"same text as stored source {same_text!r}",
                    source_id(same_text),
                )
            )
            continue
        previous = stored.get(slug)
        if (
            previous is not None
            and previous.sha256 == sha
            and not _metadata_changed(previous, article)
        ):
            fresh[slug] = "unchanged"
            continue
        fresh[slug] = "updated" if previous is not None else "ingested"
        corpus[slug] = article

    if progress:
        progress("extract", 0, 1)
    timeline = build_timeline(list(corpus.values()), registry or load_registry())
    if progress:
        progress("extract", 1, 1)
    failed_extraction = {p.file_name: p.reason for p in timeline.problems}
    for slug, outcome in fresh.items():
        name = corpus[slug].file_name
        if name in failed_extraction:
            report.files.append(FileOutcome(name, "failed", failed_extraction[name]))
        else:
            report.files.append(FileOutcome(name, outcome, "", source_id(slug)))

    await store_timeline(session, timeline, progress)
    report.events, report.pledges = len(timeline.events), len(timeline.pledges)
    report.actors = len(timeline.actors)
    await repo.log_ingestion(
        session,
        [
            {
                "run_id": report.run_id,
                "file_name": f.file_name,
                "sha256": None,
                "outcome": f.outcome,
                "detail": f.detail,
                "source_id": f.source_id,
            }
            for f in report.files
        ],
    )
    # Every writer's ingestion (CLI, POST /sources) tells running API workers to drop what
    # they remember; delivered only if the caller commits.
    await notify_change(session)
    await session.flush()
    return report


def _metadata_changed(stored: Source, article: RawArticle) -> bool:
    given = {
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
    }
    if any(v is not None and getattr(stored, k) != v for k, v in given.items()):
        return True
    return article.published is not None and (
        not stored.published_explicit or stored.published_start != article.published
    )


async def store_timeline(
    session: AsyncSession, timeline: Timeline, progress: Progress | None = None
) -> None:
    """Reconcile the database with `timeline` (flushes, never commits)."""
    slug_of = {s.file_name: slugify(s.file_name) for s in timeline.sources}
    source_rows = [
        {
            "id": source_id(slug_of[s.file_name]),
            "slug": slug_of[s.file_name],
            "file_name": s.file_name,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "text": s.text,
            "sha256": s.sha256,
            "published_start": s.publication.interval.start,
            "published_end": s.publication.interval.end,
            "published_precision": s.publication.interval.precision,
            "published_explicit": s.publication.explicit,
            "published_reason": s.publication.reason,
        }
        for s in timeline.sources
    ]
    await repo.upsert_sources(session, source_rows)
    await _store_actors(session, timeline)
    merged = await repo.merged_actors(session)

    def source_of(m: Mention) -> uuid.UUID:
        return source_id(slug_of[m.file_name])

    existing = await repo.existing_mention_targets(
        session, [source_id(slug) for slug in slug_of.values()]
    )

    event_ids = _assign_ids(timeline.events, "event", existing, source_of)
    pledge_ids = _assign_ids(timeline.pledges, "pledge", existing, source_of)

    await repo.upsert_events(
        session,
        [
            {
                "id": event_ids[e.key],
                "title": e.title[:500],
                "summary": e.summary,
                "type": e.type,
                "date_start": e.date.start,
                "date_end": e.date.end,
                "date_precision": e.date.precision,
                "date_resolved": e.date_resolved,
                "location": e.location,
            }
            for e in timeline.events
        ],
    )
    await repo.upsert_pledges(
        session,
        [
            {
                "id": pledge_ids[p.key],
                "text": p.text,
                "made_start": p.made.start,
                "made_end": p.made.end,
                "made_precision": p.made.precision,
                "deadline_start": p.deadline.start if p.deadline else None,
                "deadline_end": p.deadline.end if p.deadline else None,
                "deadline_precision": p.deadline.precision if p.deadline else None,
                "quantity": p.quantity,
                "unit": p.unit,
                "status": p.status,
                "status_reason": p.status_reason,
                "event_id": event_ids.get(p.event_key) if p.event_key else None,
            }
            for p in timeline.pledges
        ],
    )
    await repo.replace_links(
        session,
        model=EventActor,
        owner_column="event_id",
        owner_ids=list(event_ids.values()),
        rows=_links(timeline.events, event_ids, "event_id", merged),
    )
    await repo.replace_links(
        session,
        model=PledgeActor,
        owner_column="pledge_id",
        owner_ids=list(pledge_ids.values()),
        rows=_links(timeline.pledges, pledge_ids, "pledge_id", merged),
    )

    mention_rows: dict[uuid.UUID, dict[str, Any]] = {}
    for item_ids, items, kind in (
        (event_ids, timeline.events, "event"),
        (pledge_ids, timeline.pledges, "pledge"),
    ):
        for item in items:
            target = item_ids[item.key]
            for m in item.mentions:
                mid = mention_id(slug_of[m.file_name], f"{kind}:{target}", *_span(m))
                mention_rows[mid] = {
                    "id": mid,
                    "source_id": source_of(m),
                    "event_id": target if kind == "event" else None,
                    "pledge_id": target if kind == "pledge" else None,
                    "quote": m.quote.text,
                    "char_start": m.quote.char_start,
                    "char_end": m.quote.char_end,
                    "date_text": m.date_text,
                    "origin": m.origin[:64],
                }
    await repo.upsert_mentions(session, list(mention_rows.values()))
    await repo.delete_stale_mentions(
        session, [source_id(slug) for slug in slug_of.values()], list(mention_rows)
    )
    await repo.replace_pledge_evidence(
        session,
        list(pledge_ids.values()),
        [
            {
                "pledge_id": pledge_ids[p.key],
                "event_id": event_ids[p.event_key],
                "relation": "made_at",
                "note": None,
            }
            for p in timeline.pledges
            if p.event_key and p.event_key in event_ids
        ],
    )
    await repo.delete_orphans(session)
    await repo.refresh_search(session, list(event_ids.values()))
    if progress:
        progress("store", 1, 1)


def _span(m: Mention) -> tuple[int, int]:
    return m.quote.char_start, m.quote.char_end


def _assign_ids(
    items: Sequence[TimelineEvent | TimelinePledge],
    kind: Literal["event", "pledge"],
    existing: dict[tuple[uuid.UUID, int, int, str], list[uuid.UUID]],
    source_of: Callable[[Mention], uuid.UUID],
) -> dict[str, uuid.UUID]:
    """Keep the id of the stored event (pledge) that most of this one's quotes belonged to."""
    assigned: dict[str, uuid.UUID] = {}
    taken: set[uuid.UUID] = set()
    for item in sorted(items, key=lambda i: (-len(i.mentions), i.key)):
        votes: Counter[uuid.UUID] = Counter()
        for m in item.mentions:
            for old in existing.get((source_of(m), *_span(m), kind), []):
                if old not in taken:
                    votes[old] += 1
        if votes:
            best = sorted(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
        else:
            first = min(item.mentions, key=lambda m: (m.file_name, *_span(m)))
            best = stable_id(kind, slugify(first.file_name), *_span(first), item.key)
        assigned[item.key] = best
        taken.add(best)
    return assigned


def _links(
    items: Sequence[TimelineEvent | TimelinePledge],
    ids: dict[str, uuid.UUID],
    owner_column: str,
    merged: dict[uuid.UUID, uuid.UUID],
) -> list[dict[str, Any]]:
    rows: dict[tuple[uuid.UUID, uuid.UUID, str], dict[str, Any]] = {}
    for item in items:
        for link in item.actors:
            # An actor an editor folded into another is linked as that other one.
            target = actor_id(link.actor_key)
            target = merged.get(target, target)
            key = (ids[item.key], target, link.role[:32])
            rows[key] = {owner_column: key[0], "actor_id": key[1], "role": key[2]}
    return list(rows.values())


async def _store_actors(session: AsyncSession, timeline: Timeline) -> None:
    actor_rows = [
        {
            "id": actor_id(a.key),
            "key": a.key,
            "name": a.name,
            "type": a.type,
            "description": a.description,
            "discovered": a.discovered,
        }
        for a in timeline.actors
    ]
    # Every spelling is kept ("UN" and "U.N."); lookups go through the normalised form.
    alias_rows: dict[tuple[uuid.UUID, str], dict[str, Any]] = {}
    for a in timeline.actors:
        for alias in (a.name, *a.aliases, *a.lookup_aliases):
            norm = normalise_name(alias)
            if norm:
                alias_rows.setdefault(
                    (actor_id(a.key), alias),
                    {"actor_id": actor_id(a.key), "alias": alias, "alias_norm": norm},
                )
    relation_rows = [
        {
            "subject_id": actor_id(r.subject_key),
            "relation": r.relation,
            "object_id": actor_id(r.object_key),
        }
        for r in timeline.relations
    ]
    await repo.upsert_actors(session, actor_rows, list(alias_rows.values()), relation_rows)
