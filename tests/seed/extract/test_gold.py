"""The extraction of the five sample articles, scored against the gold reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from gold_scoring import Score, prefix, report, score

from api.settings import PROJECT_ROOT
from seed.extract.parse import decode_article
from seed.extract.timeline import build_timeline
from seed.extract.types import Timeline

GOLD = PROJECT_ROOT / "tests" / "gold" / "seed-gold.yaml"
CORPUS = PROJECT_ROOT / "seed" / "corpus"


def load_gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text("utf-8"))
    return data


def corpus_texts() -> dict[str, str]:
    return {prefix(p.name): p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def timeline_as_dicts(timeline: Timeline) -> dict[str, list[dict[str, Any]]]:
    names = {a.key: a.name for a in timeline.actors}

    def mentions(items: Any) -> list[dict[str, Any]]:
        return [
            {
                "file_name": m.file_name,
                "quote": m.quote.text,
                "char_start": m.quote.char_start,
                "char_end": m.quote.char_end,
            }
            for m in items
        ]

    return {
        "events": [
            {
                "title": e.title,
                "date_start": e.date.start,
                "date_end": e.date.end,
                "type": e.type,
                "actors": [names[a.actor_key] for a in e.actors],
                "mentions": mentions(e.mentions),
            }
            for e in timeline.events
        ],
        "pledges": [
            {
                "made_start": p.made.start,
                "made_end": p.made.end,
                "quantity": p.quantity,
                "actors": [names[a.actor_key] for a in p.actors],
                "mentions": mentions(p.mentions),
            }
            for p in timeline.pledges
        ],
        "actors": [
            {"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in timeline.actors
        ],
        "sources": [
            {
                "file_name": s.file_name,
                "published_start": s.publication.interval.start,
                "published_end": s.publication.interval.end,
            }
            for s in timeline.sources
        ],
    }


def assert_meets_the_bars(result: Score) -> None:
    print(report(result))
    must = {g for g in result._must}
    missed = {e.key: e.problems for e in result.events if e.key in must and not e.found}
    assert missed == {}
    assert result.precision >= 0.8
    assert result.pledge_problems == {}
    assert result.actor_problems == {}
    assert result.source_problems == {}
    assert result.caption_events == []


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
