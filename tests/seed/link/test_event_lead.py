"""The telling an event is titled and summarised by (`seed.link.timeline.lead_of`): the most
precise, then the first published; the file name only breaks a tie."""

from __future__ import annotations

from datetime import date

from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

# Written for this test: two reports of one withdrawal on 14 March 2022, in other words.
FIRST = (
    "Withdrawal\n\n"
    "On 14 March 2022, 300 Syrian fighters withdrew from the Jufra air base, the "
    "Libyan National Army said.\n"
)
LATER = (
    "Jufra\n\n"
    "Some 300 Syrian fighters left the Jufra air base on 14 March 2022, according to "
    "the Libyan National Army.\n"
)
TODAY = date(2026, 11, 30)


def _lead(*articles: RawArticle) -> tuple[str, list[str]]:
    timeline = build_timeline(list(articles), today=TODAY)
    (event,) = [e for e in timeline.events if e.date.start == date(2022, 3, 14)]
    return event.summary, [m.file_name for m in event.mentions]


def test_a_later_report_named_first_does_not_take_the_lead() -> None:
    first = RawArticle("z-first.txt", FIRST, published=date(2022, 3, 15))
    later = RawArticle("a-later.txt", LATER, published=date(2022, 3, 20))

    summary, files = _lead(first, later)

    assert files == ["a-later.txt", "z-first.txt"]
    assert summary.startswith("On 14 March 2022, 300 Syrian fighters withdrew")


def test_reports_of_one_day_are_led_by_the_first_file_name() -> None:
    one = RawArticle("z-one.txt", FIRST, published=date(2022, 3, 15))
    other = RawArticle("a-other.txt", LATER, published=date(2022, 3, 15))

    summary, _ = _lead(one, other)

    assert summary.startswith("Some 300 Syrian fighters left the Jufra air base")
