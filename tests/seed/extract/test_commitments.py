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
        # a future someone only hopes for, thinks or expects: a prediction
        "The mediator was hopeful that the new round will boost the talks.",
        "The envoy thinks the council will approve the nominee.",
        "She considered that the pullout, with calmer borders, will bring trade back.",
        # what one comes to understand is no act
        "The rivals will also understand that force fails.",
        # a consequence foreseen: "..., which would end ..."
        "An aide said the envoy was named, which would end a long search.",
        # an attempt to sign is no signature
        "The delegations spent the night in an attempt to sign a truce.",
        # "signed by", "endorsed by" only of a commitment; a law or a demand commits nobody
        "The results should be endorsed by the Security Council.",
        "The budget law was signed by the speaker of parliament.",
        # a noun, not someone promising
        "Fighting resumed regardless of pledges to the contrary.",
        # an order to the listeners
        '"Be ready to defend the border at any moment," the general told his troops.',
        # an agreement named by its passive or participle
        "The truce, which was agreed upon in March, is of great importance to Malta.",
        "The road map, which was agreed on Friday, is of great importance to Malta.",
        "The committees agreed upon in 2021 have not met.",
        # "plan" as a noun; a schedule in the passive
        "The vote is the core of a UN plan to restore order.",
        "The sessions, which are planned to last two days, began today.",
    ],
)
def test_no_commitment(sentence: str) -> None:
    assert find_commitment(sentence) is None


def test_a_conditional_commitment_is_marked_as_such() -> None:
    found = find_commitment("Our troops will remain in the port as long as the government asks.")
    assert found is not None and (found.kind, found.condition) == ("future", True)
    plain = find_commitment("Our troops will remain in the port.")
    assert plain is not None and plain.condition is False


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # a belief in something is no prediction of a future act
        ("Turkey said it believes in dialogue and will withdraw its advisers.", "future"),
        # "agreed upon" with its object: the parties agree now
        ("The two sides agreed upon a prisoner exchange.", "agreed"),
        # the thing signed is a commitment: its signer made it
        ("The memorandum, signed by the defence minister, enters into force.", "signed_by"),
        # a verb of intention after a pronoun, not a noun
        ("They plan to reopen the consulate.", "intention"),
    ],
)
def test_still_a_commitment(sentence: str, kind: str) -> None:
    found = find_commitment(sentence)
    assert found is not None and found.kind == kind
