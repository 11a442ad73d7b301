"""Which touched events linking a neighbourhood changes (`seed.link_members`): only the pledges
made at those are linked again, and only those events are stored again."""

from __future__ import annotations

import uuid
from datetime import date
from functools import lru_cache
from typing import Any

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.registry import load_registry
from seed.extract.types import (
    DateInterval,
    Mention,
    Quote,
    RawArticle,
    Timeline,
    TimelineEvent,
    TimelinePledge,
)
from seed.link.members import StoredSource, decode_member, member_payloads
from seed.link.timeline import link_timeline
from seed.link_members import (
    LinkedNeighbourhood,
    StoredNeighbourhood,
    StoredReadings,
    _referred,
    _unchanged,
    link_neighbourhood,
)

DAY = DateInterval(date(2024, 5, 6), date(2024, 5, 6), "day")
KEPT, GROWN = uuid.uuid4(), uuid.uuid4()
ONE, TWO = uuid.uuid4(), uuid.uuid4()


def _stored(*rows: tuple[uuid.UUID, str, int, int, str | None]) -> StoredNeighbourhood:
    events: dict[uuid.UUID, set[tuple[str, int, int, str]]] = {}
    for event, name, start, end, text in rows:
        events.setdefault(event, set()).add((name, start, end, text or ""))
    return StoredNeighbourhood({e: frozenset(m) for e, m in events.items()}, {})


def _event(key: str, *mentions: tuple[str, int, int, str | None]) -> TimelineEvent:
    return TimelineEvent(
        key=key,
        title="Convoy left the port",
        summary="Convoy left the port",
        type="withdrawal",
        date=DAY,
        date_resolved=True,
        location=None,
        actors=(),
        mentions=tuple(
            Mention(name, Quote(start, end, "Convoy left the port"), text, "o")
            for name, start, end, text in mentions
        ),
    )


def test_an_event_split_in_two_is_changed() -> None:
    stored = _stored((KEPT, "one.txt", 0, 20, None), (KEPT, "two.txt", 5, 25, None))
    timeline = Timeline(
        events=[_event("a", ("one.txt", 0, 20, None)), _event("b", ("two.txt", 5, 25, None))]
    )

    assert _unchanged(timeline, stored) == {}


def test_only_an_event_linked_back_to_exactly_its_stored_mentions_is_not_stored_again() -> None:
    stored = _stored(
        (KEPT, "one.txt", 0, 20, None),
        (KEPT, "two.txt", 5, 25, "on Monday"),
        (GROWN, "one.txt", 40, 60, "on Monday"),
    )
    timeline = Timeline(
        events=[
            _event("a", ("one.txt", 0, 20, None), ("two.txt", 5, 25, "on Monday")),
            _event("b", ("one.txt", 40, 60, "on Monday"), ("new.txt", 0, 18, "on Monday")),
        ]
    )

    # the grown event ("b", a new mention) is changed
    assert _unchanged(timeline, stored) == {"a": KEPT}
    assert _referred(timeline, {"a": KEPT}) == {}


def test_an_unchanged_event_a_linked_pledge_refers_to_is_kept_as_stored_for_its_id() -> None:
    pledge = TimelinePledge(
        key="p",
        text="Convoy will leave the port",
        actors=(),
        made=DAY,
        deadline=None,
        quantity=None,
        unit=None,
        status="not_yet_rated",
        status_reason="",
        mentions=(),
        event_key="a",
        evidence=(("b", "progress"),),
    )
    timeline = Timeline(events=[], pledges=[pledge])

    assert _referred(timeline, {"a": KEPT, "b": GROWN, "c": ONE}) == {"a": KEPT, "b": GROWN}


# Written for this test: a summit told with its year, then as background with a day and no
# year, and a new article telling it again.
STORED = [
    RawArticle(
        "summit-year.txt",
        "Trade talks\n\nIn 2019, Egypt and Tunisia held a summit on customs posts, desert "
        "trade routes and grain convoys.\n",
        published=date(2022, 5, 3),
    ),
    RawArticle(
        "summit-day.txt",
        "Convoys resume\n\nOn September 12, Egypt and Tunisia held a summit in Cairo about "
        "customs posts, desert trade routes and grain convoys.\n",
        published=date(2022, 2, 24),
    ),
]
NEW = RawArticle(
    "summit-new.txt",
    "Customs\n\nOn September 12, Egypt and Tunisia held a summit in Cairo on customs posts "
    "and desert trade routes, officials recalled on Monday.\n",
    published=date(2022, 6, 8),
)


def _neighbourhood() -> tuple[StoredReadings, dict[str, set[tuple[object, ...]]], Any, Any]:
    """The stored articles as an incremental linking reads them: their mentions' readings,
    every stored event touched."""
    registry = load_registry()
    linked = link_timeline(
        [extract_article(a, registry) for a in STORED], registry, today=date(2022, 6, 9)
    )
    payloads = member_payloads(linked.readings, linked.events, linked.pledges)
    sources = [StoredSource(s.file_name, s.sha256, s.publication) for s in linked.sources]
    keep: dict[str, set[tuple[object, ...]]] = {}
    origins: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}
    for reading in linked.readings:
        for c in reading.candidates:
            keep.setdefault(c.file_name, set()).add((c.quote_start, c.quote_end, c.date_text or ""))
            # Groups renamed since the readings were kept: linking gives the quotes these.
            origins.setdefault(c.file_name, {})[(c.quote_start, c.quote_end)] = ("renamed",)
    events = {
        uuid.uuid4(): frozenset(
            (m.file_name, m.quote.char_start, m.quote.char_end, m.date_text or "")
            for m in e.mentions
        )
        for e in linked.events
    }
    stored = StoredReadings(sources, [(k[0], k[1], v) for k, v in payloads.items()])
    return stored, keep, origins, StoredNeighbourhood(events, {})


def _outcome(linked: LinkedNeighbourhood) -> tuple[object, ...]:
    return (linked.timeline.events, linked.timeline.pledges, sorted(linked.same.values()))


def test_readings_decoded_for_an_earlier_linking_link_as_if_decoded_afresh() -> None:
    registry = load_registry()
    stored, keep, origins, touched = _neighbourhood()
    fresh: list[ArticleExtraction] = [extract_article(NEW, registry)]
    afresh = link_neighbourhood(stored, fresh, registry, keep, origins, touched)
    kept = lru_cache(maxsize=None)(decode_member)

    first = link_neighbourhood(stored, fresh, registry, keep, origins, touched, kept)
    again = link_neighbourhood(stored, fresh, registry, keep, origins, touched, kept)

    assert kept.cache_info().hits == len(stored.payloads)
    assert _outcome(first) == _outcome(again) == _outcome(afresh)
    assert {m.origin for e in first.timeline.events for m in e.mentions} >= {"renamed"}
    # The kept readings are as decoded, not as the linkings annotated them.
    for _, _, payload in stored.payloads:
        assert kept(payload) == decode_member(payload)
