"""A happening the body tells in the present perfect without a date is news of the report's
days; background, states, words and clauses of another happening are not."""

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


def test_an_undated_act_in_the_present_perfect_is_news_of_the_report_days() -> None:
    body = "The House of Representatives has approved the budget of the unity government."
    assert _read(body) == [(body, "2023-03-15..2023-03-15", "perfect", "political")]


def test_a_date_of_a_relative_clause_after_the_verb_dates_only_its_antecedent() -> None:
    body = (
        "The House of Representatives has postponed the presidential elections, which were "
        "due on 2 May."
    )
    assert [(date_, kind) for _, date_, kind, _ in _read(body)] == [
        ("2023-03-15..2023-03-15", "perfect"),
        ("2023-05-02..2023-05-02", "day"),
    ]


def test_a_date_that_dates_the_verb_leaves_no_news_of_the_report_days() -> None:
    body = "The House of Representatives has approved the budget on 2 March."
    assert [kind for _, _, kind, _ in _read(body)] == ["day"]


def test_what_is_no_single_act_of_a_named_subject_is_no_news() -> None:
    for body in (
        "Egypt's support has helped the government in Tripoli to repel the offensive.",
        "The talks collapsed after the House of Representatives has approved the budget.",
        "The House of Representatives has been divided over the budget.",
        "Egypt has used its influence over the eastern camp to keep the road open.",
        "In recent years the House of Representatives has approved three budgets.",
        "Tensions have risen along the border.",
    ):
        assert _read(body) == [], body


def test_a_report_of_unknown_days_dates_no_undated_news() -> None:
    body = "The House of Representatives has approved the budget of the unity government."
    assert [kind for _, _, kind, _ in _read(body, published=None)] == []


def test_a_telling_dated_after_the_news_dates_the_news() -> None:
    # "announced" is a verb here, not a clause about "the presidency": its day dates the news
    body = "Egypt and Libya have signed two accords, the Egyptian presidency announced on 2 March."
    assert [(quote, date_, kind) for quote, date_, kind, _ in _read(body)] == [
        ("Egypt and Libya have signed two accords", "2023-03-02..2023-03-02", "attributed"),
        ("the Egyptian presidency announced on 2 March.", "2023-03-02..2023-03-02", "day"),
    ]
