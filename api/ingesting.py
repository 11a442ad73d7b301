"""Ingest one article submitted through the API, through the same pipeline as the CLI."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import InvalidParameters
from api.metrics import timed_ingestion
from api.payloads.sources import SourceSubmission
from db.models import Source
from db.repositories import source_ingest
from seed.extract.errors import ArticleError
from seed.extract.parse import decode_article
from seed.extract.types import RawArticle
from seed.pipeline import ingest


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


async def ingest_article(session: AsyncSession, *, article: RawArticle) -> Ingested:
    """Store the article unless the same text is stored already; one transaction, no partials."""
    with timed_ingestion() as outcome:
        ingested = await _ingest_article(session, article=article)
        outcome["outcome"] = "ingested" if ingested.created else "unchanged"
        return ingested


async def _ingest_article(session: AsyncSession, *, article: RawArticle) -> Ingested:
    sha = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    await source_ingest.lock_ingestion(session)
    existing = await source_ingest.get_by_sha(session, sha256=sha)
    if existing is not None:
        return Ingested(existing, created=False)
    try:
        # A savepoint: if a writer that does not take the lock (e.g. an old CLI) stored the same
        # text meanwhile, the unique violation rolls back only this attempt.
        async with session.begin_nested():
            report = await ingest(session, [article])
    except IntegrityError:
        existing = await source_ingest.get_by_sha(session, sha256=sha)
        if existing is None:
            raise
        return Ingested(existing, created=False)
    outcome = report.files[-1]
    if outcome.outcome == "failed" or outcome.source_id is None:
        raise _unprocessable(outcome.detail or "nothing could be extracted")
    source = await source_ingest.get(session, source_id=outcome.source_id)
    assert source is not None, "the pipeline reported a source it did not store"
    return Ingested(source, created=outcome.outcome == "ingested")
