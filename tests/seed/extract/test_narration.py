"""A chronicle told in the historical present dates its undated steps by the day before."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()


def _read(text: str) -> list[tuple[str, str, str, str, str]]:
    article = RawArticle("a.txt", text, published=date(2021, 6, 12))
    return [
        (c.quote, c.date.start.isoformat(), c.date.precision, c.date_kind, c.type)
        for c in extract_article(article, REGISTRY).candidates
    ]


def test_an_undated_step_of_a_chronicle_takes_the_day_named_before_it() -> None:
    text = (
        "Ten days of fighting\n"
        "Here is how it unfolded:\n"
        "On June 2, rebels seize the airport of the port city.\n"
        "The navy shells rebel positions along the coast.\n"
        "As the fighting spreads, the UN calls for a pause to evacuate the wounded.\n"
        "On June 5, loyalists seize the harbour.\n"
    )
    assert _read(text) == [
        (
            "On June 2, rebels seize the airport of the port city.",
            "2021-06-02",
            "day",
            "day",
            "military",
        ),
        (
            "The navy shells rebel positions along the coast.",
            "2021-06-02",
            "day",
            "chained",
            "military",
        ),
        (
            "As the fighting spreads, the UN calls for a pause to evacuate the wounded.",
            "2021-06-02",
            "day",
            "chained",
            "statement",
        ),
        ("On June 5, loyalists seize the harbour.", "2021-06-05", "day", "day", "military"),
    ]


def test_a_report_in_the_past_leaves_a_sentence_in_the_present_undated() -> None:
    text = (
        "Talks in Geneva\n"
        "Delegates of both camps met in Geneva on June 2.\n"
        "The government says the talks may resume soon.\n"
    )
    # no step of the chronicle: only the government's statement of the report's days
    assert [(q, start, kind) for q, start, _, kind, _ in _read(text)] == [
        ("Delegates of both camps met in Geneva on June 2.", "2021-06-02", "day"),
        ("The government says", "2021-06-11", "spoken"),
    ]


def test_a_chronicle_step_far_from_the_last_named_day_stays_undated() -> None:
    text = (
        "Ten days of fighting\n"
        "On June 2, rebels seize the airport of the port city.\n"
        "The city has a population of about two million.\n"
        "It lies on the coast.\n"
        "Its port handles most of the country's imports.\n"
        "Its airport is the busiest in the region.\n"
        "The navy shells rebel positions along the coast.\n"
    )
    assert [q for q, *_ in _read(text)] == ["On June 2, rebels seize the airport of the port city."]


def test_a_present_speech_verb_dating_a_past_act_makes_no_chronicle() -> None:
    text = (
        "Drone war\n"
        "The army says it downed a drone near the airport on June 2.\n"
        "The government says the drone was a civilian one.\n"
    )
    # no step of the chronicle: only the government's statement of the report's days
    assert [(q, start, kind) for q, start, _, kind, _ in _read(text)] == [
        ("The army says it downed a drone near the airport on June 2.", "2021-06-02", "day"),
        ("The government says", "2021-06-11", "spoken"),
    ]


def _spans(text: str) -> list[tuple[str, str, str]]:
    article = RawArticle("a.txt", text, published=date(2021, 6, 12))
    return [
        (c.date_kind, f"{c.date.start}..{c.date.end}", c.date.precision)
        for c in extract_article(article, REGISTRY).candidates
    ]


def test_a_step_told_after_a_chronicle_steps_back_may_be_either_day() -> None:
    text = (
        "Ten days of fighting\n"
        "Here is how it unfolded:\n"
        "Opening the assault, the rebel commander says in a radio address on June 3 that the "
        "hour has come.\n"
        "The rebels said the previous day they would take the port city.\n"
        "The navy shells rebel positions along the coast.\n"
        "On June 5, loyalists seize the harbour.\n"
        "The rebels withdraw to the hills.\n"
    )
    assert _spans(text) == [
        ("day", "2021-06-03..2021-06-03", "day"),
        ("chained", "2021-06-02..2021-06-02", "day"),
        # between the day stepped back to and the day the chronicle had reached
        ("chained", "2021-06-02..2021-06-03", "range"),
        ("day", "2021-06-05..2021-06-05", "day"),
        # a day named again ends the step back
        ("chained", "2021-06-05..2021-06-05", "day"),
    ]
