"""The ingestion pipeline against a real PostgreSQL: idempotent, incremental, loses nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.change_listener import ChangeListener
from api.settings import PROJECT_ROOT
from db import migrate
from db.engine import make_engine
from db.models import Actor, Event, IngestionLog, Mention, Pledge, Source
from seed import pipeline
from seed.extract.types import RawArticle
from seed.pipeline import expand_paths, ingest, read_articles

CORPUS = PROJECT_ROOT / "seed" / "corpus"


async def _snapshot(session: AsyncSession) -> dict[str, object]:
    """Every machine-written row with its last update time: equal snapshots = nothing changed."""
    snap: dict[str, object] = {}
    for model in (Source, Actor, Event, Pledge, Mention):
        rows = await session.execute(select(model.id, model.updated_at).order_by(model.id))
        snap[model.__tablename__] = rows.all()
    return snap


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_ingesting_the_corpus_again_changes_nothing(corpus_session: AsyncSession) -> None:
    session = corpus_session
    before = await _snapshot(session)
    articles, problems = read_articles(expand_paths([CORPUS]))
    report = await ingest(session, articles, problems)
    assert report.counts() == {"ingested": 0, "updated": 0, "unchanged": 5, "failed": 0}
    assert await _snapshot(session) == before


async def test_a_new_article_only_adds_what_it_brings(corpus_session: AsyncSession) -> None:
    session = corpus_session
    sources_before = await _count(session, Source)
    events_before = await session.execute(select(Event.id, Event.updated_at).order_by(Event.id))
    text = (
        " date 2021-10-20 Libyan Foreign Minister Najla Mangoush said on Wednesday that the "
        "Berlin conference will be held in Tripoli.\n"
    )
    report = await ingest(session, [RawArticle("extra-article.txt", text)])
    assert report.counts() == {"ingested": 1, "updated": 0, "unchanged": 0, "failed": 0}
    assert await _count(session, Source) == sources_before + 1
    stored = dict(events_before.tuples().all())
    after = dict((await session.execute(select(Event.id, Event.updated_at))).tuples().all())
    # Every event that was there before is still there and untouched.
    assert {k: after[k] for k in stored} == stored


async def test_an_edited_article_is_updated_in_place(corpus_session: AsyncSession) -> None:
    session = corpus_session
    path = CORPUS / "004_c1e85f038010932c.txt"
    text = path.read_text(encoding="utf-8").replace(
        "Libya launched voter registration on Monday", "Libya opened voter registration on Monday"
    )
    sources_before = await _count(session, Source)
    report = await ingest(session, [RawArticle(path.name, text)])
    assert report.counts() == {"ingested": 0, "updated": 1, "unchanged": 0, "failed": 0}
    assert await _count(session, Source) == sources_before
    stored = await session.scalar(select(Source.text).where(Source.file_name == path.name))
    assert stored == text
    quotes = (
        await session.scalars(
            select(Mention.quote).join(Source).where(Source.file_name == path.name)
        )
    ).all()
    assert not any("launched voter registration" in q for q in quotes)


async def test_bad_files_are_reported_and_the_good_ones_still_ingested(
    corpus_session: AsyncSession, tmp_path: Path
) -> None:
    session = corpus_session
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "latin1.txt").write_bytes("Tripoli caf\xe9 talks".encode("latin-1"))
    (tmp_path / "bad-date.txt").write_text(" date 2021-13-45 Talks resumed in Geneva.\n")
    (tmp_path / "good.txt").write_text(
        " date 2021-11-02 The 5+5 Joint Military Commission met in Cairo on Sunday.\n"
    )
    sources_before = await _count(session, Source)
    articles, problems = read_articles(expand_paths([tmp_path]))
    report = await ingest(session, articles, problems)
    outcomes = {f.file_name: f.outcome for f in report.files}
    assert outcomes == {
        "bad-date.txt": "failed",
        "binary.txt": "failed",
        "empty.txt": "failed",
        "latin1.txt": "failed",
        "good.txt": "ingested",
    }
    assert all(f.detail for f in report.failed)
    assert await _count(session, Source) == sources_before + 1
    logged = (
        await session.execute(
            select(IngestionLog.file_name, IngestionLog.outcome).where(
                IngestionLog.run_id == report.run_id
            )
        )
    ).all()
    assert sorted(logged) == sorted(outcomes.items())


async def test_an_editors_actor_merge_survives_reingestion(session: AsyncSession) -> None:
    from sqlalchemy import update

    from db.ids import actor_id
    from db.models import Actor, EventActor

    article = RawArticle(
        "merge-check.txt",
        " date 2021-11-02 Brigadier General Omar Abu Zarqa said on Monday that the 5+5 "
        "Joint Military Commission met in Cairo.\n",
    )
    await ingest(session, [article])
    discovered, haftar = actor_id("omar-abu-zarqa"), actor_id("khalifa-haftar")
    assert await session.scalar(select(Actor.discovered).where(Actor.id == discovered)) is True
    # What POST /actors/{id}/merge does to the actor row (the links are then moved).
    await session.execute(update(Actor).where(Actor.id == discovered).values(merged_into_id=haftar))
    await session.execute(
        update(EventActor).where(EventActor.actor_id == discovered).values(actor_id=haftar)
    )
    await ingest(session, [article])
    linked = (
        await session.scalars(select(EventActor.actor_id).where(EventActor.actor_id == discovered))
    ).all()
    assert linked == []
    assert (
        await session.scalar(
            select(func.count()).select_from(EventActor).where(EventActor.actor_id == haftar)
        )
        == 1
    )


async def test_an_ingestion_announces_its_change_when_committed_only(
    scratch_database: Callable[[], str],
) -> None:
    # A database of its own: this test commits.
    url = scratch_database()
    migrate.upgrade(url)
    engine = make_engine(url, pool_size=3)
    heard: list[int] = []
    listener = ChangeListener(engine, lambda: heard.append(1))
    listener.start()
    article = RawArticle("a.txt", " date 2021-11-11 Libya launched voter registration on Monday.")
    try:
        async with asyncio.timeout(5):
            await listener.listening.wait()
        baseline = len(heard)
        async with AsyncSession(engine) as session:
            await ingest(session, [article])
            await session.rollback()
        async with AsyncSession(engine) as session:
            await ingest(session, [article])
            await session.commit()
        async with asyncio.timeout(5):
            while len(heard) == baseline:  # noqa: ASYNC110 - polls state owned by the listener task
                await asyncio.sleep(0.02)
        # The rolled-back run announced nothing: one notification, from the committed run.
        await asyncio.sleep(0.2)
        assert len(heard) == baseline + 1
    finally:
        await listener.stop()
        await engine.dispose()


async def test_a_large_corpus_run_leaves_the_planner_statistics_of_what_it_wrote(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (The sample corpus stands for a large run: five articles reach the lowered bar.)
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 5)
    articles, problems = read_articles(expand_paths([CORPUS]))
    await ingest(session, articles, problems)
    # The empty test database holds no committed rows: only an ANALYZE in this run, which
    # counts its own rows, gives the sources' slugs statistics (five distinct of five).
    row = await session.execute(
        text(
            "SELECT n_distinct, null_frac FROM pg_stats "
            "WHERE tablename = 'sources' AND attname = 'slug'"
        )
    )
    assert row.tuples().all() == [(-1.0, 0.0)]
