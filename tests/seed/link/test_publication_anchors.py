"""Anchoring an undated article on a dated one needs more in common than a name."""

from __future__ import annotations

from datetime import date

from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

TODAY = date(2026, 11, 30)


def publication(articles: list[RawArticle], name: str) -> tuple[date, date, str]:
    source = {s.file_name: s for s in build_timeline(articles, today=TODAY).sources}[name]
    interval = source.publication.interval
    return interval.start, interval.end, source.publication.reason


def test_two_common_words_besides_a_name_do_not_make_one_happening() -> None:
    dated = RawArticle(
        "a.txt",
        " date 2020-01-14 Jan Kubis has left Geneva without signing, after nine months of "
        "eastern talks.\n",
    )
    undated = RawArticle(
        "b.txt",
        "The ratification earlier this month of a law tailored to Jan Kubis raised tensions "
        "in the eastern region three months before the vote.\n",
    )
    start, _, reason = publication([dated, undated], "b.txt")
    assert (start, reason) == (
        date(2011, 1, 1),
        "no publication date and no dated reference in the text",
    )
