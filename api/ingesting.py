"""Ingest one article submitted through the API, through the same pipeline as the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import body_etag
from api.editing import check_if_match
from api.errors import Conflict, InvalidParameters, NotFound, ServiceUnavailable
from api.metrics import timed_ingestion
from api.payloads.sources import SourceSubmission
from api.responses import dumps
from db.models import Source
from db.repositories import audit, source_ingest
from db.repositories import sources as source_reads
from db.repositories.changes import notify_change
from seed.extract.errors import ArticleError
from seed.extract.parse import decode_article
from seed.extract.types import ArticleProblem, RawArticle
from seed.names import slugify
from seed.pipeline import FileOutcome, ingest
from seed.workers import extract_articles

# What a replacement may change, as the audit record shows it before and after.
_REPLACED_FIELDS = (
    "sha256",
    "title",
    "publisher",
    "url",
    "published_start",
    "published_end",
    "published_precision",
    "published_explicit",
)


@dataclass(frozen=True, slots=True)
class Ingested:
    source: Source
    created: bool


def _unprocessable(reason: str) -> InvalidParameters:
    return InvalidParameters(
        f"The article cannot be ingested: {reason}",
        [{"name": "body", "in": "body", "reason": reason}],
    )


def article_from_bytes(body: bytes, file_name: str | None = None) -> RawArticle:
    """Decode a `text/plain` body (UTF-8) the way the CLI decodes a file."""
    name = file_name or f"api-{hashlib.sha256(body).hexdigest()[:16]}.txt"
    try:
        return decode_article(name, body)
    except ArticleError as exc:
        raise _unprocessable(str(exc)) from exc


def article_from_json(submission: SourceSubmission) -> RawArticle:
    try:
        body = submission.text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from JSON escapes
        raise _unprocessable("text is not valid Unicode") from exc
    article = article_from_bytes(body, submission.file_name)
    return dataclasses.replace(
        article,
        published=submission.published or article.published,
        title=submission.title or article.title,
        publisher=submission.publisher or article.publisher,
        url=submission.url or article.url,
    )


@asynccontextmanager
async def _turn(
    session: AsyncSession, turn: asyncio.Lock | None, wait: float
) -> AsyncIterator[None]:
    """This request's turn to link and store: one at a time per process (an asyncio lock, which
    costs nothing to wait on), then the database's advisory lock across processes.

    The authentication's read-only transaction is ended first, so a request waiting for its
    turn holds no pooled connection: twenty waiting POSTs must not starve the readers.
    """
    await session.rollback()
    async with turn or contextlib.nullcontext():
        if not await source_ingest.lock_ingestion(session, wait=wait):
            raise ServiceUnavailable(
                f"Other articles were being ingested for more than {wait:g} s; retry shortly."
            )
        yield


async def ingest_article(
    session: AsyncSession,
    *,
    article: RawArticle,
    pool: Executor | None = None,
    turn: asyncio.Lock | None = None,
    lock_wait: float = 120.0,
) -> Ingested:
    """Store the article unless the same text is stored already; one transaction, no partials.

    Counted and timed in `/metrics` (`ingestion_articles_total`, `ingestion_duration_seconds`).
    """
    with timed_ingestion() as outcome:
        ingested = await _ingest_article(
            session, article=article, pool=pool, turn=turn, lock_wait=lock_wait
        )
        outcome["outcome"] = "ingested" if ingested.created else "unchanged"
        return ingested


async def _ingest_article(
    session: AsyncSession,
    *,
    article: RawArticle,
    pool: Executor | None,
    turn: asyncio.Lock | None,
    lock_wait: float,
) -> Ingested:
    """The stages of `ingest_article`.

    The article is read (in `pool`) before waiting for the turn to link: reading is the
    expensive part and needs no lock. A file name another text already holds is a conflict:
    replacing an article is `PUT`.
    """
    sha = _sha(article.text)
    # Reading takes the longest: hold no pooled connection meanwhile (the authentication's
    # read-only transaction ends here), or a burst of POSTs would starve the pool.
    await session.rollback()
    (read,) = await extract_articles([article], None, pool)
    if isinstance(read, ArticleProblem):
        raise _unprocessable(read.reason)
    async with _turn(session, turn, lock_wait):
        existing = await source_ingest.get_by_sha(session, sha256=sha)
        if existing is not None:
            return Ingested(existing, created=False)
        taken = await source_ingest.get_by_slug(session, slug=slugify(article.file_name))
        if taken is not None:
            raise Conflict(
                f"The file name {article.file_name!r} belongs to source {taken.id}, which has "
                f"another text. To replace that text, PUT /sources/{taken.id} with If-Match.",
                source_id=str(taken.id),
            )
        try:
            # A savepoint: if a writer that does not take the lock (e.g. an old CLI) stored the
            # same text meanwhile, the unique violation rolls back only this attempt.
            async with session.begin_nested():
                report = await ingest(session, [article], pool=pool, prepared=[read])
        except IntegrityError:
            existing = await source_ingest.get_by_sha(session, sha256=sha)
            if existing is None:
                raise
            return Ingested(existing, created=False)
        return Ingested(await _stored(session, report.files[-1]), created=True)


async def replace_article(
    session: AsyncSession,
    *,
    source_id: uuid.UUID,
    article: RawArticle,
    if_match: str | None,
    key_id: uuid.UUID,
    pool: Executor | None = None,
    turn: asyncio.Lock | None = None,
    lock_wait: float = 120.0,
) -> Ingested:
    """Replace a stored article's text (and metadata), re-read it, audit the change.

    Guarded by `If-Match` with the source's current ETag. Events and pledges keep what editors
    set (edited fields, deletions): the pipeline never overwrites those.
    """
    async with _turn(session, turn, lock_wait):
        source = await source_ingest.get(session, source_id=source_id, for_update=True)
        if source is None:
            raise NotFound(f"No source {source_id}.")
        current = await source_reads.get_source(session, ref=str(source_id))
        check_if_match(if_match, body_etag(dumps(current)))
        same_text = await source_ingest.get_by_sha(session, sha256=_sha(article.text))
        if same_text is not None and same_text.id != source.id:
            raise Conflict(
                f"Source {same_text.id} already has this text; one text is stored once.",
                source_id=str(same_text.id),
            )
        before = {f: getattr(source, f) for f in _REPLACED_FIELDS}
        replacement = dataclasses.replace(article, file_name=source.file_name)
        report = await ingest(session, [replacement], pool=pool)
        stored = await _stored(session, report.files[-1])
        await session.refresh(stored)
        after = {f: getattr(stored, f) for f in _REPLACED_FIELDS}
        changed = {f for f in _REPLACED_FIELDS if before[f] != after[f]}
        if changed:
            await audit.record(
                session,
                entity_type="source",
                entity_id=stored.id,
                action="replace",
                key_id=key_id,
                before={f: before[f] for f in sorted(changed)},
                after={f: after[f] for f in sorted(changed)},
                changed_fields=sorted(changed),
            )
            await notify_change(session)
        return Ingested(stored, created=False)


async def _stored(session: AsyncSession, outcome: FileOutcome) -> Source:
    if outcome.outcome == "failed" or outcome.source_id is None:
        raise _unprocessable(outcome.detail or "nothing could be extracted")
    source = await source_ingest.get(session, source_id=outcome.source_id)
    assert source is not None, "the pipeline reported a source it did not store"
    return source


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
