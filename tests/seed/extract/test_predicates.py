"""The kind of happening read from the predicate that governs the date."""

from __future__ import annotations

from seed.extract.events import event_type
from seed.extract.predicates import predicate_type


def _kind(clause: str, date_text: str) -> str:
    start = clause.index(date_text)
    return predicate_type(clause, start, start + len(date_text), event_type)


def test_a_reaction_to_a_truce_is_a_statement_not_an_agreement() -> None:
    clause = "The ministry hailed on Sunday the truce agreed between the two sides in Rome."
    assert _kind(clause, "on Sunday") == "statement"


def test_a_trigger_outside_the_dated_stretch_does_not_type_it() -> None:
    clause = "The council approved the long-debated budget in 2014 amid clashes in the south."
    start = clause.index("in 2014")
    assert event_type(clause, start, start + 7) == "military"
    assert _kind(clause, "in 2014") == "political"


def test_a_stretch_naming_no_happening_takes_the_kind_of_its_clause() -> None:
    clause = "The envoy, who resigned last week, said today that it takes effect on 10 May."
    assert _kind(clause, "on 10 May") == "political"


def test_lawmakers_voting_is_a_political_act_not_an_election() -> None:
    clause = "Lawmakers voted 301-122 on Wednesday to extend the navy's mission by a year."
    assert _kind(clause, "on Wednesday") == "political"


def test_a_ratification_is_political_whatever_it_ratifies() -> None:
    clause = "The ratification last week of a new voting law angered the opposition."
    assert _kind(clause, "last week") == "political"


def test_a_reopened_road_is_a_political_act() -> None:
    clause = "Two days before the donors' summit, the desert highway was reopened on Sunday."
    assert _kind(clause, "on Sunday") == "political"


def test_sending_troops_is_military() -> None:
    clause = "Ankara sent its troops to the country on a two-year mandate in March."
    assert _kind(clause, "in March") == "military"


def test_a_tour_of_capitals_is_a_meeting() -> None:
    clause = "The envoy completed last week a tour of four Gulf capitals."
    assert _kind(clause, "last week") == "meeting"


def test_a_person_who_leaves_leaves_a_post_forces_withdraw() -> None:
    assert _kind("He left at the start of March.", "at the start of March") == "political"
    clause = "Some 200 fighters left at the start of March."
    assert _kind(clause, "at the start of March") == "withdrawal"


def test_of_two_verbs_sharing_an_object_the_first_names_the_act() -> None:
    clause = "The town has been calm since rebels toppled and killed the governor in 2016."
    assert _kind(clause, "in 2016") == "political"


def test_a_news_conference_is_where_a_statement_is_made_not_a_meeting() -> None:
    clause = "The ambassador was asked at a news conference Friday about the sanctions."
    assert _kind(clause, "Friday") != "meeting"


def test_a_speech_verb_that_governs_the_date_keeps_the_statement() -> None:
    clause = "During the meeting on Tuesday, the envoy said that the talks aim to end the feud."
    assert _kind(clause, "on Tuesday") == "statement"


def test_announcing_the_launch_of_an_operation_is_a_military_act() -> None:
    clause = "On 2 May, the army announced the launch of its long-awaited operation in the south."
    assert _kind(clause, "On 2 May") == "military"
    opening = (
        "Launching the offensive, the general says in a televised address on 5 May: it is time."
    )
    assert _kind(opening, "on 5 May") == "military"
    campaign = "The party launched its election campaign on 5 May in the capital."
    assert _kind(campaign, "on 5 May") != "military"


def test_not_ruling_a_thing_out_is_a_statement() -> None:
    clause = "The foreign minister in early March did not rule out delaying the vote."
    assert _kind(clause, "in early March") == "statement"


def test_a_military_commission_drawing_up_a_plan_is_no_military_act() -> None:
    clause = "The joint military commission drew up an action plan last May for the pullout."
    assert _kind(clause, "last May") == "agreement"


def test_forces_moving_on_a_place_is_a_military_act() -> None:
    clause = "The same day, rebel forces moved south from the hills towards the airport."
    assert _kind(clause, "The same day") == "military"


def test_pushing_back_a_vote_is_a_political_act_not_fighting() -> None:
    clause = "The assembly in early May pushed back municipal elections until the autumn."
    assert _kind(clause, "in early May") == "political"


def test_troops_or_warplanes_arriving_in_a_place_is_a_military_act() -> None:
    assert _kind("The envoy arrived in the port city on Friday night.", "on Friday") != "military"
    assert _kind("Foreign troops arrived in the port city on Friday night.", "on Friday") == (
        "military"
    )
    assert _kind("Two warplanes landed at the desert base on Friday.", "on Friday") == "military"


def test_retaking_a_town_is_a_military_act() -> None:
    assert _kind("Government forces recaptured the oasis town on March 2.", "on March 2") == (
        "military"
    )
    assert _kind("The brigade retook the bridge on March 2.", "on March 2") == "military"


def test_receiving_a_leader_or_a_delegation_is_a_meeting() -> None:
    clause = "The king received the visiting prime minister in Rabat on Sunday."
    assert _kind(clause, "on Sunday") == "meeting"
    assert _kind("The port received a cargo of wheat on Sunday.", "on Sunday") != "meeting"
