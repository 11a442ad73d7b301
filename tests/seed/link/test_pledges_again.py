"""The pledges made at linked events, grouped against them without linking the events again
(`seed.link.timeline.pledges_linked_again`): what linking everything at once gives."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

from seed.extract.article import ArticleExtraction, extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import Merged, link_timeline, pledges_linked_again

# Written for this test: an agreement told twice, a pledge made at it told once.
ARTICLES = [
    RawArticle(
        "accord-pledge.txt",
        "Accord signed\n\nThe Libyan National Army and the Government of National Unity signed "
        "an agreement in Geneva on 14 March 2022. Under the agreement, the Libyan National Army "
        "pledged to withdraw 300 foreign fighters within 90 days.\n",
        published=date(2022, 3, 15),
    ),
    RawArticle(
        "accord-told.txt",
        "Geneva\n\nAn agreement between the Libyan National Army and the Government of National "
        "Unity was signed in Geneva on 14 March 2022, the United Nations said.\n",
        published=date(2022, 3, 16),
    ),
]
TODAY = date(2026, 11, 30)


def _stand_ins() -> list[ArticleExtraction]:
    """The readings as an incremental linking rebuilds stored ones: no paragraphs."""
    registry = load_registry()
    return [
        dataclasses.replace(x, parsed=dataclasses.replace(x.parsed, paragraphs=(), sentences=()))
        for x in (extract_article(a, registry) for a in ARTICLES)
    ]


def test_pledges_grouped_against_linked_events_are_those_of_linking_everything() -> None:
    registry = load_registry()
    readings = _stand_ins()
    at_once = link_timeline(copy.deepcopy(readings), registry, today=TODAY)
    events_only = [dataclasses.replace(x, pledges=[]) for x in readings]
    merged = Merged()
    first = link_timeline(events_only, registry, today=TODAY, merged=merged)
    assert first.pledges == []

    again = pledges_linked_again(first, readings, registry, {}, merged)

    assert again is not None
    assert [(p.text, p.event_key is not None) for p in again.pledges] == [
        (
            "The Libyan National Army and the Government of National Unity signed an "
            "agreement in Geneva on 14 March 2022",
            True,
        ),
        (
            "Under the agreement, the Libyan National Army pledged to withdraw 300 foreign "
            "fighters within 90 days",
            True,
        ),
    ]
    assert again.pledges == at_once.pledges
    assert again.events == at_once.events
    assert again.sources == at_once.sources
    assert again.actors == at_once.actors


def test_the_pledges_of_readings_with_paragraphs_take_the_groups_the_linking_found() -> None:
    registry = load_registry()
    read = [extract_article(a, registry) for a in ARTICLES]
    at_once = link_timeline(copy.deepcopy(read), registry, today=TODAY)
    merged = Merged()
    events_only = [dataclasses.replace(x, pledges=[]) for x in read]
    first = link_timeline(events_only, registry, today=TODAY, merged=merged)

    again = pledges_linked_again(first, read, registry, {}, merged)

    assert again is not None
    assert [m.origin for p in again.pledges for m in p.mentions] == [
        m.origin for p in at_once.pledges for m in p.mentions
    ]
    assert len(again.pledges) == 2
    assert again.pledges == at_once.pledges
    assert again.sources == at_once.sources


def test_readings_of_other_candidates_than_those_merged_are_linked_again_instead() -> None:
    registry = load_registry()
    readings = _stand_ins()
    merged = Merged()
    events_only = [dataclasses.replace(x, pledges=[]) for x in readings]
    first = link_timeline(copy.deepcopy(events_only), registry, today=TODAY, merged=merged)

    assert pledges_linked_again(first, readings, registry, {}, merged) is None
