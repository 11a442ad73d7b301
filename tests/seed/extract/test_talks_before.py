"""Talks an undated sentence says the agreement dated just before came after are a meeting
that ends on the agreement's day."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()


def _read(body: str) -> list[tuple[str, str, str, str]]:
    article = RawArticle("a.txt", "Deal in Rome\n" + body, published=date(2022, 5, 16))
    return [
        (c.quote, c.date.start.isoformat(), c.date.end.isoformat(), c.type)
        for c in extract_article(article, REGISTRY).candidates
    ]


def test_talks_of_some_hours_before_an_agreement_are_held_on_its_day() -> None:
    body = (
        "Rival commanders agreed on Saturday to reopen the airport road.\n"
        "The deal came after nearly ten hours of talks at a villa outside Rome.\n"
    )
    assert _read(body)[1] == (
        "The deal came after nearly ten hours of talks at a villa outside Rome.",
        "2022-05-14",
        "2022-05-14",
        "meeting",
    )


def test_talks_of_some_days_before_an_agreement_are_the_days_up_to_it() -> None:
    body = (
        "Rival commanders agreed on Saturday to reopen the airport road.\n"
        "The agreement was reached after three days of negotiations in Rome.\n"
    )
    assert _read(body)[1][1:] == ("2022-05-12", "2022-05-14", "meeting")


def test_talks_told_far_from_the_agreement_or_of_no_agreement_are_undated() -> None:
    far = (
        "Rival commanders agreed on Saturday to reopen the airport road.\n"
        "The road links the two largest cities.\n"
        "The deal came after nearly ten hours of talks at a villa outside Rome.\n"
    )
    assert len(_read(far)) == 1
    other = (
        "Rival commanders agreed on Saturday to reopen the airport road.\n"
        "Reporters waited after ten hours of talks at a villa outside Rome.\n"
    )
    assert len(_read(other)) == 1


def test_a_vote_after_days_of_debate_ends_them() -> None:
    body = (
        "Lawmakers approved the unity cabinet on Wednesday in Sirte.\n"
        "The vote came after two days of heated debate behind closed doors.\n"
    )
    assert _read(body)[1][1:] == ("2022-05-10", "2022-05-11", "meeting")
