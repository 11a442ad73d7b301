"""The extraction of the five sample articles, scored against the gold reading."""

from __future__ import annotations

from pathlib import Path

from seed.extract.parse import decode_article
from seed.link.timeline import build_timeline
from tests.seed.gold_scoring import (
    CORPUS,
    assert_meets_the_bars,
    corpus_texts,
    load_gold,
    score,
    timeline_as_dicts,
)


def test_the_corpus_reading_meets_the_gold_bars() -> None:
    articles = [decode_article(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]
    data = timeline_as_dicts(build_timeline(articles))
    result = score(load_gold(), texts=corpus_texts(), **data)
    assert_meets_the_bars(result)


def test_the_reading_does_not_depend_on_the_order_of_articles() -> None:
    paths: list[Path] = sorted(CORPUS.glob("*.txt"))
    forward = build_timeline([decode_article(p.name, p.read_bytes()) for p in paths])
    backward = build_timeline([decode_article(p.name, p.read_bytes()) for p in reversed(paths)])
    assert forward == backward
