"""The anchor index chooses, without valuing every anchor, what valuing every one chooses."""

from __future__ import annotations

import random
from datetime import date, timedelta

from seed.extract.types import DateInterval
from seed.link.anchors import Anchor, AnchorIndex

WORDS = ["truce", "talks", "convoy", "border", "troops", "vote", "envoy", "port", "oil", "court"]
PERSONS = ["ana", "ben", "cy"]


def _index(rng: random.Random) -> AnchorIndex:
    buckets: dict[tuple[str, int], dict[tuple[object, ...], Anchor]] = {}
    for n in range(60):
        day = date(2021, 1, 1) + timedelta(days=rng.randint(0, 40))
        persons = frozenset(rng.sample(PERSONS, rng.randint(1, 2)))
        anchor = Anchor(
            f"file-{rng.randint(0, 9)}.txt",
            DateInterval(day, day, "day"),
            rng.choice(["statement", "meeting"]),
            persons,
            frozenset(rng.sample(WORDS, rng.randint(1, 6))),
        )
        identity = (anchor.date, anchor.type, anchor.persons, anchor.words, n)
        for person in persons:
            buckets.setdefault((person, day.weekday()), {})[identity] = anchor
    return AnchorIndex(buckets)


def _by_going_through_all(
    index: AnchorIndex, persons: set[str], words: frozenset[str], value: object
) -> Anchor | None:
    best: tuple[float, str, Anchor] | None = None
    for anchor in index.candidates(persons, None):
        worth = value(anchor)  # type: ignore[operator]
        if worth is not None and (best is None or (worth, anchor.file_name) > best[:2]):
            best = (worth, anchor.file_name, anchor)
    return best[2] if best else None


def _one_case(rng: random.Random) -> None:
    index = _index(rng)
    persons = set(rng.sample(PERSONS, rng.randint(1, 3)))
    words = frozenset(rng.sample(WORDS, rng.randint(1, 7)))
    wanted_type = rng.choice(["statement", "meeting"])

    def value(anchor: Anchor) -> float | None:
        shared = len(words & anchor.words)
        if shared < 2 or anchor.type != wanted_type:
            return None
        return len(persons & anchor.persons) + shared / 5

    chosen = index.best(persons, None, words, value)
    assert chosen is _by_going_through_all(index, persons, words, value)


def test_best_is_the_choice_of_valuing_every_anchor() -> None:
    rng = random.Random(3)
    for _ in range(200):
        _one_case(rng)


def test_nothing_fits_nothing_chosen() -> None:
    index = _index(random.Random(5))
    assert index.best({"ana"}, None, frozenset({"truce"}), lambda anchor: None) is None
