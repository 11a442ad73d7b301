"""The kind of happening a dated clause reports."""

from __future__ import annotations

from seed.extract.clauses import attributed_content_end
from seed.extract.event_kinds import event_type


def _type_at(clause: str, date_text: str) -> str:
    start = clause.index(date_text)
    return event_type(clause, start, start + len(date_text))


def test_a_trailing_attribution_takes_the_kind_of_its_content() -> None:
    clause = (
        "The head of the observer mission has resigned weeks before the country holds its "
        "first elections, the organisation said on Thursday."
    )
    assert _type_at(clause, "on Thursday") == "political"


def test_a_leading_attribution_is_still_a_statement() -> None:
    clause = "The envoy said on Thursday that the elections would be held on time."
    assert _type_at(clause, "on Thursday") == "statement"


def test_only_a_trailing_attribution_to_an_institution_hands_the_kind_to_its_content() -> None:
    person = "A few hundred fighters have left the south, the defence minister said on Thursday."
    body = "A few hundred fighters have left the south, the ministry said on Thursday."
    assert attributed_content_end(person, person.index("on Thursday")) is None
    assert attributed_content_end(body, body.index("on Thursday")) == body.index(", the ministry")


def test_a_lead_in_the_present_perfect_is_the_news_of_the_publication_day() -> None:
    from datetime import date

    from seed.extract.types import RawArticle
    from seed.link.timeline import build_timeline

    text = (
        " date 2022-03-02 Cabinet approved\nThe Libyan parliament has approved a new cabinet "
        "after weeks of wrangling.\nThe vote was boycotted by some members.\n"
    )
    (event,) = build_timeline([RawArticle("a.txt", text)]).events
    assert (event.date.start, event.date.end, event.type) == (
        date(2022, 3, 2),
        date(2022, 3, 2),
        "political",
    )


def test_an_answer_to_a_question_put_at_a_date_is_a_statement() -> None:
    clause = (
        "When asked in March whether the militia was fighting near the port, the minister said no."
    )
    assert _type_at(clause, "in March") == "statement"
    later = "The envoy was asked on Friday whether the rebels had attacked the convoy."
    assert _type_at(later, "on Friday") == "statement"


def test_an_assertion_about_a_future_vote_is_a_statement() -> None:
    clause = (
        "The premier asserted in early May that his cabinet is ready to hold elections in 2024."
    )
    assert _type_at(clause, "in early May") == "statement"


def test_a_lead_warning_of_what_would_happen_is_a_statement() -> None:
    from seed.extract.event_kinds import lead_type

    warning = (
        "The president warned that any attack on the port by the militias would be met by force."
    )
    assert lead_type(warning) == "statement"
    news = "The rebels said they had agreed on a truce with the army."
    assert lead_type(news) == "agreement"


def test_an_undated_lead_making_a_departure_known_is_a_statement_of_the_last_days() -> None:
    from datetime import date

    from seed.extract.types import RawArticle
    from seed.link.timeline import build_timeline

    text = (
        " date 2022-03-02 Fighters leave\nThe defence ministry revealed the departure of 200 "
        "foreign fighters from the south.\n"
    )
    (event,) = build_timeline([RawArticle("a.txt", text)]).events
    assert (event.date.start, event.date.end, event.type) == (
        date(2022, 2, 23),
        date(2022, 3, 2),
        "statement",
    )


def test_an_attempt_at_a_deal_is_talks() -> None:
    clause = "The two teams on Monday spent a whole day trying to sign a truce in the capital."
    assert _type_at(clause, "on Monday") == "meeting"
    clause = "The two teams on Monday signed a truce in the capital."
    assert _type_at(clause, "on Monday") == "agreement"
    clause = "The rivals on Monday made a fresh attempt to agree a truce."
    assert _type_at(clause, "on Monday") == "meeting"


def test_a_session_that_took_place_is_a_meeting() -> None:
    clause = "the committee's fourth session, which took place in Ghadames on Monday"
    assert _type_at(clause, "on Monday") == "meeting"


def test_delegations_that_spent_a_day_together_held_a_meeting() -> None:
    clause = "On Sunday, the two delegations spent six hours in a hotel trying to sign a deal"
    assert _type_at(clause, "On Sunday") == "meeting"


def test_a_counteroffensive_is_a_military_happening() -> None:
    sentence = "Loyalists began a counteroffensive on Monday."
    assert event_type(sentence, sentence.index("on Monday")) == "military"


def test_a_word_that_begins_with_a_trigger_is_not_that_trigger() -> None:
    # "according" begins with "accord", "significant" with "sign", "electricity" with "elect".
    assert _type_at(
        "Rocket fire hit the airport on Monday, according to officials.", "on Monday"
    ) == ("military")
    assert (
        _type_at("The airport reopened on Monday, according to officials.", "on Monday") == "other"
    )
    assert _type_at("Flights resumed on Monday in a significant step.", "on Monday") == "other"
    assert _type_at("The electricity grid failed on Monday.", "on Monday") == "other"


def test_the_simple_past_of_withdraw_is_a_withdrawal() -> None:
    clause = "The brigade withdrew from the coastal town on May 4, its commander said."
    assert _type_at(clause, "May 4") == "withdrawal"
