"""Stored ids: derived from content (not arrival order), unique by construction, pinned events
(edited or deleted) keep theirs, deleted events stay deleted."""

from __future__ import annotations

import random
import uuid
from datetime import date

from db.ids import stable_id
from seed.extract.types import DateInterval, Mention, Quote, TimelineEvent, TimelinePledge
from seed.stored_ids import LIVE, assign_ids, content_id, split_deleted

DAY = DateInterval(date(2021, 3, 1), date(2021, 3, 1), "day")
# Publication day of each test source: "b" was published before "a" and "c".
PUBLISHED = {"a": "2021-03-02", "b": "2021-03-01", "c": "2021-03-02"}


def _mention(file_name: str, start: int) -> Mention:
    return Mention(file_name, Quote(start, start + 10, "x" * 10), None, f"o{start}")


def _event(key: str, *mentions: Mention) -> TimelineEvent:
    return TimelineEvent(key, key, key, "meeting", DAY, True, None, (), mentions)


def _source_of(m: Mention) -> uuid.UUID:
    return stable_id("source", m.file_name)


def _order_of(m: Mention) -> tuple[str, str, int, int, str]:
    return (PUBLISHED[m.file_name], "sha-" + m.file_name, *_span(m), m.date_text or "")


def _span(m: Mention) -> tuple[int, int]:
    return m.quote.char_start, m.quote.char_end


def test_an_id_follows_from_the_earliest_published_mention() -> None:
    event = _event("e1", _mention("a", 0), _mention("b", 40))
    ids = assign_ids([event], "event", {}, _source_of, _order_of)
    assert ids == {"e1": stable_id("event", "sha-b", 40, 50, "")}


def test_the_id_does_not_depend_on_the_key_or_on_stored_unpinned_ids() -> None:
    old = uuid.uuid4()
    m = _mention("a", 0)
    existing = {(_source_of(m), 0, 10, "event"): [old]}
    one = assign_ids([_event("k1", m)], "event", existing, _source_of, _order_of)
    other = assign_ids([_event("k2", m)], "event", {}, _source_of, _order_of)
    assert one["k1"] == other["k2"] == content_id("event", _order_of(m))
    assert one["k1"] != old


def test_an_edited_event_keeps_its_id() -> None:
    edited = uuid.uuid4()
    first, second = _mention("b", 0), _mention("a", 20)
    existing = {(_source_of(second), 20, 30, "event"): [edited]}
    ids = assign_ids(
        [_event("e1", first, second)], "event", existing, _source_of, _order_of, pinned={edited}
    )
    assert ids == {"e1": edited}


def test_a_new_event_never_takes_a_pinned_or_reserved_id() -> None:
    m = _mention("a", 0)
    derived = content_id("event", _order_of(m))
    ids = assign_ids([_event("e1", m)], "event", {}, _source_of, _order_of, pinned={derived})
    assert ids == {"e1": content_id("event", _order_of(m), 1)}
    ids = assign_ids([_event("e1", m)], "event", {}, _source_of, _order_of, reserved={derived})
    assert ids == {"e1": content_id("event", _order_of(m), 1)}


def test_two_events_with_one_first_mention_get_two_ids_in_any_order() -> None:
    shared = _mention("a", 0)
    events = [_event("e1", shared), _event("e2", shared, _mention("c", 5))]
    forward = assign_ids(events, "event", {}, _source_of, _order_of)
    backward = assign_ids(events[::-1], "event", {}, _source_of, _order_of)
    assert forward == backward
    assert sorted(forward.values()) == sorted(
        [content_id("event", _order_of(shared)), content_id("event", _order_of(shared), 1)]
    )


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
        pool = [content_id("event", _order_of(m)) for e in events for m in e.mentions]
        pool += [uuid.uuid4() for _ in range(3)]
        existing = {
            (_source_of(m), *_span(m), "event"): rng.sample(pool, rng.randrange(1, 3))
            for e in events
            for m in e.mentions
            if rng.random() < 0.5
        }
        pinned = set(rng.sample(pool, 2))
        reserved = {rng.choice(pool)}
        ids = assign_ids(
            events, "event", existing, _source_of, _order_of, pinned=pinned, reserved=reserved
        )
        assert len(set(ids.values())) == len(events)
        for event in events:
            voted = {
                t
                for m in event.mentions
                for t in existing.get((_source_of(m), *_span(m), "event"), [])
            }
            assert ids[event.key] in voted & pinned or ids[event.key] not in pinned | reserved


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
    ids = assign_ids(events, "event", existing, _source_of, _order_of, pinned={gone})
    assert ids == {"e1": gone, "e1" + LIVE: content_id("event", _order_of(new))}


def test_an_event_only_its_deleted_quotes_tell_stays_whole() -> None:
    old = _mention("a", 0)
    gone = uuid.uuid4()
    existing = {(_source_of(old), 0, 10, "event"): [gone]}
    events, _ = split_deleted([_event("e1", old)], [], existing, {gone}, _source_of)
    assert [(e.key, e.mentions) for e in events] == [("e1", (old,))]
