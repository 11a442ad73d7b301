"""Which sentences commit someone to something, and to what deadline."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _pledges(sentence: str) -> list[tuple[list[str], DateInterval | None]]:
    article = RawArticle("a.txt", f"Libya\n\n{sentence}\n", published=date(2021, 1, 22))
    return [
        ([a.actor_key for a in p.actors], p.deadline)
        for p in build_timeline([article], REGISTRY).pledges
    ]


def test_an_obligation_an_agreement_set_is_a_pledge_with_its_deadline() -> None:
    ((_, deadline),) = _pledges(
        "Under the Oct. 23 agreement, all foreign forces were to leave the country within three "
        "months."
    )
    assert deadline == DateInterval(date(2021, 1, 23), date(2021, 1, 23), "day")


def test_a_reported_commitment_to_withdraw_is_a_pledge_of_whoever_made_it() -> None:
    ((actors, deadline),) = _pledges(
        "Turkey said it would withdraw its troops if the Libyan government asked it to."
    )
    assert (actors[0], deadline) == ("turkey", None)


def test_a_demand_that_others_leave_is_not_a_pledge() -> None:
    assert _pledges("Blinken said Russian mercenaries must leave Libya.") == []
