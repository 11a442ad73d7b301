"""The kind of happening a dated clause reports."""

from __future__ import annotations

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
