"""Frozen dataclasses of an extraction pickle as a call of their class (`seed.extract.pickled`)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date

import pytest

from seed.extract.pickled import by_fields
from seed.extract.types import DateInterval, PublicationDate


@by_fields
@dataclass(frozen=True, slots=True)
class _One:
    value: str


def test_a_date_comes_back_equal_and_frozen() -> None:
    when = PublicationDate(
        DateInterval(date(2020, 10, 23), date(2020, 10, 24), "range"), True, "stated"
    )

    back = pickle.loads(pickle.dumps(when, protocol=pickle.HIGHEST_PROTOCOL))

    assert back == when
    assert back.interval.end == date(2020, 10, 24)
    with pytest.raises(AttributeError):
        back.interval.start = date(2021, 1, 1)  # type: ignore[misc]


def test_a_class_of_one_field_pickles_its_value() -> None:
    assert pickle.loads(pickle.dumps(_One("ceasefire"))) == _One("ceasefire")
    assert _One("x").__reduce__() == (_One, ("x",))


def test_it_pickles_as_its_constructor_call() -> None:
    when = DateInterval(date(2021, 1, 4), date(2021, 1, 4), "day")

    assert when.__reduce__() == (DateInterval, (date(2021, 1, 4), date(2021, 1, 4), "day"))
