"""Whether a dated article may date an undated one (seed.link.undated.may_date): when it may
not, the undated article's inferred publication is the same with it as without it."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline
from seed.link.undated import UndatedReading, dated_by, may_date

TODAY = date(2026, 11, 30)

# Undated, written for these tests: a person's statement of a Sunday.
STATEMENT = RawArticle(
    "statement.txt",
    "Port to reopen\n\nJan Kubis said on Sunday that the harbour of Benghazi would reopen to "
    "grain ships after months of closure.\n",
)
# Undated: a happening without a person, of a Sunday.
BRIDGE = RawArticle(
    "bridge.txt",
    "Lorries cross again\n\nThe town council said on Sunday that the bridge linking Ghadames "
    "and Nalut had reopened once engineers repaired the pillars.\n",
)
# Undated: an election day "this year".
VOTE = RawArticle(
    "vote.txt",
    "Vote ahead\n\nThe commission confirmed that the elections of December 24 this year "
    "would go ahead in every district.\n",
)

DATED = {
    # The same statement, dated on its Sunday.
    "same-statement": RawArticle(
        "a.txt",
        "Port deal\n\nJan Kubis said on Sunday that the harbour of Benghazi would reopen to "
        "grain ships after months of closure.\n",
        published=date(2021, 3, 8),
    ),
    # The same person, another happening on another weekday.
    "same-person-other-day": RawArticle(
        "a.txt",
        "Envoy in Cairo\n\nJan Kubis met Egyptian officials in Cairo on Wednesday to discuss "
        "the monitoring mission.\n",
        published=date(2021, 3, 11),
    ),
    # The bridge's reopening told by its words, on that Sunday.
    "same-words": RawArticle(
        "a.txt",
        "Bridge reopened\n\nThe river bridge between Ghadames and Nalut reopened to lorries "
        "yesterday after engineers repaired its cracked pillars.\n",
        published=date(2021, 3, 15),
    ),
    # Other words on a Sunday.
    "other-words": RawArticle(
        "a.txt",
        "Market fire\n\nA fire destroyed part of the fish market in Zuwara yesterday, the civil "
        "defence said.\n",
        published=date(2021, 3, 15),
    ),
    # Elections held on 24 December, of a given year.
    "same-day-act": RawArticle(
        "a.txt",
        "Polls open\n\nLibyans voted in the elections on 24 December 2021 across the country, "
        "the commission said.\n",
        published=date(2021, 12, 25),
    ),
}


def _publication(articles: list[RawArticle], name: str) -> tuple[date, date, str]:
    source = {s.file_name: s for s in build_timeline(articles, today=TODAY).sources}[name]
    interval = source.publication.interval
    return interval.start, interval.end, source.publication.reason


@pytest.mark.parametrize(
    ("undated", "dated", "expected"),
    [
        (STATEMENT, "same-statement", True),
        (STATEMENT, "same-person-other-day", False),
        (BRIDGE, "same-words", True),
        (BRIDGE, "other-words", False),
        (VOTE, "same-day-act", True),
        (VOTE, "other-words", False),
    ],
)
def test_a_dated_article_may_date_an_undated_one_only_by_a_happening_it_anchors(
    undated: RawArticle, dated: str, expected: bool
) -> None:
    registry = load_registry()
    readings = [extract_article(a, registry) for a in (DATED[dated], undated)]
    assert may_date(readings[:1], [UndatedReading.of(readings[1])], registry) is expected
    alone = _publication([undated], undated.file_name)
    with_dated = _publication([undated, DATED[dated]], undated.file_name)
    assert (alone != with_dated) is expected


@pytest.mark.parametrize(
    ("undated", "dated", "days", "told"),
    [
        # the Sunday of the anchor, and the week after it
        (STATEMENT, "same-statement", 6, date(2021, 3, 7)),
        (BRIDGE, "same-words", 6, date(2021, 3, 14)),
        # no anchor (the first Sunday of the widest span); the year of the same day's vote
        (BRIDGE, "other-words", 5812, date(2010, 12, 26)),
        (VOTE, "same-day-act", 364, date(2021, 12, 24)),
    ],
)
def test_a_new_undated_article_is_dated_by_the_dated_ones_as_linking_the_corpus_dates_it(
    undated: RawArticle, dated: str, days: int, told: date
) -> None:
    registry = load_registry()
    readings = [extract_article(a, registry) for a in (DATED[dated], undated)]
    (found,) = dated_by(
        readings[1:], readings[:1], registry, persons=set(), crowded=set(), today=TODAY
    )
    assert found.publication is not None
    interval = found.publication.interval
    bulk = _publication([undated, DATED[dated]], undated.file_name)
    assert (interval.start, interval.end, found.publication.reason) == bulk
    assert (interval.end - interval.start).days == days
    # read again against that publication: its happening is dated by it
    assert [c.date.start for c in found.candidates] == [told]


def test_the_crowded_buckets_of_the_corpus_date_nothing_though_few_articles_were_read() -> None:
    registry = load_registry()
    readings = [extract_article(a, registry) for a in (DATED["same-words"], BRIDGE)]
    words = {c.tokens for c in readings[1].candidates}.pop()
    crowded = {(word, 6) for word in words}
    (found,) = dated_by(
        readings[1:], readings[:1], registry, persons=set(), crowded=crowded, today=TODAY
    )
    assert found.publication is not None
    assert found.publication.reason == "no publication date and no dated reference in the text"
