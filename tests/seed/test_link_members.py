"""Which touched events linking a neighbourhood changes (`seed.link_members`): only the pledges
made at those are linked again, and only those events are stored again."""

from __future__ import annotations

import uuid
from datetime import date

from seed.extract.types import (
    DateInterval,
    Mention,
    Quote,
    Timeline,
    TimelineEvent,
    TimelinePledge,
)
from seed.link_members import StoredNeighbourhood, _rewritten, _unchanged

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
    assert _rewritten(timeline, {"a": KEPT}) == {"a": KEPT}


def test_an_unchanged_event_a_linked_pledge_was_made_at_is_stored_with_it() -> None:
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

    assert _rewritten(timeline, {"a": KEPT, "b": GROWN, "c": ONE}) == {"c": ONE}
