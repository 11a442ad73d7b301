"""A mandate granted on a known day for a length of time runs out that much later."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.mandates import KIND
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)


def _ends(sentence: str) -> list[tuple[str, str, str, str, list[tuple[str, str]]]]:
    text = f"Headline here\n\nIntro without a date here.\n\n{sentence}\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    return [
        (c.quote, f"{c.date.start}..{c.date.end}", c.date.precision, c.type, c.actors)
        for c in extract_article(article, REGISTRY).candidates
        if c.date_kind == KIND
    ]


def test_a_mandate_of_a_length_runs_out_that_much_after_its_granting() -> None:
    assert _ends(
        "The Turkish parliament on Monday approved a two-year mandate to keep troops abroad."
    ) == [
        (
            "two-year mandate",
            "2025-03-01..2025-03-31",
            "month",
            "political",
            [("grand-national-assembly-of-turkey", "subject"), ("turkey", "participant")],
        )
    ]
    assert [
        (quote, dates)
        for quote, dates, *_ in _ends(
            "The Turkish parliament on Monday approved a mandate for 18 months to keep troops."
        )
    ] == [("mandate for 18 months", "2024-09-01..2024-09-30")]


def test_an_extension_or_an_undated_granting_gives_no_end() -> None:
    assert (
        _ends("The Turkish parliament on Monday extended the mandate for another 18 months.") == []
    )
    assert _ends("The Turkish parliament approved a two-year mandate to keep troops abroad.") == []
