"""A ruler's fall told without its year takes the year the registry ends the ruler's rule."""

from __future__ import annotations

from datetime import date

from seed.extract.falls import fall_hit
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _fall(text: str) -> tuple[str, str] | None:
    hit = fall_hit(text, REGISTRY.find(text), REGISTRY)
    if hit is None:
        return None
    return text[hit.start : hit.end], hit.interval.start.isoformat()


def test_the_overthrow_of_a_ruler_is_dated_by_the_end_of_his_rule() -> None:
    text = (
        "The country has known little peace since the toppling of longtime ruler Moammar Gadhafi."
    )
    assert _fall(text) == ("toppling of longtime ruler Moammar Gadhafi", "2011-01-01")
    verb = "Chaos followed when rebels overthrew Gadhafi."
    assert _fall(verb) == ("overthrew Gadhafi", "2011-01-01")


def test_an_envoy_resigning_or_a_ruler_named_otherwise_is_no_fall() -> None:
    assert _fall("The talks stalled after the resignation of envoy Jan Kubis.") is None
    assert _fall("A son of Moammar Gadhafi registered as a candidate.") is None


def test_a_sentence_dated_otherwise_still_tells_the_fall() -> None:
    text = (
        "Cabinet sworn in\n"
        "The cabinet, approved last week, is the best hope for calm since a popular uprising "
        "toppled Moammar Gadhafi.\n"
    )
    article = RawArticle("a.txt", text, published=date(2021, 3, 15))
    events = build_timeline([article], REGISTRY).events
    assert sorted((e.date.start.isoformat(), e.date.precision, e.type) for e in events) == [
        ("2011-01-01", "year", "political"),
        ("2021-03-08", "week", "political"),
    ]


def test_a_fall_told_beside_another_act_of_its_year_is_a_happening_of_its_own() -> None:
    text = (
        "Assets frozen\n"
        "The council froze the central bank's foreign assets in 2011 amid a revolt that toppled "
        "Moammar Gadhafi.\n"
    )
    article = RawArticle("a.txt", text, published=date(2021, 3, 15))
    events = build_timeline([article], REGISTRY).events
    assert sorted((e.date.start.isoformat(), e.date.precision, e.title) for e in events) == [
        ("2011-01-01", "year", "A revolt toppled Moammar Gadhafi"),
        (
            "2011-01-01",
            "year",
            "The council froze the central bank's foreign assets in 2011 amid a revolt that "
            "toppled Moammar Gadhafi",
        ),
    ]


def test_a_dated_uprising_that_toppled_the_ruler_is_the_fall_itself() -> None:
    text = (
        "Years of strife\n"
        "Militias have multiplied since the 2011 revolt that toppled Moammar Gadhafi.\n"
    )
    article = RawArticle("a.txt", text, published=date(2021, 3, 15))
    events = build_timeline([article], REGISTRY).events
    assert [(e.date.start.isoformat(), e.date.precision) for e in events] == [
        ("2011-01-01", "year")
    ]
