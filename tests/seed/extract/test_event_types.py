"""The kind of happening a dated clause reports."""

from __future__ import annotations

from seed.extract.clauses import attributed_content_end
from seed.extract.events import event_type


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
