"""Ingestion: read articles (per article, in worker processes), link them, store the result.

Each article is read once: its extraction is stored with the source, keyed by the text's hash
and the extractor version, and reused until one of them changes. Linking (publication dates
inferred from other articles, cross-source merging, pledges) reads the stored and the new
extractions together; `seed.store` reconciles the database with the result. The caller's
transaction covers the whole run: a failure leaves nothing half-written.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import source_id
from db.models import Source
from db.repositories import extractions as extraction_rows
from db.repositories import timeline_sync as repo
from db.repositories.changes import notify_change
from seed.extract.article import ArticleExtraction
from seed.extract.errors import ArticleError
from seed.extract.parse import MAX_ARTICLE_BYTES, decode_article
from seed.extract.registry import Registry
from seed.extract.types import (
    ArticleProblem,
    RawArticle,
    Timeline,
)
from seed.incremental import link_neighbourhood, rerate_after
from seed.names import slugify
from seed.store import Scope, Stored, store_timeline
from seed.stored_extractions import dump as dump_extraction
from seed.stored_extractions import extractor_version
from seed.workers import (
    Packed,
    Read,
    default_registry,
    extract_articles,
    extract_packed,
    link_extractions,
)

Outcome = Literal["ingested", "updated", "unchanged", "failed"]
# More new articles than this in one run: linking the whole corpus once costs less than
# linking each one's neighbourhood.
INCREMENTAL_MAX = 16
# A whole-corpus run storing at least this many new or edited articles refreshes the planner's
# statistics before it ends: the indexed lookups of the next POSTs are planned on them.
ANALYZE_AFTER = 500
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
    # "neighbourhood" when only what the new articles can touch was linked (seed.incremental).
    linked: Literal["corpus", "neighbourhood", "nothing"] = "nothing"

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
    pool: Executor | None = None,
    relink: bool = False,
    reread: bool = False,
    prepared: Sequence[Read] = (),
    link_in_pool: bool = True,
) -> IngestReport:
    """Add or update `articles` and reconcile the stored timeline. Flushes, never commits.

    Articles are read in `pool` (or a thread); stored sources are not read again while their
    text and the extractor are unchanged (`reread` forces it). When nothing is new or edited
    the stored timeline stands (`relink` links the corpus again anyway). The whole corpus is
    linked in `pool` too unless `link_in_pool` is False: a server keeps its interpreter free
    that way, while a batch run (the CLI) saves shipping every reading to a worker and back.
    Announces the change (`notify_change`): API workers clear their caches on commit.
    """
    report = IngestReport(run_id=uuid.uuid4())
    report.files.extend(FileOutcome(p.file_name, "failed", p.reason) for p in problems)

    # Only the named sources at first: a new article may not need the corpus at all.
    named = {
        s.slug: s
        for s in await repo.sources_by_slug(session, [slugify(a.file_name) for a in articles])
    }
    by_sha = await repo.sources_by_sha(session, [_sha(a.text) for a in articles])
    given: dict[str, RawArticle] = {}
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
        previous = named.get(slug)
        if (
            previous is not None
            and previous.sha256 == sha
            and not _metadata_changed(previous, article)
        ):
            fresh[slug] = "unchanged"
            given[slug] = _stored_as_raw(previous)
            continue
        fresh[slug] = "updated" if previous is not None else "ingested"
        given[slug] = article

    if not relink and all(outcome == "unchanged" for outcome in fresh.values()):
        # Nothing new or edited: the stored timeline already is this corpus's reading.
        report.files.extend(
            FileOutcome(given[slug].file_name, "unchanged", "", source_id(slug)) for slug in fresh
        )
        report.events, report.pledges, report.actors = await repo.timeline_counts(session)
        await _log(session, report)
        return report

    registry_ = registry or default_registry()
    version = extractor_version(registry_)
    new = [given[slug] for slug, outcome in fresh.items() if outcome == "ingested"]
    if (
        not relink
        and not reread
        and new
        and len(new) <= INCREMENTAL_MAX
        and all(outcome != "updated" for outcome in fresh.values())
    ):
        ready = {r.file_name: r for r in prepared}
        reads = [ready[a.file_name] for a in new if a.file_name in ready]
        reads += await extract_articles(
            [a for a in new if a.file_name not in ready], registry, pool
        )
        extracted = [r for r in reads if isinstance(r, ArticleExtraction)]
        linked = (
            await link_neighbourhood(session, extracted, registry, version, pool)
            if extracted and len(extracted) == len(reads)
            else None
        )
        if linked is not None:
            report.linked = "neighbourhood"
            stored_ids = await _store(
                session, report, fresh, given, linked.timeline, reads, version, progress,
                linked.scope,
            )  # fmt: skip
            await rerate_after(session, registry, linked, stored_ids)
            return report
        prepared = reads  # the whole corpus is linked below, with these readings

    stored = {s.slug: s for s in await repo.stored_sources(session)}
    corpus: dict[str, RawArticle] = {slug: _stored_as_raw(s) for slug, s in stored.items()}
    corpus.update((slug, given[slug]) for slug, o in fresh.items() if o != "unchanged")
    reusable = [slug for slug in corpus if fresh.get(slug, "unchanged") == "unchanged"]
    payloads = (
        {}
        if reread
        else await extraction_rows.load(
            session, source_ids=[source_id(slug) for slug in reusable], version=version
        )
    )
    stored_payloads = [
        payloads[source_id(slug)] for slug in reusable if source_id(slug) in payloads
    ]
    known = {slug for slug in reusable if source_id(slug) in payloads}
    missing = [article for slug, article in corpus.items() if slug not in known]
    if progress:
        progress("extract", 0, len(missing))
    # Reads made before the run (an API request reads its article before waiting its turn).
    ready = {r.file_name: r for r in prepared if slugify(r.file_name) in corpus}
    bulk: list[Read | Packed] = [ready[a.file_name] for a in missing if a.file_name in ready]
    bulk += await extract_packed([a for a in missing if a.file_name not in ready], registry, pool)
    extracted = [r for r in bulk if isinstance(r, ArticleExtraction)]
    # Read in worker processes: serialised there once, linked and stored as those bytes.
    packed = [r.payload for r in bulk if isinstance(r, Packed)]
    if progress:
        progress("extract", len(missing), len(missing))
    if progress:
        progress("link", 0, 1)
    timeline = await link_extractions(
        [*stored_payloads, *packed], extracted, registry, pool if link_in_pool else None
    )
    if progress:
        progress("link", 1, 1)
    report.linked = "corpus"
    await _store(session, report, fresh, corpus, timeline, bulk, version, progress, None)
    if sum(outcome != "unchanged" for outcome in fresh.values()) >= ANALYZE_AFTER:
        await repo.refresh_statistics(session)
    return report


async def _store(
    session: AsyncSession,
    report: IngestReport,
    fresh: dict[str, Outcome],
    articles: dict[str, RawArticle],
    timeline: Timeline,
    reads: Sequence[Read | Packed],
    version: str,
    progress: Progress | None,
    scope: Scope | None,
) -> Stored:
    """Store the linked `timeline` (of the neighbourhood, with a `scope`), the new readings,
    and the report."""
    extracted = [r for r in reads if isinstance(r, ArticleExtraction)]
    # Read in worker processes: stored as the bytes they came back as.
    packed = [r for r in reads if isinstance(r, Packed)]
    timeline.problems = [r for r in reads if isinstance(r, ArticleProblem)]
    failed_extraction = {p.file_name: p.reason for p in timeline.problems}
    for slug, outcome in fresh.items():
        name = articles[slug].file_name
        if name in failed_extraction:
            report.files.append(FileOutcome(name, "failed", failed_extraction[name]))
        else:
            report.files.append(FileOutcome(name, outcome, "", source_id(slug)))

    stored_ids = await store_timeline(session, timeline, progress, scope=scope)
    rows = await asyncio.to_thread(
        lambda: [
            {
                "source_id": source_id(slugify(x.file_name)),
                "sha256": _sha(x.parsed.raw.text),
                "extractor_version": version,
                "payload": dump_extraction(x),
            }
            for x in extracted
        ]
    )
    rows += [
        {
            "source_id": source_id(slugify(p.file_name)),
            "sha256": p.sha256,
            "extractor_version": version,
            "payload": p.payload,
        }
        for p in packed
    ]
    await extraction_rows.save(session, rows)
    if timeline.keys is not None:
        await extraction_rows.save_dated(
            session,
            {
                source_id(slugify(n)): (p, timeline.keys.first.get(n))
                for n, p in timeline.keys.dated.items()
            },
        )
    if scope is None:
        report.events, report.pledges = len(timeline.events), len(timeline.pledges)
        report.actors = len(timeline.actors)
    else:
        report.events, report.pledges, report.actors = await repo.timeline_counts(session)
    await _log(session, report)
    return stored_ids


async def _log(session: AsyncSession, report: IngestReport) -> None:
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
