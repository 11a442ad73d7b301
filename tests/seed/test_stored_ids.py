"""Stored ids: stable across runs, unique by construction, deleted events stay deleted."""

from __future__ import annotations

import random
import uuid
from datetime import date

from db.ids import stable_id
from seed.extract.types import DateInterval, Mention, Quote, TimelineEvent, TimelinePledge
from seed.stored_ids import LIVE, assign_ids, split_deleted

DAY = DateInterval(date(2021, 3, 1), date(2021, 3, 1), "day")


def _mention(file_name: str, start: int) -> Mention:
    return Mention(file_name, Quote(start, start + 10, "x" * 10), None, f"o{start}")


def _event(key: str, *mentions: Mention) -> TimelineEvent:
    return TimelineEvent(key, key, key, "meeting", DAY, True, None, (), mentions)


def _source_of(m: Mention) -> uuid.UUID:
    return stable_id("source", m.file_name)


def _slug(file_name: str) -> str:
    return file_name


def test_a_new_event_never_takes_an_id_another_one_holds() -> None:
    """The id a new event would derive from its first quote already belongs to another one."""
    first, second = _mention("a", 0), _mention("a", 0)
    newcomer = _event("e2", second)
    derived = stable_id("event", "a", 0, 10, "e2")
    holder = _event("e1", first, _mention("b", 5))
    existing = {(_source_of(_mention("b", 5)), 5, 15, "event"): [derived]}
    ids = assign_ids([newcomer, holder], "event", existing, _source_of, _slug)
    assert ids["e1"] == derived
    assert ids["e2"] == stable_id("event", "a", 0, 10, "e2", 1)


def test_generated_collisions_still_give_one_id_per_event() -> None:
    rng = random.Random(11)
    for _ in range(200):
        events = [
            _event(
                f"e{i}",
                *{_mention(rng.choice("abc"), rng.randrange(4) * 20) for _ in range(3)},
            )
            for i in range(rng.randrange(2, 8))
        ]
        # Stored mentions point at ids other events would derive, or at ids they hold.
        pool = [
            stable_id("event", m.file_name, *_span(m), e.key) for e in events for m in e.mentions
        ]
        pool += [uuid.uuid4() for _ in range(3)]
        existing = {
            (_source_of(m), *_span(m), "event"): rng.sample(pool, rng.randrange(1, 3))
            for e in events
            for m in e.mentions
            if rng.random() < 0.5
        }
        ids = assign_ids(events, "event", existing, _source_of, _slug)
        assert len(set(ids.values())) == len(events)
        held = {t for ts in existing.values() for t in ts}
        for event in events:
            voted = {
                t
                for m in event.mentions
                for t in existing.get((_source_of(m), *_span(m), "event"), [])
            }
            assert ids[event.key] in voted or ids[event.key] not in held


def _span(m: Mention) -> tuple[int, int]:
    return m.quote.char_start, m.quote.char_end


def test_new_quotes_of_a_deleted_event_form_a_live_one() -> None:
    old, new = _mention("a", 0), _mention("b", 40)
    gone = uuid.uuid4()
    existing = {(_source_of(old), 0, 10, "event"): [gone]}
    pledge = TimelinePledge(
        "p1", "t", (), DAY, None, None, None, "not_yet_rated", "", (new,), event_key="e1"
    )
    events, pledges = split_deleted(
        [_event("e1", old, new)], [pledge], existing, {gone}, _source_of
    )
    assert [(e.key, e.mentions) for e in events] == [("e1", (old,)), ("e1" + LIVE, (new,))]
    assert [p.event_key for p in pledges] == ["e1" + LIVE]
    ids = assign_ids(events, "event", existing, _source_of, _slug)
    assert ids["e1"] == gone
    assert ids["e1" + LIVE] != gone


def test_an_event_only_its_deleted_quotes_tell_stays_whole() -> None:
    old = _mention("a", 0)
    gone = uuid.uuid4()
    existing = {(_source_of(old), 0, 10, "event"): [gone]}
    events, _ = split_deleted([_event("e1", old)], [], existing, {gone}, _source_of)
    assert [(e.key, e.mentions) for e in events] == [("e1", (old,))]
