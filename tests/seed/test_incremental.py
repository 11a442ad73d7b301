"""Incremental linking (seed.incremental): a new article linked with its neighbourhood only
stores exactly what linking the whole corpus stores; where it could reach further, the whole
corpus is linked."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import cast

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.models import MemberReading, Mention, Pledge, Source
from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.names import slugify
from seed.near_duplicates import fresh_origins
from seed.pipeline import expand_paths, ingest, read_articles
from tests.conftest import rolled_back_session
from tests.seed.test_arrival_order import CORPUS, _timeline

# Written for this test: dated, no pledges, no withdrawal, no later than the sample corpus.
NEW = [
    RawArticle(
        file_name="registration-desk.txt",
        text="Voters queue in Tripoli\n\nElection officials said on Monday that voter "
        "registration had opened in Tripoli and Benghazi for the December vote.\n",
        published=date(2021, 11, 9),
    ),
    RawArticle(
        file_name="border-crossing.txt",
        text="Crossing reopens\n\nTunisian officials reopened the Ras Jedir border crossing "
        "with Libya on Tuesday after weeks of closure, the interior ministry said.\n",
        published=date(2021, 10, 20),
    ),
    RawArticle(
        file_name="registration-turnout.txt",
        text="Turnout at registration\n\nThousands of Libyans registered to vote on Monday "
        "as voter registration opened across the country, election officials said.\n",
        published=date(2021, 11, 10),
    ),
]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1)])
async def test_one_new_article_at_a_time_stores_what_linking_the_corpus_stores(
    engine: AsyncEngine, order: tuple[int, ...]
) -> None:
    corpus, problems = read_articles(expand_paths([CORPUS]))
    assert problems == []
    async with rolled_back_session(engine) as session:
        report = await ingest(session, [*corpus, *NEW])
        assert report.linked == "corpus"
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        linked = [(await ingest(session, [NEW[i]])).linked for i in order]
        one_by_one = await _timeline(session)
    assert linked == ["neighbourhood"] * 3
    assert len(bulk["events"]) == 24
    assert one_by_one == bulk


WITHDRAWAL = RawArticle(
    file_name="fighters-leave.txt",
    text="Fighters leave the east\n\nThe Libyan National Army withdrew the last foreign "
    "fighters from Benghazi on Wednesday, and all of them have now departed, it said.\n",
    published=date(2021, 6, 17),
)


async def test_a_new_withdrawal_rates_pledges_as_linking_the_corpus_does(
    engine: AsyncEngine,
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, WITHDRAWAL])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        before = await _timeline(session)
        report = await ingest(session, [WITHDRAWAL])
        one_by_one = await _timeline(session)
    assert report.linked == "neighbourhood"
    assert one_by_one["pledges"] != before["pledges"]
    assert one_by_one == bulk


# A second account of the same withdrawal, published the next day (written for this test).
ECHO = RawArticle(
    file_name="withdrawal-confirmed.txt",
    text="Fighters gone\n\nOfficials confirmed that the Libyan National Army withdrew the "
    "last foreign fighters from Benghazi on Wednesday.\n",
    published=date(2021, 6, 18),
)


async def test_a_new_mention_that_leaves_a_withdrawal_as_it_was_rerates_no_other_pledge(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, WITHDRAWAL, ECHO])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, WITHDRAWAL])
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [ECHO])
        one_by_one = await _timeline(session)
    assert report.linked == "neighbourhood"
    lines = [r.getMessage() for r in caplog.records if r.name == "seed.incremental"]
    assert lines == [
        "neighbourhood: 2 events (1 changed), 0 pledges, 4 stored articles",
        "withdrawals stored as before: no other pledge re-rated",
    ]
    assert one_by_one == bulk
    # The changed event is the withdrawal, told by both articles.
    told = [
        e[2]
        for e in bulk["events"]  # type: ignore[union-attr]
        if {"fighters-leave", "withdrawal-confirmed"} <= {q[0] for q in e[-1]}
    ]
    assert told == ["withdrawal"]


PLEDGED = RawArticle(
    file_name="fighters-plan.txt",
    text="Fighters leave the east\n\nThe Libyan National Army withdrew the last foreign "
    "fighters from Benghazi on Wednesday, and all of them have now departed, it said.\n",
    published=date(2021, 10, 28),
)


async def test_an_article_whose_withdrawal_rerates_stored_pledges_stores_what_the_corpus_does(
    engine: AsyncEngine,
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, PLEDGED])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        before = await _timeline(session)
        report = await ingest(session, [PLEDGED])
        one_by_one = await _timeline(session)
    assert report.linked == "neighbourhood"
    assert one_by_one["pledges"] != before["pledges"]
    assert one_by_one == bulk


async def _bulk(engine: AsyncEngine, article: RawArticle) -> dict[str, object]:
    """The timeline of the sample corpus and `article` ingested in one call."""
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, article])
        return await _timeline(session)


async def _after_an_undated_one(
    engine: AsyncEngine, undated: RawArticle, dated: RawArticle, caplog: pytest.LogCaptureFixture
) -> tuple[str, dict[str, object], dict[str, object]]:
    """How `dated` was linked when posted after `undated`, the timeline that left, and the
    timeline of both ingested in one call."""
    async with rolled_back_session(engine) as session:
        await ingest(session, [undated, dated])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, [undated])
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [dated])
        return report.linked, await _timeline(session), bulk


# Written for this test: it joins a stored meeting two stored pledges were made at.
TALKS = RawArticle(
    file_name="moscow-talks.txt",
    text="Talks in Moscow\n\nThe foreign ministers of Russia and Libya met for talks in Moscow "
    "on Thursday, the Russian foreign ministry said.\n",
    published=date(2021, 8, 20),
)


async def test_the_pledges_made_at_an_event_an_article_joins_are_linked_again_with_it(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    bulk = await _bulk(engine, TALKS)
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [TALKS])
        one_by_one = await _timeline(session)
    assert report.linked == "neighbourhood"
    lines = [r.getMessage() for r in caplog.records if r.name == "seed.incremental"]
    assert [line for line in lines if line.startswith("neighbourhood")] == [
        "neighbourhood: 1 events (1 changed), 2 pledges, 1 stored articles"
    ]
    assert one_by_one == bulk


LATEST = RawArticle(
    file_name="after-the-vote.txt",
    text="Counting delayed\n\nElection officials in Tripoli said on Monday that the count "
    "of the December vote had been postponed again.\n",
    published=date(2022, 1, 18),
)


async def _reasons(session: AsyncSession) -> list[str]:
    return sorted((await session.execute(select(Pledge.status_reason))).scalars())


async def test_an_article_newer_than_all_rates_every_pledge_as_of_its_day(
    engine: AsyncEngine,
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, LATEST])
        bulk, bulk_reasons = await _timeline(session), await _reasons(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        before = await _reasons(session)
        report = await ingest(session, [LATEST])
        one_by_one, reasons = await _timeline(session), await _reasons(session)
    assert report.linked == "neighbourhood"
    assert reasons != before
    assert reasons == bulk_reasons
    assert one_by_one == bulk


async def _without_reading(session: AsyncSession) -> set[tuple[object, ...]]:
    """Stored mentions with no member reading of their source's text."""
    sha = dict((await session.execute(select(Source.id, Source.sha256))).tuples().all())
    kept = {
        (source, kind, start, end, text)
        for source, kind, start, end, text, of_text in (
            await session.execute(
                select(
                    MemberReading.source_id,
                    MemberReading.kind,
                    MemberReading.char_start,
                    MemberReading.char_end,
                    MemberReading.date_text,
                    MemberReading.sha256,
                )
            )
        ).tuples()
        if sha[source] == of_text
    }
    mentions = await session.execute(
        select(
            Mention.source_id,
            Mention.event_id,
            Mention.char_start,
            Mention.char_end,
            Mention.date_text,
        )
    )
    return {
        (source, "event", start, end, text or "")
        if event is not None
        else (source, "pledge", start, end, "")
        for source, event, start, end, text in mentions.tuples()
    } - kept


async def test_each_stored_mention_keeps_its_reading_and_a_new_article_is_linked_from_them(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        assert await _without_reading(session) == set()
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [NEW[0]])
        assert report.linked == "neighbourhood"
        assert "whole readings" not in caplog.text
        assert await _without_reading(session) == set()


async def test_mentions_stored_without_their_readings_are_linked_from_their_sources(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, [*corpus, NEW[0]])
        bulk = await _timeline(session)
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        # As a corpus stored before mentions kept their readings.
        await session.execute(delete(MemberReading))
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [NEW[0]])
        one_by_one = await _timeline(session)
        # The touched events' mentions have their readings now, for the next new article.
        kept = await session.scalar(select(func.count()).select_from(MemberReading))
    assert report.linked == "neighbourhood"
    assert "whole readings" in caplog.text
    assert one_by_one == bulk
    assert kept


# Written for this test: an undated article that only the words of a dated one can date.
BRIDGE_UNDATED = RawArticle(
    file_name="bridge-undated.txt",
    text="Lorries cross again\n\nThe town council said on Sunday that the bridge linking "
    "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
)
BRIDGE_DATED = RawArticle(
    file_name="bridge-dated.txt",
    text="Bridge reopened\n\nThe river bridge between Ghadames and Nalut reopened to lorries "
    "yesterday after engineers repaired its cracked pillars.\n",
    published=date(2021, 3, 15),
)


async def test_a_dated_article_that_dates_a_stored_undated_one_by_words_links_the_corpus(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _after_an_undated_one(
        engine, BRIDGE_UNDATED, BRIDGE_DATED, caplog
    )
    assert linked == "corpus"
    assert "may date an undated one" in caplog.text
    assert one_by_one == bulk


# Written for this test: an undated statement of a person, and a dated article naming that
# person for another happening, of another weekday (it cannot date the statement).
KUBIS_UNDATED = RawArticle(
    file_name="port-undated.txt",
    text="Port to reopen\n\nJan Kubis said on Sunday that the harbour of Benghazi would reopen "
    "to grain ships after months of closure.\n",
)
KUBIS_DATED = RawArticle(
    file_name="envoy-in-cairo.txt",
    text="Envoy in Cairo\n\nJan Kubis met Egyptian officials in Cairo on Wednesday to discuss "
    "the monitoring mission.\n",
    published=date(2021, 3, 11),
)


async def test_a_dated_article_naming_a_person_of_a_stored_undated_one_keeps_to_its_neighbourhood(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _after_an_undated_one(
        engine, KUBIS_UNDATED, KUBIS_DATED, caplog
    )
    assert linked == "neighbourhood"
    assert "linking the whole corpus" not in caplog.text
    assert one_by_one == bulk


Rows = list[tuple[str, date, date]]


# Written for this test: an undated lead ("X said ...", the news of the last days), and a
# dated article telling that statement on its day, which dates the lead.
LEAD_UNDATED = RawArticle(
    file_name="harbour-undated.txt",
    text="Port deal\n\nJan Kubis said the harbour of Benghazi would reopen to grain ships after "
    "months of closure.\n",
)
LEAD_DATED = RawArticle(
    file_name="harbour-dated.txt",
    text="Port deal\n\nJan Kubis said on 9 March 2021 that the harbour of Benghazi would reopen "
    "to grain ships after months of closure.\n",
    published=date(2021, 3, 10),
)


async def test_a_dated_article_telling_what_a_stored_undated_lead_reports_links_the_corpus(
    engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    linked, one_by_one, bulk = await _after_an_undated_one(engine, LEAD_UNDATED, LEAD_DATED, caplog)
    assert linked == "corpus"
    assert "may date an undated one" in caplog.text
    # the lead: the day of the statement and the week after it
    published = {slug: (start, end) for slug, start, end in cast(Rows, bulk["published"])}
    assert published["harbour-undated"] == (date(2021, 3, 9), date(2021, 3, 16))
    assert one_by_one == bulk


# Written for these tests: each states a pledge; the first one a stored pledge of the sample
# corpus again (the same 300 mercenaries of the same army), the second a pledge of its own.
PLEDGED_AGAIN = RawArticle(
    file_name="first-group-leaves.txt",
    text="First group to leave\n\nThe Libyan National Army said on Thursday that a first group of "
    "300 foreign soldiers will leave the country within days, a spokesman told reporters.\n",
    published=date(2021, 11, 12),
)
PLEDGED_NEW = RawArticle(
    file_name="egypt-engineers.txt",
    text="Engineers for Sirte\n\nEgypt pledged on Monday to send 40 engineers to rebuild the "
    "coastal road near Sirte within two months, its foreign ministry said.\n",
    published=date(2021, 9, 13),
)


async def _mentions_of_pledges(session: AsyncSession) -> list[int]:
    counts = await session.execute(
        select(func.count(Mention.id))
        .where(Mention.pledge_id.is_not(None))
        .group_by(Mention.pledge_id)
    )
    return sorted(counts.scalars())


# Written for this test: a pledge of an actor who made others less than a month before, at a
# meeting this article does not tell (those pledges are linked again; the meeting is kept).
PLEDGED_LATER = RawArticle(
    file_name="instructors-leave.txt",
    text="Instructors to leave\n\nRussia pledged on Monday to withdraw 50 of its instructors from "
    "Libya within weeks, its embassy said.\n",
    published=date(2021, 9, 7),
)


@pytest.mark.parametrize(
    ("article", "pledge_mentions"),
    # The sample corpus stores 11 pledges, one told by two articles.
    [
        (PLEDGED_AGAIN, [1] * 9 + [2, 2]),
        (PLEDGED_NEW, [1] * 11 + [2]),
        (PLEDGED_LATER, [1] * 11 + [2]),
    ],
)
async def test_an_article_that_states_a_pledge_is_linked_with_its_neighbourhood(
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
    article: RawArticle,
    pledge_mentions: list[int],
) -> None:
    bulk = await _bulk(engine, article)
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        with caplog.at_level(logging.INFO, logger="seed.incremental"):
            report = await ingest(session, [article])
        one_by_one = await _timeline(session)
        counts = await _mentions_of_pledges(session)
    assert report.linked == "neighbourhood"
    assert "linking the whole corpus" not in caplog.text
    assert one_by_one == bulk
    assert counts == pledge_mentions


def _sample_paragraph(words: str) -> str:
    """The paragraph of the sample corpus that holds `words`."""
    for path in sorted(CORPUS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if words in paragraph:
                return paragraph
    raise LookupError(words)


# Written for these tests: paragraphs of a brief's own, so that a reprinted one is a small
# part of it (not a copy of a stored article).
OWN_TEXT = (
    "Traders in the port city complained about the price of flour, which has doubled since the "
    "spring, and about queues at the fuel stations along the coastal road.\n\n"
    "Shopkeepers said deliveries from the south arrived late most weeks because lorries waited "
    "for hours at the checkpoints outside the town before they were waved through."
)


# Written for these tests: more of a brief's own, where the paragraph it reprints is short.
MORE_OWN_TEXT = (
    "Fishermen at the harbour said the winter storms had kept most boats ashore for weeks, and "
    "that the price of diesel for their engines had risen again at the start of the month.\n\n"
    "Teachers at the secondary schools of the district asked the municipal council for new "
    "desks, books and heaters before the cold season, saying many classrooms had none left.\n\n"
    "Residents of several neighbourhoods went without running water for days after a pipe "
    "burst near the old market, and lorries brought drinking water to the main square.\n\n"
    "Doctors at the central clinic said that they had treated dozens of children for coughs "
    "and fevers since the autumn, and that the clinic still had no generator of its own."
)


def _reprint(file_name: str, own: str, words: str, more: str = "") -> RawArticle:
    """An article (written for these tests) of its own paragraphs and a stored one."""
    return RawArticle(
        file_name=file_name,
        text=f"Desk brief\n\n{own}\n\n{OWN_TEXT}\n\n{more}{_sample_paragraph(words)}\n",
        published=date(2021, 9, 14),
    )


# A pledge of its own beside a reprinted background paragraph; a reprinted paragraph that
# states a stored pledge.
OWN_PLEDGE_BESIDE_REPRINT = _reprint(
    "engineers-and-background.txt",
    "Egypt pledged on Monday to send 40 engineers to rebuild the coastal road near Sirte "
    "within two months, its foreign ministry said.",
    "nationality was not specified",
)
REPRINTED_PLEDGE = _reprint(
    "reprinted-pledge.txt",
    "Officials in Sirte said on Monday that the coastal road had reopened to traffic.",
    "called for all foreign mercenaries to be withdrawn within three months",
    MORE_OWN_TEXT + "\n\n",
)


@pytest.mark.parametrize(
    ("article", "stored"),
    [
        (OWN_PLEDGE_BESIDE_REPRINT, []),
        # The sample articles whose paragraphs (one near-duplicate group) state the pledge.
        (REPRINTED_PLEDGE, ["000-66f45b7b9eeb0478", "002-5d2d2b0a7552761f"]),
    ],
)
async def test_a_pledge_in_a_reprinted_paragraph_is_linked_with_the_stored_pledges_of_it(
    engine: AsyncEngine, article: RawArticle, stored: list[str]
) -> None:
    bulk = await _bulk(engine, article)
    corpus, _ = read_articles(expand_paths([CORPUS]))
    async with rolled_back_session(engine) as session:
        await ingest(session, corpus)
        # Both reprint a paragraph of a stored near-duplicate group.
        joined: dict[str, set[uuid.UUID]] = {}
        await fresh_origins(session, [extract_article(article, load_registry())], joined)
        report = await ingest(session, [article])
        one_by_one = await _timeline(session)
    assert len(joined) == 1
    assert report.linked == "neighbourhood"
    assert one_by_one == bulk
    # The reprinted pledge is one pledge with the stored one, quoted by their articles too.
    slug = slugify(article.file_name)
    pledges = cast(list[tuple[object, ...]], bulk["pledges"])
    quoting = [
        sorted({q[0] for q in quotes})
        for *_, quotes in pledges
        if any(q[0] == slug for q in cast(list[tuple[str, int, int]], quotes))
    ]
    assert quoting == [sorted([slug, *stored])]
