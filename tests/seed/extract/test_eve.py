"""Undated news (a present perfect, news passed on by a telling) reaches back to the eve the
report narrates, and keeps its one day otherwise."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.dates import DateHit
from seed.extract.eve import stated_days
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, RawArticle

REGISTRY = load_registry()
# A Wednesday.
PUBLISHED = date(2023, 3, 15)


def _dates(text: str) -> list[tuple[str, str, str]]:
    article = RawArticle("a.txt", f"Headline here\n\n{text}\n", published=PUBLISHED)
    return [
        (c.date_kind, f"{c.date.start}..{c.date.end}", c.date.precision)
        for c in extract_article(article, REGISTRY).candidates
    ]


def test_a_perfect_lead_reaches_back_to_the_eve_the_report_narrates() -> None:
    text = (
        "Egypt has closed its border crossing with Libya.\n\n"
        "On Tuesday evening, Egyptian border guards turned back a convoy of trucks."
    )
    assert _dates(text)[0] == ("perfect", "2023-03-14..2023-03-15", "range")


def test_a_perfect_lead_without_an_eve_keeps_the_report_day() -> None:
    text = (
        "Egypt has closed its border crossing with Libya.\n\n"
        "Egyptian border guards turned back a convoy of trucks last month."
    )
    assert _dates(text)[0] == ("perfect", "2023-03-15..2023-03-15", "day")


def test_news_passed_on_by_a_telling_reaches_back_to_the_telling_eve() -> None:
    text = (
        "Egypt and Tunisia have signed a border accord, the Egyptian foreign ministry said on "
        "Tuesday.\n\n"
        "The two delegations met on Monday in Cairo for five hours."
    )
    assert _dates(text)[:2] == [
        ("attributed", "2023-03-13..2023-03-14", "range"),
        ("weekday", "2023-03-14..2023-03-14", "day"),
    ]


def test_an_eve_in_a_quotation_is_the_speaker_s_not_the_report_s() -> None:
    text = (
        "Egypt has closed its border crossing with Libya.\n\n"
        '"We warned them on Tuesday," an Egyptian border official said.'
    )
    assert _dates(text)[0] == ("perfect", "2023-03-15..2023-03-15", "day")


def test_only_days_stated_in_words_are_days_of_the_report() -> None:
    day = DateInterval(date(2023, 3, 14), date(2023, 3, 14), "day")
    week = DateInterval(date(2023, 3, 6), date(2023, 3, 12), "week")
    hits = [
        DateHit(0, 7, "Tuesday", "weekday", day),
        DateHit(
            10,
            30,
            "the previous day",
            "chained",
            DateInterval(date(2023, 3, 13), date(2023, 3, 13), "day"),
        ),
        DateHit(40, 49, "last week", "last_week", week),
        DateHit(50, 50, "", "perfect", DateInterval(PUBLISHED, PUBLISHED, "day")),
    ]
    assert stated_days(hits) == {date(2023, 3, 14)}
