"""A yearless day of reprinted background takes the year of a telling that carries one."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.candidate import Candidate
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.recycled_years import moving_keys, yearless_keys
from seed.link.timeline import build_timeline

TODAY = date(2026, 11, 30)
# Written for this test: a background paragraph kept in a later article without its year.
RECYCLED = (
    " date 2021-12-20 Egypt and Tunisia extended their border patrols for another year.\n"
    "On November 15, Egypt and Tunisia signed a pact on naval cooperation and a deal on "
    "fishing waters in the Mediterranean.\n"
)
WITH_YEAR = (
    " date 2022-03-02 Egypt and Tunisia held talks in Cairo on Tuesday.\n"
    "In 2020, Egypt and Tunisia signed a pact on naval cooperation and a deal on fishing "
    "waters in the Mediterranean.\n"
)


def pact_days(articles: list[RawArticle], name: str) -> list[date]:
    timeline = build_timeline(articles, today=TODAY)
    return [
        e.date.start
        for e in timeline.events
        for m in e.mentions
        if m.file_name == name and m.date_text == "November 15"
    ]


def test_a_yearless_background_day_takes_the_year_of_a_telling_with_its_year() -> None:
    articles = [RawArticle("a.txt", RECYCLED), RawArticle("b.txt", WITH_YEAR)]
    assert pact_days(articles, "a.txt") == [date(2020, 11, 15)]


def test_without_such_a_telling_it_is_the_latest_such_day_before_publication() -> None:
    assert pact_days([RawArticle("a.txt", RECYCLED)], "a.txt") == [date(2021, 11, 15)]


def test_a_recent_day_is_news_and_keeps_its_year() -> None:
    recent = RECYCLED.replace("2021-12-20", "2021-11-22")
    articles = [RawArticle("a.txt", recent), RawArticle("b.txt", WITH_YEAR)]
    assert pact_days(articles, "a.txt") == [date(2021, 11, 15)]


def test_a_telling_with_its_year_that_agrees_keeps_the_default_reading() -> None:
    agreeing = WITH_YEAR.replace("In 2020", "In 2021")
    articles = [
        RawArticle("a.txt", RECYCLED),
        RawArticle("b.txt", WITH_YEAR),
        RawArticle("c.txt", agreeing),
    ]
    assert pact_days(articles, "a.txt") == [date(2021, 11, 15)]


def _candidates(text: str, date_text: str) -> list[Candidate]:
    reading = extract_article(RawArticle("a.txt", text), load_registry())
    return [c for c in reading.candidates if c.date_text == date_text]


def test_a_yearless_day_and_a_telling_with_its_year_share_a_key_of_that_day() -> None:
    (yearless,) = _candidates(RECYCLED, "November 15")
    (with_year,) = _candidates(WITH_YEAR, "2020")
    assert sorted(yearless_keys(yearless)) == [
        "recycled:11-15:agreement:egypt",
        "recycled:11-15:agreement:tunisia",
    ]
    assert yearless_keys(with_year) == set()
    # a year holds every month and day
    moving = moving_keys(with_year)
    assert len(moving) == 2 * 366
    assert yearless_keys(yearless) < moving
    assert moving_keys(yearless) == set()
