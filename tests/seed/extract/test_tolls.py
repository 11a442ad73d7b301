"""A casualty toll in the present perfect is a report of the day it is told."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _events(body: str) -> list[tuple[str, str, str]]:
    article = RawArticle("a.txt", "Fighting near the port\n" + body, published=date(2022, 5, 4))
    return sorted(
        (e.date.start.isoformat(), e.date.end.isoformat(), e.type)
        for e in build_timeline([article], REGISTRY).events
    )


def test_a_toll_standing_on_the_day_of_the_report_is_a_report_of_that_day() -> None:
    body = "More than 40 civilians have been killed and hundreds displaced in the port city.\n"
    assert _events(body) == [("2022-05-04", "2022-05-04", "report")]


def test_a_count_told_in_the_past_or_without_a_count_is_no_toll() -> None:
    lead = "The army retook the port on Monday.\n"
    monday = ("2022-05-02", "2022-05-02", "military")
    assert _events(lead + "The clashes killed 12 fighters near the port.\n") == [monday]
    assert _events(lead + "Many people have been killed, the residents fear.\n") == [monday]
