"""Each article is read once: stored extractions are reused while text and extractor stay."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

import seed.workers
from db.models import Event, SourceExtraction
from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.registry import Registry
from seed.extract.types import RawArticle
from seed.pipeline import ingest


def _article(n: int) -> RawArticle:
    return RawArticle(
        f"note-{n}.txt",
        f"Note {n}\n\nThe Libyan National Army said on Monday that {n} fighters had left Sirte.\n",
        published=date(2021, 3, 3) + timedelta(weeks=n),
    )


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """File names the per-article stage reads, in order."""
    seen: list[str] = []

    def counting(raw: RawArticle, registry: Registry) -> ArticleExtraction:
        seen.append(raw.file_name)
        return extract_article(raw, registry)

    monkeypatch.setattr(seed.workers, "extract_article", counting)
    return seen


async def test_a_new_article_is_the_only_one_read(session: AsyncSession, reads: list[str]) -> None:
    await ingest(session, [_article(1), _article(2)])
    assert sorted(reads) == ["note-1.txt", "note-2.txt"]
    stored = await session.scalar(select(func.count()).select_from(SourceExtraction))
    assert stored == 2
    reads.clear()
    report = await ingest(session, [_article(3)])
    assert reads == ["note-3.txt"]
    assert report.counts()["ingested"] == 1
    assert report.events == 3


async def test_an_unchanged_corpus_is_neither_read_nor_linked(
    session: AsyncSession, reads: list[str]
) -> None:
    await ingest(session, [_article(1), _article(2)])
    events = await session.scalar(select(func.count()).select_from(Event))
    reads.clear()
    report = await ingest(session, [_article(1), _article(2)])
    assert reads == []
    assert report.counts() == {"ingested": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert report.events == events == 2


async def test_relinking_reads_nothing_and_rereading_reads_everything(
    session: AsyncSession, reads: list[str]
) -> None:
    await ingest(session, [_article(1), _article(2)])
    reads.clear()
    await ingest(session, [], relink=True)
    assert reads == []
    await ingest(session, [], relink=True, reread=True)
    assert sorted(reads) == ["note-1.txt", "note-2.txt"]
