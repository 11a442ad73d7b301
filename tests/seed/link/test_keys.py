"""The keys through which a new dated article finds the stored undated ones it may date
(seed.link.keys): an undated article's person is keyed by the weekday it names, a dated
article's by the weekday of its happening's day, and either without one."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.keys import anchor_actors, source_keys

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
