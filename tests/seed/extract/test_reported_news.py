"""News a named speaker passes on in an undated body sentence is a happening of the report's
days, and stands for its telling; plans, words and news of no one named are not."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)
LEAD = "Egypt opened a new border crossing with Libya on Monday."


def _read(body: str, published: date | None = PUBLISHED) -> list[tuple[str, str, str, str]]:
    text = f"Headline here\n\n{LEAD}\n\n{body}\n"
    article = RawArticle("a.txt", text, published=published)
    return [
        (c.quote, f"{c.date.start}..{c.date.end}", c.date_kind, c.type)
        for c in extract_article(article, REGISTRY).candidates
        if c.sentence_index > 0
    ]


def test_undated_news_passed_on_by_a_named_speaker_is_of_the_report_days() -> None:
    body = "Egypt and Libya signed a trade accord in the capital, Aguila Saleh said."
    assert _read(body) == [(body, "2023-03-14..2023-03-15", "attributed", "agreement")]


def test_plans_words_and_news_of_no_one_named_are_the_speakers_statement() -> None:
    for body in (
        "Egypt and Libya will sign a trade accord in the capital, Aguila Saleh said.",
        "Heavy fighting erupted in the south of the country, Aguila Saleh said.",
    ):
        assert [kind for _, _, kind, _ in _read(body)] == ["spoken"], body


def test_news_of_a_time_of_its_own_is_not_of_the_report_days() -> None:
    assert _read("Egypt and Libya signed a trade accord years ago, Aguila Saleh said.") == []


def test_a_report_of_unknown_days_dates_no_undated_news() -> None:
    body = "Egypt and Libya signed a trade accord in the capital, Aguila Saleh said."
    assert _read(body, published=None) == []


def test_naming_the_members_of_a_body_is_an_appointment_passed_on() -> None:
    body = "Egypt and Libya named members of a border commission, Aguila Saleh said."
    assert _read(body) == [(body, "2023-03-14..2023-03-15", "attributed", "political")]
    # a thing named after someone appoints no one: no known kind, the speaker's statement
    body = "Egypt and Libya opened a crossing named after a poet, Aguila Saleh said."
    assert [(kind, type) for _, _, kind, type in _read(body)] == [("spoken", "statement")]
