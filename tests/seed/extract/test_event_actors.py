"""An event's actors from the sentences around its date: references back, listed participants."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _actors_of(text: str, title_part: str) -> list[tuple[str, str]]:
    article = RawArticle("a.txt", f"News\n\n{text}\n", published=date(2022, 3, 20))
    (event,) = [e for e in build_timeline([article], REGISTRY).events if title_part in e.title]
    return [(a.actor_key, a.role) for a in event.actors]


def test_a_pronoun_subject_is_the_actor_named_in_the_sentence_before() -> None:
    actors = _actors_of(
        "Lavrov spoke to reporters in a long press conference. "
        "On Monday, he flew to Algiers to see Tebboune.",
        "flew",
    )
    assert actors[:2] == [("sergey-lavrov", "subject"), ("abdelmadjid-tebboune", "participant")]


def test_a_title_refers_to_the_last_person_named_before() -> None:
    actors = _actors_of(
        "Mangoush spoke in Tripoli about the border. "
        "On Tuesday, the minister met Lavrov in Moscow.",
        "met Lavrov",
    )
    assert actors[0] == ("najla-mangoush", "subject")


def test_participants_listed_in_the_next_sentence_join_the_happening() -> None:
    actors = _actors_of(
        "Ministers met in Rome on Thursday to prepare the donors' meeting. "
        "Delegations from Egypt and Tunisia took part.",
        "Ministers met",
    )
    assert ("egypt", "participant") in actors and ("tunisia", "participant") in actors


def test_a_next_sentence_with_a_date_of_its_own_is_another_happening() -> None:
    actors = _actors_of(
        "Ministers met in Rome on Thursday to prepare the donors' meeting. "
        "Delegations from Egypt and Tunisia took part in a second round on Friday.",
        "Ministers met",
    )
    assert ("egypt", "participant") not in actors


def test_the_actor_right_after_a_transitive_verb_is_the_object() -> None:
    actors = _actors_of("Dbeibah received Bathily in Tripoli on Sunday with Tebboune.", "received")
    assert actors == [
        ("abdul-hamid-dbeibah", "subject"),
        ("abdoulaye-bathily", "object"),
        ("abdelmadjid-tebboune", "participant"),
    ]
