"""The per-article stage: one article in, picklable results out, linked by the corpus stage."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from seed.extract.article import date_article, extract_article
from seed.extract.parse import decode_article, parse_article
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, PublicationDate, RawArticle
from seed.link.timeline import build_timeline, link_timeline
from tests.seed.gold_scoring import CORPUS

REGISTRY = load_registry()


def _corpus() -> list[RawArticle]:
    return [decode_article(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]


def _extract(raw: RawArticle) -> bytes:
    return pickle.dumps(extract_article(raw, load_registry()))


def test_a_dated_article_is_read_completely_on_its_own() -> None:
    raw = RawArticle(
        "a.txt",
        "Talks resume\n\nThe two sides met in Geneva on Monday. They agreed that all foreign "
        "fighters will leave within three months.\n",
        published=date(2020, 10, 21),
    )
    extraction = extract_article(raw, REGISTRY)
    assert extraction.dated
    assert extraction.publication is not None
    assert extraction.publication.reason == "stated by the submitter"
    assert [(c.date.start, c.date.end) for c in extraction.candidates] == [
        (date(2020, 10, 19), date(2020, 10, 19))
    ]
    assert [p.duration for p in extraction.pledges] == [(3, "month")]


def test_an_undated_article_waits_for_the_corpus_stage() -> None:
    raw = RawArticle("b.txt", "Talks resume\n\nThe two sides met in Geneva on Monday.\n")
    extraction = extract_article(raw, REGISTRY)
    assert extraction.publication is None
    assert extraction.pledges == []
    assert [c.resolved for c in extraction.candidates] == [False]


def test_extractions_made_in_worker_processes_link_to_the_same_timeline() -> None:
    articles = _corpus()
    with ProcessPoolExecutor(max_workers=2) as pool:
        extractions = [pickle.loads(b) for b in pool.map(_extract, articles)]
    linked = link_timeline(list(reversed(extractions)), REGISTRY)
    assert linked == build_timeline(articles, REGISTRY)
    assert (len(linked.events), len(linked.sources)) == (22, 5)


def test_a_relative_date_of_an_article_known_within_a_year_is_a_dated_range() -> None:
    parsed = parse_article(
        RawArticle("c.txt", "Talks resume\n\nThe two sides met in Geneva on Monday.\n")
    )

    def read(start: date, end: date) -> list[tuple[date, date, bool]]:
        known = PublicationDate(DateInterval(start, end, "range"), explicit=False, reason="test")
        extraction = date_article(parsed, REGISTRY, known)
        return [(c.date.start, c.date.end, c.resolved) for c in extraction.candidates]

    # within a year: an event dated honestly with the whole range of Mondays it may be
    assert read(date(2021, 3, 3), date(2021, 12, 1)) == [
        (date(2021, 3, 1), date(2021, 11, 29), True)
    ]
    # years wide: only a mention, to be attached to a dated event if one fits
    assert [r[2] for r in read(date(2015, 1, 1), date(2021, 12, 1))] == [False]


def test_relative_words_of_wire_copy_count_from_its_dateline_day() -> None:
    parsed = parse_article(
        RawArticle(
            "d.txt",
            "Envoy steps down\n\nGENEVA, March 9 (Reuters) - The envoy resigned yesterday, "
            "the agency said.\n",
        )
    )

    def read(start: date, end: date) -> list[tuple[date, date]]:
        known = PublicationDate(DateInterval(start, end, "range"), explicit=False, reason="test")
        extraction = date_article(parsed, REGISTRY, known)
        return [(c.date.start, c.date.end) for c in extraction.candidates]

    # printed on the dateline's day or the next: "yesterday" is the day before the dateline
    assert read(date(2021, 3, 9), date(2021, 3, 10)) == [(date(2021, 3, 8), date(2021, 3, 8))]
    # a reprint two days on counts from the dateline too
    assert read(date(2021, 3, 11), date(2021, 3, 11)) == [(date(2021, 3, 8), date(2021, 3, 8))]
    # a wide interval (or a dateline far from it) leaves the publication interval in charge
    assert read(date(2021, 3, 20), date(2021, 3, 21)) == [(date(2021, 3, 19), date(2021, 3, 20))]
