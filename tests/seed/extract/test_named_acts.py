"""An agreement a dated clause names by its participle is a happening of its own, when the
clause dates it too: a reaction to it, or "already" done."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle

REGISTRY = load_registry()


def _read(sentence: str) -> list[tuple[str, str, str, str]]:
    text = "Talks news\n" + sentence + "\n"
    article = RawArticle("a.txt", text, published=date(2021, 6, 18))
    candidates = extract_article(article, REGISTRY).candidates
    return [(c.quote, c.date.start.isoformat(), c.date.precision, c.type) for c in candidates]


def test_a_reaction_and_the_truce_it_praises_are_two_happenings() -> None:
    sentence = (
        "Algeria's foreign ministry praised on Tuesday the truce agreement reached between "
        "the rival camps in Tunis."
    )
    assert _read(sentence) == [
        ("Algeria's foreign ministry praised on Tuesday", "2021-06-15", "day", "statement"),
        (
            "the truce agreement reached between the rival camps in Tunis",
            "2021-06-15",
            "day",
            "agreement",
        ),
    ]


def test_a_request_and_the_accord_already_signed_are_two_happenings() -> None:
    sentence = (
        "On Sunday evening, the commander requested a delay to study the accord already signed "
        "by the prime minister."
    )
    read = _read(sentence)
    assert [(q, d, p) for q, d, p, _ in read] == [
        (
            "On Sunday evening, the commander requested a delay to study the accord",
            "2021-06-13",
            "day",
        ),
        ("already signed by the prime minister", "2021-06-13", "day"),
    ]
    assert read[1][3] == "agreement"


def test_an_agreement_named_without_a_cue_or_with_its_own_date_is_not_dated_by_the_clause() -> None:
    # "violated the truce brokered by ...": the truce may be years older
    assert len(_read("On Friday, gunmen violated the truce brokered by the envoy.")) == 1
    # "the deal signed in March" is dated by its own date, not also by the welcome's
    read = _read("The ministry welcomed on Friday the deal signed in March by both camps.")
    assert [(d, p, t) for _, d, p, t in read] == [
        ("2021-06-18", "day", "statement"),
        ("2021-03-01", "month", "agreement"),
    ]
