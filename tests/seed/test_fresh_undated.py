"""A new undated article dated from the stored dated articles that may anchor it
(`seed.fresh_undated`), then linked with its neighbourhood: it stores what linking the whole
corpus stores; when those leave it wide, the whole corpus is linked."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import cast

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import Source, SourceExtraction, SourceSketch
from seed.extract.types import RawArticle
from seed.pipeline import expand_paths, ingest, read_articles
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS, _timeline

# Written for these tests. Dated: a person's statement on its day (Tuesday 9 March 2021), and a
# happening without a person of a Sunday (14 March 2021).
STATEMENT = RawArticle(
    file_name="harbour-dated.txt",
    text="Port deal\n\nJan Kubis said on 9 March 2021 that the harbour of Benghazi would reopen "
    "to grain ships after months of closure.\n",
    published=date(2021, 3, 10),
)
BRIDGE = RawArticle(
    file_name="bridge-dated.txt",
    text="Bridge reopened\n\nThe river bridge between Ghadames and Nalut reopened to lorries "
    "yesterday after engineers repaired its cracked pillars.\n",
    published=date(2021, 3, 15),
)
# Undated: a lead reporting that statement (the news of the last days), the bridge's reopening
# told "on Sunday", and a happening no dated article tells.
LEAD = RawArticle(
    file_name="harbour-undated.txt",
    text="Port deal\n\nJan Kubis said the harbour of Benghazi would reopen to grain ships after "
    "months of closure.\n",
)
SUNDAY = RawArticle(
    file_name="bridge-undated.txt",
    text="Lorries cross again\n\nThe town council said on Sunday that the bridge linking "
    "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
)
UNTOLD = RawArticle(
    file_name="clinic-undated.txt",
    text="Clinic opens\n\nA field clinic opened in the oasis town of Ubari on Sunday with two "
    "doctors and a nurse, residents said.\n",
)

Rows = list[tuple[str, date, date]]


async def _posted_last(
    engine: AsyncEngine, undated: RawArticle, caplog: pytest.LogCaptureFixture, *, keys: bool = True
) -> tuple[str, dict[str, object], dict[str, object]]:
    """How `undated` was linked when posted after the sample corpus and the dated articles
    (stored without their anchor keys unless `keys`), the timeline that left, and the timeline
    of all of them ingested in one call."""
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, STATEMENT, BRIDGE, undated])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, STATEMENT, BRIDGE])
        if not keys:
            await session.execute(update(SourceSketch).values(anchor_keys=None))
        with caplog.at_level(logging.INFO, logger="seed"):
            report = await ingest(session, [undated])
        return report.linked, await _timeline(session), bulk


@pytest.mark.parametrize(
    ("undated", "published"),
    [
        # the statement's day and the week after it
        (LEAD, (date(2021, 3, 9), date(2021, 3, 16))),
        # the Sunday of the reopening and the week after it
        (SUNDAY, (date(2021, 3, 14), date(2021, 3, 20))),
    ],
)
async def test_an_undated_article_a_stored_one_dates_is_linked_with_its_neighbourhood(
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
    undated: RawArticle,
    published: tuple[date, date],
) -> None:
    linked, one_by_one, bulk = await _posted_last(engine, undated, caplog)
    assert linked == "neighbourhood"
    assert "linking the whole corpus" not in caplog.text
    dates = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert dates[undated.file_name.removesuffix(".txt")] == published
    assert one_by_one == bulk


async def test_an_undated_article_no_stored_one_dates_stays_wide_with_its_neighbourhood(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _posted_last(engine, UNTOLD, caplog)
    assert linked == "neighbourhood"
    dates = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert dates["clinic-undated"] == (date(2011, 1, 1), date.today())
    assert one_by_one == bulk


# Written for these tests: dated, a statement on Sunday 7 March 2021; undated, the statement
# told "yesterday" (the first round dates it: 8 March) with a council meeting of that Saturday
# (6 March), and two tellings of that meeting alone (only the second round dates them, by
# the first undated article).
KUBIS = RawArticle(
    file_name="kubis-dated.txt",
    text="Port deal\n\nJan Kubis said on Sunday that the harbour of Benghazi would reopen to "
    "grain ships after months of closure.\n",
    published=date(2021, 3, 8),
)
YESTERDAY = RawArticle(
    file_name="kubis-undated.txt",
    text="Port to reopen\n\nJan Kubis said yesterday that the harbour of Benghazi would reopen "
    "to grain ships after months of closure.\n\nThe municipal council of Misrata met on "
    "Saturday to approve the grain quotas for the harbour workers.\n",
)
COUNCIL = RawArticle(
    file_name="council-undated.txt",
    text="Quotas approved\n\nThe municipal council of Misrata met on Saturday and approved "
    "grain quotas for the harbour workers, residents said.\n",
)
QUOTAS = RawArticle(
    file_name="quotas-undated.txt",
    text="Harbour workers\n\nGrain quotas for the harbour workers were approved when the "
    "municipal council of Misrata met on Saturday, a councillor said.\n",
)


async def _one_by_one(
    engine: AsyncEngine, articles: list[RawArticle], caplog: pytest.LogCaptureFixture
) -> tuple[str, dict[str, object], dict[str, object]]:
    """How the last of `articles` was linked when posted after the others (each posted one
    at a time), the timeline that left, and that of all of them ingested in one call."""
    async with rolled_back_session(engine) as session:
        await ingest(session, articles)
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        for article in articles[:-1]:
            await ingest(session, [article])
        with caplog.at_level(logging.INFO, logger="seed"):
            report = await ingest(session, [articles[-1]])
        return report.linked, await _timeline(session), bulk


async def test_an_undated_article_the_second_round_dates_keeps_to_its_neighbourhood(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _one_by_one(engine, [KUBIS, YESTERDAY, COUNCIL], caplog)
    assert linked == "neighbourhood"
    dates = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert dates["kubis-undated"] == (date(2021, 3, 8), date(2021, 3, 8))
    assert dates["council-undated"] == (date(2021, 3, 6), date(2021, 3, 12))
    assert one_by_one == bulk


async def _first_round_state(engine: AsyncEngine, batches: list[list[RawArticle]]) -> list[object]:
    """Per source, as `batches` left it stored: its anchor keys, whether the first round of
    inference left it wide, and whether its reading after that round is kept."""
    async with rolled_back_session(engine) as session:
        for batch in batches:
            await ingest(session, batch)
        rows = await session.execute(
            select(
                Source.slug,
                SourceSketch.anchor_keys,
                SourceSketch.first_round_wide,
                SourceExtraction.first_payload.is_not(None),
            )
            .join(SourceSketch, SourceSketch.source_id == Source.id)
            .join(SourceExtraction, SourceExtraction.source_id == Source.id)
            .order_by(Source.slug)
        )
        return [tuple(row) for row in rows.tuples()]


async def test_an_undated_article_the_second_round_dates_is_stored_as_the_first_round_left_it(
    engine: AsyncEngine,
) -> None:
    # (Its anchor keys and reading are those the second round weighs for later articles.)
    articles = [KUBIS, YESTERDAY, COUNCIL]
    bulk = await _first_round_state(engine, [articles])
    one_by_one = await _first_round_state(engine, [[a] for a in articles])
    assert [(slug, wide, kept) for slug, _, wide, kept in bulk] == [
        ("council-undated", True, True),
        ("kubis-dated", False, False),
        ("kubis-undated", False, False),
    ]
    assert one_by_one == bulk


async def test_an_undated_article_that_may_date_one_the_first_round_left_wide_links_the_corpus(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _one_by_one(engine, [KUBIS, COUNCIL, YESTERDAY], caplog)
    assert linked == "corpus"
    assert "1 stored undated articles dated again with it: 1 moved" in caplog.text
    assert "dates again one the first round left wide" in caplog.text
    assert one_by_one == bulk


async def test_a_second_round_reads_the_stored_undated_ones_as_the_first_round_left_them(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    articles = [KUBIS, YESTERDAY, COUNCIL, QUOTAS]
    linked, one_by_one, bulk = await _one_by_one(engine, articles, caplog)
    assert linked == "neighbourhood"
    dates = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert dates["quotas-undated"] == (date(2021, 3, 6), date(2021, 3, 12))
    assert one_by_one == bulk


# Written for this test: the statement told "yesterday" in other words, with the same
# meeting (its first reading anchors the stored telling of the meeting, as the stored
# article does: that one's date stays).
AGAIN = RawArticle(
    file_name="port-again-undated.txt",
    text="Harbour news\n\nThe envoy Jan Kubis said yesterday that the harbour of Benghazi would "
    "reopen to grain ships, ending a blockade that had emptied its warehouses and idled "
    "hundreds of dockers since the autumn.\n\nIn Misrata, the municipal council met on "
    "Saturday and set new grain quotas for harbour workers, officials there said.\n",
)


async def test_an_undated_article_anchoring_one_the_first_round_left_wide_as_before_stays_local(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    articles = [KUBIS, YESTERDAY, COUNCIL, AGAIN]
    linked, one_by_one, bulk = await _one_by_one(engine, articles, caplog)
    assert linked == "neighbourhood"
    assert "1 stored undated articles dated again with it: 0 moved" in caplog.text
    dates = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert dates["port-again-undated"] == (date(2021, 3, 8), date(2021, 3, 8))
    assert one_by_one == bulk


async def test_an_undated_article_links_the_corpus_while_anchor_keys_are_missing(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _posted_last(engine, SUNDAY, caplog, keys=False)
    assert linked == "corpus"
    assert "has no anchor keys" in caplog.text
    assert one_by_one == bulk


async def test_undated_articles_posted_together_link_the_corpus(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    # (They would date each other as the stored ones do not.)
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, STATEMENT, BRIDGE])
        with caplog.at_level(logging.INFO, logger="seed"):
            report = await ingest(session, [LEAD, SUNDAY])
    assert report.linked == "corpus"
    assert "an undated article arrives with others" in caplog.text


# Written for these tests: an undated lead of a statement, its dated telling (which dates the
# lead: the day and the week after), and two more dated tellings of that statement.
# (The texts of `LEAD` and `STATEMENT` under other names.)
PORT_LEAD = dataclasses.replace(LEAD, file_name="port-lead.txt")
PORT_DATED = dataclasses.replace(STATEMENT, file_name="port-dated.txt")
# The same day, fewer words in common: the lead stays anchored on the first telling.
PORT_AGAIN = RawArticle(
    file_name="port-again.txt",
    text="Benghazi\n\nThe envoy Jan Kubis announced on 9 March 2021 that ships carrying grain "
    "would soon dock in Benghazi, a port official said.\n",
    published=date(2021, 3, 11),
)
# Another day, every word of the lead and more: it outranks the first telling (ties go to
# the later file name), and the lead's date moves.
PORT_LATER = RawArticle(
    file_name="port-later.txt",
    text="Tunis talks\n\nSpeaking in Tunis on 23 March 2021 after talks with port managers and "
    "traders from three countries, Jan Kubis said the harbour of Benghazi would reopen to "
    "grain ships after months of closure.\n",
    published=date(2021, 3, 24),
)


@pytest.mark.parametrize(
    ("article", "moved", "linked"), [(PORT_AGAIN, 0, "neighbourhood"), (PORT_LATER, 1, "corpus")]
)
async def test_a_dated_article_that_may_date_a_stored_undated_one_links_the_corpus_only_if_it_does(
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
    article: RawArticle,
    moved: int,
    linked: str,
) -> None:
    found, one_by_one, bulk = await _one_by_one(engine, [PORT_DATED, PORT_LEAD, article], caplog)
    assert f"1 stored undated articles dated again with it: {moved} moved" in caplog.text
    assert found == linked
    assert one_by_one == bulk
