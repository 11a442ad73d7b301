"""The keys through which a new dated article finds the stored undated ones it may date
(seed.link.keys): an undated article's person is keyed by the weekday it names, a dated
article's by the weekday of its happening's day, and either without one."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from seed.extract.article import date_article, extract_article
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, PublicationDate, RawArticle
from seed.link.keys import anchor_actors, source_keys, undated_anchor_keys
from seed.link.word_anchors import word_bucket

REGISTRY = load_registry()


def _undated(text: str) -> list[str]:
    reading = extract_article(RawArticle("b.txt", text), REGISTRY)
    return sorted(source_keys(reading, REGISTRY, undated=True).undated_persons)


def _dated(text: str, day: date, prefix: str) -> list[str]:
    reading = extract_article(RawArticle("a.txt", text, published=day), REGISTRY)
    return sorted(k for k in anchor_actors(reading, REGISTRY) if prefix in k)


def test_an_undated_statement_keys_its_person_by_the_weekday_it_names() -> None:
    keys = _undated(
        "Port to reopen\n\nJan Kubis said on Sunday that the harbour of Benghazi would reopen "
        "to grain ships.\n"
    )
    assert [k for k in keys if "@" in k] == ["jan-kubis@6"]


def test_an_undated_lead_keys_its_person_without_a_weekday() -> None:
    keys = _undated(
        "Port to reopen\n\nJan Kubis said the harbour of Benghazi would reopen to grain ships "
        "after months of closure.\n"
    )
    assert keys == ["jan-kubis@*"]


def test_a_dated_happening_of_one_day_keys_its_person_by_that_weekday_and_without_one() -> None:
    text = (
        "Envoy in Cairo\n\nJan Kubis met Egyptian officials in Cairo {when} to discuss the "
        "monitoring mission.\n"
    )
    # Thursday 11 March 2021: the Wednesday before, and the week before.
    assert _dated(text.format(when="on Wednesday"), date(2021, 3, 11), "@") == [
        "jan-kubis@*",
        "jan-kubis@2",
    ]
    assert _dated(text.format(when="last week"), date(2021, 3, 11), "@") == ["jan-kubis@*"]


def test_a_gathering_named_with_its_weekday_shares_a_key_with_a_dated_one_of_that_weekday() -> None:
    # Monday 14 March 2022: the summit's day (Tuesday 15 March) is counted from the reopening.
    dated = _dated(
        "Crossing reopened\n\nTwo days before the start of the Tunis summit on Libya, the Ras "
        "Ajdir border crossing reopened to traders yesterday.\n",
        date(2022, 3, 14),
        "gathering:",
    )
    undated = _undated(
        "Calm urged\n\nThe Algerian foreign minister urged calm in remarks made ahead of "
        "Tuesday's Tunis summit, state radio reported.\n"
    )
    assert dated == ["gathering:1:summit", "gathering:1:tunis"]
    assert [k for k in undated if k.startswith("gathering:")] == dated


MEETING = (
    "Envoy in Cairo\n\nJan Kubis met Egyptian officials in Cairo on Wednesday to discuss the "
    "monitoring mission.\n"
)


def test_a_source_keeps_its_anchor_keys_an_undated_one_as_its_final_reading_dates_them() -> None:
    dated = extract_article(RawArticle("a.txt", MEETING, published=date(2021, 3, 11)), REGISTRY)
    kept = source_keys(dated, REGISTRY, undated=False).anchors
    assert kept == tuple(sorted(anchor_actors(dated, REGISTRY)))
    assert {"jan-kubis@*", "jan-kubis@2", "word:2:cairo", "word:2:meet"} <= set(kept)
    # read against the day inference gave it, an undated article anchors the same happening
    inferred = PublicationDate(DateInterval(date(2021, 3, 11), date(2021, 3, 11), "day"), False, "")
    undated = extract_article(RawArticle("b.txt", MEETING), REGISTRY)
    final = date_article(undated.parsed, REGISTRY, inferred)
    assert source_keys(final, REGISTRY, undated=True).anchors == kept


def test_a_happening_the_anchors_leave_out_gives_no_anchor_key() -> None:
    # A date in a quotation, or counted from another, anchors nothing (`index_anchors`); a
    # gathering counted from another day is still found by its weekday.
    dated = extract_article(RawArticle("a.txt", MEETING, published=date(2021, 3, 11)), REGISTRY)
    quoted = dataclasses.replace(
        dated, candidates=[dataclasses.replace(c, date_kind="quoted") for c in dated.candidates]
    )
    counted = dataclasses.replace(
        dated, candidates=[dataclasses.replace(c, date_kind="chained") for c in dated.candidates]
    )
    assert anchor_actors(quoted, REGISTRY) == set()
    assert sorted(anchor_actors(counted, REGISTRY)) == [
        "gathering:2:cairo", "gathering:2:discuss", "gathering:2:egyptia", "gathering:2:kubis",
        "gathering:2:meet", "gathering:2:mission", "gathering:2:monitor", "gathering:2:officia",
    ]  # fmt: skip


def test_an_undated_article_looks_up_the_keys_a_dated_one_anchoring_it_holds() -> None:
    dated = extract_article(RawArticle("a.txt", MEETING, published=date(2021, 3, 11)), REGISTRY)
    undated = extract_article(RawArticle("b.txt", MEETING), REGISTRY)
    assert undated_anchor_keys(undated, REGISTRY) & anchor_actors(dated, REGISTRY) == {
        "jan-kubis@2", "word:2:cairo", "word:2:discuss", "word:2:egyptia", "word:2:kubis",
        "word:2:meet", "word:2:mission", "word:2:monitor", "word:2:officia",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("key", "bucket"),
    [("word:2:cairo", ("cairo", 2)), ("gathering:2:cairo", None), ("jan-kubis@2", None)],
)
def test_a_word_key_names_its_bucket(key: str, bucket: tuple[str, int] | None) -> None:
    assert word_bucket(key) == bucket
