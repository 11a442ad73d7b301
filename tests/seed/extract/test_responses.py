"""A response told right after a dated happening: from that day to the report."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)


def _read(*paragraphs: str) -> list[tuple[int, str, str, list[tuple[str, str]]]]:
    text = "Headline here\n\n" + "\n\n".join(paragraphs) + "\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    return [
        (c.sentence_index, f"{c.date.start}..{c.date.end}", c.type, c.actors)
        for c in extract_article(article, REGISTRY).candidates
    ]


def test_a_response_runs_from_the_day_named_before_to_the_report() -> None:
    assert _read(
        "On 9 March, the Libyan National Army shelled the port of Misrata.",
        "In response to the shelling, Turkey mobilized two frigates off the coast.",
    ) == [
        (0, "2023-03-09..2023-03-09", "military", [("libyan-national-army", "subject")]),
        # who responded, not what they responded to
        (1, "2023-03-09..2023-03-15", "military", [("turkey", "subject")]),
    ]


def test_a_planned_response_or_one_without_a_day_before_is_not_dated() -> None:
    assert _read(
        "On 9 March, the Libyan National Army shelled the port of Misrata.",
        "In response to the shelling, Turkey will send two frigates.",
    ) == [(0, "2023-03-09..2023-03-09", "military", [("libyan-national-army", "subject")])]
    assert _read("In response to the shelling, Turkey mobilized two frigates off the coast.") == []
