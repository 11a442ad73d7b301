"""The days an event's mentions' dates cover (`seed.link.keys.member_dates`): what a new
quote's date must overlap for the event to be in its neighbourhood."""

from __future__ import annotations

from datetime import date

from seed.extract.events import Candidate
from seed.extract.types import ActorLink, DateInterval, Mention, Quote, TimelineEvent
from seed.link.keys import event_blocks, member_dates, member_key


def _interval(start: date, end: date) -> DateInterval:
    return DateInterval(start, end, "day" if start == end else "month")


def _candidate(name: str, start: int, when: DateInterval) -> Candidate:
    return Candidate(
        file_name=name,
        sentence_index=0,
        paragraph=0,
        quote_start=start,
        quote_end=start + 20,
        quote="Talks resumed in town",
        date=when,
        date_text="in March",
        date_kind="text",
        type="meeting",
        title="Talks resumed",
        summary="Talks resumed",
        actors=[],
        location=None,
        tokens=frozenset({"talks"}),
    )


def test_the_days_of_the_event_and_its_mentions_as_disjoint_intervals() -> None:
    own = _interval(date(2024, 3, 12), date(2024, 3, 12))
    members = [
        _candidate("a.txt", 0, own),
        _candidate("b.txt", 10, _interval(date(2024, 3, 1), date(2024, 3, 31))),
        _candidate("c.txt", 30, _interval(date(2024, 3, 25), date(2024, 4, 5))),
        _candidate("d.txt", 50, _interval(date(2025, 3, 1), date(2025, 3, 31))),
    ]
    event = TimelineEvent(
        key="e1",
        title="Talks resumed",
        summary="Talks resumed",
        type="meeting",
        date=own,
        date_resolved=True,
        location=None,
        actors=(),
        mentions=tuple(
            Mention(c.file_name, Quote(c.quote_start, c.quote_end, c.quote), c.date_text, "o")
            for c in members
        ),
    )
    found = {member_key(c.file_name, c.quote_start, c.quote_end, c.date_text): c for c in members}

    assert member_dates(event, found) == [
        (date(2024, 3, 1), date(2024, 4, 5)),
        (date(2025, 3, 1), date(2025, 3, 31)),
    ]


def test_an_event_is_indexed_under_the_months_of_its_narrowest_mentions() -> None:
    # Two reports allow 30 April..1 May and 1..2 May: the event is dated 1 May, but the merge
    # step compares it through the first one's dates, April included.
    members = [
        _candidate("a.txt", 0, DateInterval(date(2024, 4, 30), date(2024, 5, 1), "range")),
        _candidate("b.txt", 10, DateInterval(date(2024, 5, 1), date(2024, 5, 2), "range")),
    ]
    event = TimelineEvent(
        key="e1",
        title="Talks resumed",
        summary="Talks resumed",
        type="meeting",
        date=DateInterval(date(2024, 5, 1), date(2024, 5, 1), "day"),
        date_resolved=True,
        location=None,
        actors=(ActorLink("jmc", "participant"),),
        mentions=tuple(
            Mention(c.file_name, Quote(c.quote_start, c.quote_end, c.quote), c.date_text, "o")
            for c in members
        ),
    )
    found = {member_key(c.file_name, c.quote_start, c.quote_end, c.date_text): c for c in members}
    blocks = event_blocks(event, found, lambda key: {key}, None)
    assert blocks == [f"{2024 * 12 + 4}:a:jmc", f"{2024 * 12 + 5}:a:jmc"]
