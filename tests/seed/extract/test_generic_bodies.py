"""A state's institution named without its state resolves to the article's subject state's."""

from __future__ import annotations

from collections import Counter
from datetime import date

from seed.extract.generic_bodies import generic_bodies
from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def test_the_foreign_ministry_of_the_state_the_article_names_most() -> None:
    text = "The Foreign Ministry welcomed the truce."
    found = generic_bodies(REGISTRY, text, Counter({"egypt": 3, "france": 1}))
    assert found == {"The Foreign Ministry": "egyptian-foreign-ministry"}


def test_a_tie_between_states_resolves_nothing() -> None:
    text = "The Foreign Ministry welcomed the truce."
    assert generic_bodies(REGISTRY, text, Counter({"egypt": 2, "france": 2})) == {}


def test_a_state_without_such_a_body_does_not_count() -> None:
    # Libya's presidency council is not "the presidency": the head noun must agree.
    text = "The proposal came from the presidency last week."
    assert generic_bodies(REGISTRY, text, Counter({"libya": 5, "turkey": 1})) == {
        "the presidency": "turkish-presidency"
    }
    assert generic_bodies(REGISTRY, text, Counter({"libya": 5})) == {}


def test_the_ministry_of_foreign_affairs_is_the_foreign_ministry() -> None:
    text = "The Ministry of Foreign Affairs summoned the envoy."
    found = generic_bodies(REGISTRY, text, Counter({"russia": 2}))
    assert found == {"The Ministry of Foreign Affairs": "russian-foreign-ministry"}


def test_an_event_of_the_foreign_ministry_is_the_states_ministrys() -> None:
    article = RawArticle(
        "a.txt",
        "Cairo news\n\nEgypt has followed the talks closely. Egypt sent envoys.\n\n"
        "The Foreign Ministry welcomed on Friday the deal reached in Geneva.\n",
        published=date(2022, 3, 20),
    )
    (event,) = [e for e in build_timeline([article], REGISTRY).events if "welcomed" in e.title]
    assert event.actors[0].actor_key == "egyptian-foreign-ministry"
    assert event.actors[0].role == "subject"
