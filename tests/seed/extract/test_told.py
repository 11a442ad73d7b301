"""A second happening told in a when-clause of a dated clause is an event of its own."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.told import told_when
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()
STALLED = (
    "The talks planned for May were thrown into disarray when Egypt said it would not take "
    "part, citing the lack of progress."
)


def _told(sentence: str, date_text: str) -> str | None:
    start = sentence.index(date_text)
    told = told_when(sentence, start, start + len(date_text), len(sentence))
    return None if told is None else sentence[told.start : told.end]


def test_a_when_clause_with_its_own_subject_and_verb_is_told_apart() -> None:
    assert _told(STALLED, "for May") == (
        "Egypt said it would not take part, citing the lack of progress."
    )


def test_a_when_clause_right_after_the_date_is_the_dated_happening() -> None:
    sentence = "The country has been divided since 2014, when rival governments emerged."
    assert _told(sentence, "since 2014") is None


def test_a_when_clause_without_a_subject_is_not_a_happening() -> None:
    sentence = "The envoy resigned in June, and when asked why, he declined to answer."
    assert _told(sentence, "in June") is None


def test_each_clause_gives_its_own_event_with_its_own_actors() -> None:
    article = RawArticle("a.txt", f"Talks stall\n\n{STALLED}\n", published=date(2023, 4, 10))
    events = build_timeline([article], REGISTRY).events
    assert sorted(
        (e.date.start.isoformat(), e.date.end.isoformat(), e.type, e.title,
         [a.actor_key for a in e.actors], [m.quote.text for m in e.mentions])
        for e in events
    ) == [
        ("2023-05-01", "2023-05-31", "meeting", "The talks planned for May were thrown into "
         "disarray", ["libya"], ["The talks planned for May were thrown into disarray"]),
        ("2023-05-01", "2023-05-31", "statement", "Egypt said it would not take part",
         ["egypt"], ["Egypt said it would not take part"]),
    ]  # fmt: skip


def test_an_irregular_past_verb_ends_the_subject_too() -> None:
    sentence = "The truce agreed in March collapsed when Turkey sent more drones."
    assert _told(sentence, "in March") == "Turkey sent more drones."


def test_a_when_clause_naming_no_one_stays_with_its_sentence() -> None:
    text = "The vote set for June was called off when it became clear that no ballots had arrived."
    article = RawArticle("a.txt", f"Vote off\n\n{text}\n", published=date(2023, 4, 10))
    events = build_timeline([article], REGISTRY).events
    assert [(e.date.start.isoformat(), [m.quote.text for m in e.mentions]) for e in events] == [
        ("2023-06-01", [text])
    ]


def test_a_told_happening_is_dated_no_nearer_than_the_month() -> None:
    text = "The referendum set for 14 May was derailed when Egypt announced it would not take part."
    article = RawArticle("a.txt", f"Vote off\n\n{text}\n", published=date(2023, 4, 10))
    events = build_timeline([article], REGISTRY).events
    assert sorted((e.date.start.isoformat(), e.date.end.isoformat(), e.type) for e in events) == [
        ("2023-05-01", "2023-05-31", "statement"),
        ("2023-05-14", "2023-05-14", "election"),
    ]
