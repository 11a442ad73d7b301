"""The shared armed-force nouns, as each reader that uses them sees them."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.dates import find_dates
from seed.extract.deadlines import Quantity, quantity_in
from seed.extract.events import event_type
from seed.extract.lexicon import ARMED_FORCES, FIGHTERS, LED_FORCES, alternation
from seed.extract.predicates import predicate_type
from seed.extract.types import DateInterval


def test_the_lists_nest_and_join_into_one_alternation() -> None:
    assert set(FIGHTERS) < set(ARMED_FORCES)
    assert set(LED_FORCES) <= set(ARMED_FORCES)
    assert alternation(("a", "b"), ("c",)) == "a|b|c"


@pytest.mark.parametrize("noun", ["contingent", "personnel", "units", "militia"])
def test_any_armed_force_that_leaves_is_a_withdrawal(noun: str) -> None:
    clause = f"The last {noun} left the port town on Friday."
    start = clause.index("on Friday")
    assert predicate_type(clause, start, start + 9, event_type) == "withdrawal"


def test_a_person_who_leaves_is_not_a_withdrawal() -> None:
    clause = "The minister left the port town on Friday."
    start = clause.index("on Friday")
    assert predicate_type(clause, start, start + 9, event_type) != "withdrawal"


@pytest.mark.parametrize("noun", ["troops", "personnel", "combatants", "militiamen"])
def test_fighters_are_counted(noun: str) -> None:
    assert quantity_in(f"about 450 {noun} crossed the border") == Quantity(450, noun)


@pytest.mark.parametrize("noun", ["soldiers", "personnel", "combatants"])
def test_a_year_shaped_count_of_fighters_is_not_a_year(noun: str) -> None:
    day = date(2024, 3, 5)
    assert find_dates(f"It sent 2010 {noun} north.", DateInterval(day, day, "day")) == ()
