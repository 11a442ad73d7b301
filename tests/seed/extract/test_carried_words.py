"""A sentence opening with "She added" or "He said" right after a named person's undated
statement is a second mention of that statement, not lost and not a statement of its own."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)
LEAD = "Egypt opened a new border crossing with Libya on Monday."


def _statements(body: str) -> list[tuple[str, list[str], list[str]]]:
    article = RawArticle("a.txt", f"Headline here\n\n{LEAD}\n\n{body}\n", published=PUBLISHED)
    return sorted(
        (
            f"{e.date.start.isoformat()}..{e.date.end.isoformat()}",
            [a.actor_key for a in e.actors],
            [m.quote.text for m in e.mentions],
        )
        for e in build_timeline([article], REGISTRY).events
        if e.type == "statement"
    )


def test_she_added_carries_on_the_statement_of_the_sentence_before() -> None:
    body = (
        "Stephanie Williams said the crossing would stay open for traders. She added that "
        "the talks on the border had gone well."
    )
    assert _statements(body) == [
        (
            "2023-03-14..2023-03-15",
            ["stephanie-williams"],
            ["Stephanie Williams said", "She added"],
        )
    ]


def test_a_carried_sentence_in_the_next_paragraph_is_a_mention_too() -> None:
    body = (
        "Stephanie Williams said the crossing would stay open for traders.\n\n"
        "She also stressed that the road had to stay safe."
    )
    assert [e[2] for e in _statements(body)] == [["Stephanie Williams said", "She also stressed"]]


def test_they_or_a_dated_sentence_do_not_carry_on_a_statement() -> None:
    body = (
        "Stephanie Williams said the crossing would stay open for traders. They added that "
        "the road was safe. She said on Monday that the talks had gone well."
    )
    assert [m for e in _statements(body) for m in e[2] if m.startswith(("They", "She"))] == []


def test_words_of_a_body_carry_on_nothing() -> None:
    body = "Egypt said the crossing would stay open for traders. She added that it was safe."
    assert [e[2] for e in _statements(body)] == [["Egypt said"]]


def test_the_article_extraction_keeps_both_tellings() -> None:
    article = RawArticle(
        "a.txt",
        f"Headline here\n\n{LEAD}\n\nKhalifa Haftar said the road was open. "
        "He went on to say that it was safe.\n",
        published=PUBLISHED,
    )
    quotes = [c.quote for c in extract_article(article, REGISTRY).candidates]
    assert "He went on to say" in quotes
