"""Member readings (`seed.link.members`): what the merge step read of each mention, kept per
mention, and the readings rebuilt from them for an incremental linking."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.registry import Registry, load_registry
from seed.extract.types import DateInterval, PublicationDate, RawArticle, Timeline
from seed.link.members import (
    EVENT,
    PLEDGE,
    StoredSource,
    as_decoded,
    member_payloads,
    stand_ins,
)
from seed.link.timeline import link_timeline

# Written for this test: a pledge made on Monday, a meeting, and a background statement.
PORT = RawArticle(
    "port.txt",
    "Port talks\n\nThe Libyan National Army said on Monday that it will withdraw 200 fighters "
    "from the port of Sirte by June 30.\n\nTurkish officials met their Italian counterparts in "
    "Ankara on Tuesday to discuss the port.\n\nIn March, the army said it had left two bases.\n",
    published=date(2021, 5, 5),
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _linked(registry: Registry) -> tuple[ArticleExtraction, Timeline]:
    reading = extract_article(PORT, registry)
    return reading, link_timeline([reading], registry, today=date(2021, 5, 6))


def test_each_mention_keeps_the_candidates_read_with_its_offsets_and_date(
    registry: Registry,
) -> None:
    _, timeline = _linked(registry)

    payloads = member_payloads(timeline.readings, timeline.events, timeline.pledges)

    assert sorted(payloads) == [
        ("port.txt", EVENT, 12, 121, "June 30"),
        ("port.txt", EVENT, 12, 121, "on Monday"),
        ("port.txt", EVENT, 123, 213, "on Tuesday"),
        ("port.txt", EVENT, 215, 261, "In March"),
        ("port.txt", PLEDGE, 12, 121, ""),
    ]
    assert member_payloads(timeline.readings, timeline.events, timeline.pledges, set()) == {}


def test_a_rebuilt_reading_holds_the_given_mentions_in_their_reading_order(
    registry: Registry,
) -> None:
    reading, timeline = _linked(registry)
    payloads = member_payloads(timeline.readings, timeline.events, timeline.pledges)
    assert reading.publication is not None
    source = StoredSource("port.txt", "sha", reading.publication)
    # The meeting's and the statement's mentions, given last first, and the pledge.
    given = [
        ("port.txt", EVENT, 215, 261, "In March"),
        ("port.txt", EVENT, 123, 213, "on Tuesday"),
        ("port.txt", EVENT, 12, 121, "on Monday"),
        ("port.txt", PLEDGE, 12, 121, ""),
    ]

    (rebuilt,) = stand_ins([source], [(k[0], k[1], payloads[k]) for k in given])

    assert [(c.quote_start, c.date_text) for c in rebuilt.candidates] == [
        (12, "on Monday"),
        (123, "on Tuesday"),
        (215, "In March"),
    ]
    assert rebuilt.candidates == [reading.candidates[i] for i in (0, 2, 3)]
    assert rebuilt.pledges == reading.pledges
    assert rebuilt.publication == reading.publication
    assert rebuilt.parsed.raw.text == ""


def test_a_rebuilt_pledge_points_at_the_very_candidate_it_was_made_at(
    registry: Registry,
) -> None:
    reading, timeline = _linked(registry)
    payloads = member_payloads(timeline.readings, timeline.events, timeline.pledges)
    assert reading.publication is not None
    source = StoredSource("port.txt", "sha", reading.publication)

    (rebuilt,) = stand_ins([source], [(k[0], k[1], v) for k, v in payloads.items()])

    (pledge,) = rebuilt.pledges
    assert pledge.event is rebuilt.candidates[0]
    assert rebuilt.candidates[0].date_text == "on Monday"
    # Linked again, the pledge is made at the same event as in the first linking.
    again = link_timeline([rebuilt], registry, today=date(2021, 5, 6))
    assert [p.event_key for p in again.pledges] == [p.event_key for p in timeline.pledges]
    assert [e.key for e in again.events] == [e.key for e in timeline.events]


def test_stand_ins_linked_once_are_put_back_as_decoded(registry: Registry) -> None:
    reading, timeline = _linked(registry)
    payloads = member_payloads(timeline.readings, timeline.events, timeline.pledges)
    assert reading.publication is not None
    source = StoredSource("port.txt", "sha", reading.publication)
    given = [(k[0], k[1], v) for k, v in payloads.items()]
    (rebuilt,) = stand_ins([source], given)
    restore = as_decoded([rebuilt])
    # What a linking may write on them: groups of paragraphs, another year for a day.
    first, pledge = rebuilt.candidates[0], rebuilt.pledges[0]
    first.origins = ("elsewhere",)
    first.date = DateInterval(date(2020, 5, 3), date(2020, 5, 3), "day")
    pledge.origins = ("elsewhere",)
    pledge.event = None

    restore()

    (decoded,) = stand_ins([source], given)
    assert rebuilt.candidates == decoded.candidates
    assert rebuilt.pledges[0].origins == decoded.pledges[0].origins
    assert rebuilt.pledges[0].event is first
    # Linked again, the same timeline as stand-ins decoded afresh give.
    again = link_timeline([rebuilt], registry, today=date(2021, 5, 6))
    fresh = link_timeline([decoded], registry, today=date(2021, 5, 6))
    assert again.events == fresh.events
    assert again.pledges == fresh.pledges


def test_a_stored_source_pickles_as_plain_values_and_back_equal() -> None:
    publication = PublicationDate(
        DateInterval(date(2021, 3, 1), date(2021, 3, 7), "range"), False, "inferred"
    )
    source = StoredSource("port.txt", "ab" * 32, publication)

    payload = pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL)

    assert pickle.loads(payload) == source
    assert b"PublicationDate" not in payload
