"""Counting from a dated happening ("ten years since the 2011 uprising") bounds publication."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.parse import decode_article, parse_article
from seed.extract.types import RawArticle
from seed.link.elapsed import elapsed_bounds
from seed.link.timeline import build_timeline

TODAY = date(2026, 11, 30)


def bounds(sentence: str) -> tuple[date, date | None] | None:
    article = parse_article(decode_article("a.txt", f"Port news\n{sentence}\n".encode()))
    found = elapsed_bounds(article)
    return None if found is None else (found[0], found[1])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Six years since the 2014 split, it idles.", (date(2019, 7, 1), date(2021, 6, 30))),
        ("Almost a decade since the 2011 revolt.", (date(2019, 1, 1), date(2021, 12, 31))),
        ("More than six years since the 2014 split, it idles.", (date(2020, 1, 1), None)),
        ("The fifth anniversary of the 2014 strike.", (date(2018, 11, 17), date(2020, 2, 14))),
        # "after" dates another happening: the text is no earlier, and may be much later
        ("Two years after the 2014 split, the port closed.", (date(2015, 7, 1), None)),
        ("More than a decade after the 2003 war, it idles.", (date(2013, 1, 1), None)),
        # ... unless that happening is still to come
        ("A vote is planned two years after the 2014 split.", None),
    ],
)  # fmt: skip
def test_a_count_since_a_dated_happening_bounds_publication(
    sentence: str, expected: tuple[date, date | None] | None
) -> None:
    assert bounds(sentence) == expected


def test_a_count_since_picks_the_year_of_a_yearless_dateline() -> None:
    # "twelve years since 2009" leaves mid-2020 to mid-2022: 9 March 2021 (a Tuesday) and 2022
    # (a Wednesday); a Monday lead, told the day after, leaves 2021.
    text = (
        "Misrata, March 9 (Agency) - The port reopened on Monday, twelve years since the 2009 "
        "fire that closed it.\n"
    )
    timeline = build_timeline([RawArticle("a.txt", text)], today=TODAY)
    source = {s.file_name: s for s in timeline.sources}
    interval = source["a.txt"].publication.interval
    assert (interval.start, interval.end) == (date(2021, 3, 9), date(2021, 3, 10))
