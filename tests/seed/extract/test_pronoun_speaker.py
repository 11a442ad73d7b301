"""A speaker named only by "he" or "she" is the person the sentence before opened with."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)


def _statements(*paragraphs: str) -> list[tuple[int, str, str, str, str]]:
    text = "Headline here\n\n" + "\n\n".join(paragraphs) + "\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    return [
        (
            c.sentence_index,
            c.quote,
            c.date.start.isoformat(),
            c.date.end.isoformat(),
            c.actors[0][0],
        )
        for c in extract_article(article, REGISTRY).candidates
        if c.type == "statement"
    ]


def test_a_pronoun_after_a_scene_setting_phrase_speaks_for_the_person_before() -> None:
    assert _statements(
        "Antonio Tajani inspected the new quay at the port of Misrata.",
        "Speaking to the crews he said the ferries would sail again soon.",
    ) == [(1, "Speaking to the crews he said", "2023-03-14", "2023-03-15", "antonio-tajani")]


def test_a_pronoun_that_cannot_name_the_person_before_makes_no_statement() -> None:
    # "she" does not name him; two people before: either may be meant
    assert (
        _statements(
            "Antonio Tajani inspected the new quay at the port of Misrata.",
            "She said the ferries would sail again soon.",
        )
        == []
    )
    assert (
        _statements(
            "Antonio Tajani and Ramtane Lamamra inspected the new quay at the port of Misrata.",
            "He said the ferries would sail again soon.",
        )
        == []
    )


def test_a_pronoun_in_a_relative_clause_is_no_speaker() -> None:
    assert (
        _statements(
            "Antonio Tajani inspected the new quay at the port of Misrata.",
            "The quay, which he said was built by Italian firms, stays closed to ferries.",
        )
        == []
    )
