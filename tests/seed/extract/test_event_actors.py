"""An event's actors from the sentences around its date: references back, listed participants."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _actors_of(
    text: str, title_part: str, published: date = date(2022, 3, 20)
) -> list[tuple[str, str]]:
    article = RawArticle("a.txt", f"News\n\n{text}\n", published=published)
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


def test_whom_a_sentence_with_one_date_names_outside_the_dated_clause_took_part() -> None:
    actors = _actors_of(
        "The U.N. mission says the joint military commission, with five members from each "
        "side, signed a plan on Friday in the presence of Bathily.",
        "signed a plan",
    )
    assert {"unsmil", "5-plus-5-joint-military-commission"} <= {key for key, _ in actors}


def test_whom_a_sentence_names_after_its_date_is_left_to_that_other_happening() -> None:
    actors = _actors_of(
        "Tunisia closed the border crossing in 2014; Haftar has since courted Moscow.",
        "Tunisia closed",
    )
    assert "khalifa-haftar" not in {key for key, _ in actors}


def test_she_skips_a_man_named_before_for_the_woman_of_the_registry() -> None:
    actors = _actors_of(
        "Last year Guterres made Stephanie Williams his adviser on the file. "
        "She stepped down at the end of June.",
        "stepped down",
    )
    assert actors == [("stephanie-williams", "subject")]


def test_a_next_sentence_taking_up_the_happenings_noun_names_its_participants() -> None:
    actors = _actors_of(
        "The Turkish parliament approved a motion on Tuesday on the naval mission. "
        "The Nationalist Movement Party backed the motion.",
        "approved a motion",
    )
    assert ("nationalist-movement-party", "participant") in actors


def test_a_next_sentence_on_a_topic_noun_is_not_the_same_happening() -> None:
    actors = _actors_of(
        "Mangoush said on Tuesday that a delay of the elections was possible. "
        "Haftar wants the elections to be held soon.",
        "delay of the elections",
    )
    assert "khalifa-haftar" not in {key for key, _ in actors}


def test_attendees_listed_paragraphs_later_took_part_in_the_meeting_before() -> None:
    actors = _actors_of(
        "Macron hosted a conference on Libya in Paris on Friday.\n\n"
        "The country has been divided for years.\n\n"
        "Leaders attending the conference included Draghi and Tebboune.\n\n"
        "Merkel was also present, with Lavrov.",
        "hosted a conference",
    )
    keys = {key for key, _ in actors}
    assert {"mario-draghi", "abdelmadjid-tebboune", "angela-merkel", "sergey-lavrov"} <= keys


def test_attendance_with_a_date_of_its_own_is_another_happening() -> None:
    actors = _actors_of(
        "Macron hosted a conference on Libya in Paris on Friday.\n\n"
        "Draghi attended the conference of 2019 in Palermo.",
        "hosted a conference",
    )
    assert "mario-draghi" not in {key for key, _ in actors}


def test_whom_a_sentence_names_after_in_the_presence_of_attended() -> None:
    actors = _actors_of(
        "Tebboune flew to Algiers for the week. Menfi addressed a session of the Turkish "
        "parliament, which opened on Friday in Ankara, in the presence of Putin.",
        "opened",
    )
    assert ("vladimir-putin", "participant") in actors


def test_a_demonym_before_a_capitalised_title_names_the_persons_state() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. "
        "Egyptian Foreign Minister Sameh Shoukry met Lavrov in Sochi on Monday.",
        "met Lavrov",
    )
    assert actors == [
        ("sameh-shoukry", "subject"),
        ("egypt", "participant"),
        ("sergey-lavrov", "object"),
    ]


def test_the_person_a_demonyms_title_introduces_is_the_object_not_the_state() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. "
        "Lavrov received Egyptian Foreign Minister Sameh Shoukry in Sochi on Monday.",
        "received",
    )
    assert actors == [
        ("sergey-lavrov", "subject"),
        ("sameh-shoukry", "object"),
        ("egypt", "participant"),
    ]


def test_the_holder_of_the_special_representatives_office_on_the_day() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. The Special Representative of the UN "
        "Secretary-General visited Chad on Monday.",
        "visited Chad",
        published=date(2023, 4, 6),
    )
    assert actors[0] == ("abdoulaye-bathily", "subject")
    earlier = _actors_of(
        "Tebboune flew to Cairo for the week. The Special Representative of the UN "
        "Secretary-General visited Chad on Monday.",
        "visited Chad",
        published=date(2019, 4, 6),
    )
    assert earlier[0] == ("ghassan-salame", "subject")


def test_a_leader_named_with_the_full_name_of_his_force_is_named_too() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. "
        "Haftar's self-styled Libyan National Army attacked Gharyan on Monday.",
        "attacked Gharyan",
    )
    assert {"khalifa-haftar", "libyan-national-army"} <= {key for key, _ in actors}


def test_the_actor_after_a_possessive_acts_not_its_owner() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. "
        "Libya's eastern strongman Gen. Khalifa Haftar left Moscow on Monday.",
        "left Moscow",
    )
    assert actors[:2] == [("khalifa-haftar", "subject"), ("libya", "participant")]


def test_a_body_before_a_persons_title_qualifies_the_person() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. LNA leader Khalifa Haftar toured Sirte on Monday.",
        "toured Sirte",
    )
    assert actors[:2] == [("khalifa-haftar", "subject"), ("libyan-national-army", "participant")]


def test_an_actor_that_only_qualifies_the_head_noun_keeps_its_place() -> None:
    actors = _actors_of(
        "Tebboune flew to Cairo for the week. "
        "Egypt's UN ambassador met Bathily in New York on Monday.",
        "met Bathily",
    )
    assert actors[0] == ("egypt", "subject")


def test_the_body_a_person_was_named_with_stays_when_he_speaks_next() -> None:
    actors = _actors_of(
        "A spokesman for the Libyan National Army, Ahmed al-Mismari, spoke to reporters. "
        "He confirmed on Monday that the units were ready.",
        "confirmed",
    )
    assert actors == [
        ("ahmed-al-mismari", "subject"),
        ("libyan-national-army", "participant"),
    ]


def test_the_two_delegations_are_the_two_people_named_together_before() -> None:
    actors = _actors_of(
        "Dbeibah asked for a day to study the text already approved by Aguila Saleh. "
        "On Sunday, the two delegations spent six hours in Cairo trying to sign a deal.",
        "two delegations",
    )
    assert actors[:2] == [("abdul-hamid-dbeibah", "subject"), ("aguila-saleh", "participant")]


def test_who_ran_the_talks_in_an_opening_phrase_took_part_in_them() -> None:
    actors = _actors_of(
        "The rival delegations held talks in Cairo on Sunday. "
        "Chaired by Egyptian and Algerian foreign ministers, the talks ended without a deal.",
        "held talks",
    )
    assert {"egypt", "algeria"} <= {key for key, _ in actors}


def test_those_who_attended_took_part_in_the_meeting_before() -> None:
    actors = _actors_of(
        "Macron hosted a conference on Libya in Paris on Friday.\n\n"
        "Among those who attended were Draghi and Tebboune.",
        "hosted a conference",
    )
    assert {"mario-draghi", "abdelmadjid-tebboune"} <= {key for key, _ in actors}
