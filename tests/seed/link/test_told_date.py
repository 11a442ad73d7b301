"""An event's date is what every telling of it allows (`seed.link.timeline.told_date`)."""

from __future__ import annotations

from datetime import date

from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

# A minister's words, "today" in a quotation: the day of the report or the day before.
OPENING = (
    "Port reopens\n\n"
    '"Today the harbour of Tobruk opens again to fishing boats," said Foreign Minister '
    "Najla Mangoush, standing on the quay.\n"
    "Dock workers had staged a sit-in to demand unpaid wages.\n"
)


def test_two_reports_a_day_apart_date_the_words_to_the_day_both_allow() -> None:
    first = RawArticle("a.txt", OPENING, published=date(2022, 8, 9))
    second = RawArticle("b.txt", OPENING, published=date(2022, 8, 10))
    timeline = build_timeline([first, second], today=date(2026, 11, 30))
    spans = [(c.date.start, c.date.end) for r in timeline.readings for c in r.candidates]
    assert spans == [(date(2022, 8, 8), date(2022, 8, 9)), (date(2022, 8, 9), date(2022, 8, 10))]
    (event,) = timeline.events
    assert [m.file_name for m in event.mentions] == ["a.txt", "b.txt"]
    assert (event.date.start, event.date.end, event.date.precision) == (
        date(2022, 8, 9),
        date(2022, 8, 9),
        "day",
    )


def test_a_single_report_keeps_the_days_it_allows() -> None:
    timeline = build_timeline(
        [RawArticle("a.txt", OPENING, published=date(2022, 8, 9))], today=date(2026, 11, 30)
    )
    (event,) = timeline.events
    assert (event.date.start, event.date.end) == (date(2022, 8, 8), date(2022, 8, 9))
