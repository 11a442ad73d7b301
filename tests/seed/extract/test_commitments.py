"""Which sentences carry a commitment, of which kind, and where its subject lies."""

from __future__ import annotations

import pytest

from seed.extract.commitments import find_commitment


def _kind_and_subject(sentence: str) -> tuple[str, str] | None:
    found = find_commitment(sentence)
    if found is None:
        return None
    return found.kind, sentence[found.subject_start : found.subject_end].strip()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an agreement's terms in the future tense, the parties as subject
        ("Both sides will exchange detainees within two weeks.", ("future", "Both sides")),
        ("The parties shall reopen the coastal road.", ("future", "The parties")),
        # agreed to form / set up
        ("The rival chambers agreed to form a joint committee.", ("agreed", "The rival chambers")),
        (
            "Malta and Tunisia agreed on Monday to set up a hotline.",
            ("agreed", "Malta and Tunisia"),
        ),
        # a stated intention, "plans to"
        ("Egypt plans to reopen its embassy by June.", ("intention", "Egypt")),
        ("Rome announced its intention to send a hospital ship.", ("intention", "")),
        # "would <verb>" reported from a leader
        ("Erdogan said Turkey would keep its advisers there.", ("future", "Turkey")),
        # procedural commitments
        ("The committee will study the proposal next week.", ("future", "The committee")),
        ("The envoy is going to present the plan to the council.", ("future", "The envoy")),
        # readiness and signatures
        ("Algeria stands ready to host the talks.", ("ready", "Algeria")),
        (
            "The truce, signed by the army chief of staff, holds.",
            ("signed_by", "the army chief of staff"),
        ),
        (
            "The two delegations signed a memorandum on prisoner swaps.",
            ("signed", "The two delegations"),
        ),
        # a clause of an agreement reported later binds its signatories
        (
            "The accord called for the removal of all heavy weapons from the city.",
            ("clause", ""),
        ),
    ],
)
def test_commitment_cues(sentence: str, expected: tuple[str, str]) -> None:
    kind, subject = _kind_and_subject(sentence) or ("", "")
    assert kind == expected[0]
    assert subject.endswith(expected[1]) or expected[1] == ""


@pytest.mark.parametrize(
    "sentence",
    [
        # demands on others
        "The envoy called on the armed groups to leave the capital.",
        "Washington urged both camps to agree on a budget.",
        "Foreign troops must leave the country, the minister said.",
        # a prediction, not an act one commits to
        "Analysts say the vote will be close.",
        "The ceasefire will probably collapse, a diplomat warned.",
        # "would" without anyone reporting it
        "A deal would be welcome.",
        # a question
        "Will the mercenaries leave before the vote?",
        # an agreement named by its participle, and a hypothetical
        "The truce agreed last year that ended the siege still holds.",
        "Talks stalled amid efforts to agree on a budget.",
        "Everyone knows that if the rivals agree on a budget, donors could help.",
    ],
)
def test_no_commitment(sentence: str) -> None:
    assert find_commitment(sentence) is None


def test_a_conditional_commitment_is_marked_as_such() -> None:
    found = find_commitment("Our troops will remain in the port as long as the government asks.")
    assert found is not None and (found.kind, found.condition) == ("future", True)
    plain = find_commitment("Our troops will remain in the port.")
    assert plain is not None and plain.condition is False
