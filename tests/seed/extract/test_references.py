"""A pronoun or a title resolves to an actor named in an earlier sentence."""

from __future__ import annotations

from seed.extract.references import referent_in
from seed.extract.registry import ActorHit
from seed.extract.types import ActorRecord

RECORDS = {
    "farida-example": ActorRecord("farida-example", "Farida Example", "person", (), True, "envoy"),
    "malta": ActorRecord("malta", "Malta", "state", (), False),
    "audit-committee": ActorRecord("audit-committee", "Audit Committee", "organization", (), True),
}


def _hit(key: str) -> ActorHit:
    return ActorHit(key, 0, 1, key)


def test_she_is_the_person_named_before_not_the_state_named_after_her() -> None:
    earlier = [[_hit("farida-example"), _hit("malta")]]
    assert referent_in("She", earlier, RECORDS.get) == "farida-example"


def test_it_is_a_body_not_a_person() -> None:
    earlier = [[_hit("malta")], [_hit("farida-example")]]
    assert referent_in("It", earlier, RECORDS.get) == "malta"


def test_the_subject_of_the_latest_sentence_wins() -> None:
    earlier = [[_hit("audit-committee")], [_hit("malta"), _hit("audit-committee")]]
    assert referent_in("They", earlier, RECORDS.get) == "malta"


def test_a_body_noun_needs_a_body_whose_name_has_it() -> None:
    earlier = [[_hit("audit-committee")], [_hit("malta")]]
    assert referent_in("The committee", earlier, RECORDS.get) == "audit-committee"


def test_a_title_must_agree_with_the_role_a_discovered_person_was_given() -> None:
    earlier = [[_hit("farida-example")]]
    assert referent_in("The envoy", earlier, RECORDS.get) == "farida-example"
    assert referent_in("The general", earlier, RECORDS.get) is None


def test_nothing_fits_nothing_is_resolved() -> None:
    assert referent_in("He", [[_hit("malta")]], RECORDS.get) is None


def test_a_pronoun_skips_a_person_of_the_other_gender() -> None:
    records = {
        **RECORDS,
        "omar-example": ActorRecord("omar-example", "Omar Example", "person", (), False),
    }
    women = {"farida-example": True, "omar-example": False}
    earlier = [[_hit("omar-example"), _hit("farida-example")]]
    assert referent_in("She", earlier, records.get, women.get) == "farida-example"
    assert referent_in("He", [[_hit("farida-example")]], records.get, women.get) is None
    assert referent_in("She", earlier, records.get) == "omar-example"
