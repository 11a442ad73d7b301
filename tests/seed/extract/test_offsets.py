"""A happening named by a count of days from the dated one of its sentence is dated by it."""

from __future__ import annotations

from datetime import date

from seed.extract.dates import find_dates
from seed.extract.offsets import offset_hits
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()
PUBLISHED = date(2022, 5, 11)  # a Wednesday


def _counted(sentence: str) -> list[tuple[str, str]]:
    day = DateInterval(PUBLISHED, PUBLISHED, "day")
    hits = tuple(find_dates(sentence, day))
    return [(h.text, h.interval.start.isoformat()) for h in offset_hits(sentence, hits)]


def test_days_before_a_happening_put_it_after_the_dated_one() -> None:
    sentence = (
        "Four days before the opening of the donors' summit, the border was closed on Monday."
    )
    assert _counted(sentence) == [
        ("Four days before the opening of the donors' summit", "2022-05-13")
    ]


def test_days_after_a_happening_put_it_before_the_dated_one() -> None:
    sentence = "Two weeks after the vote, the commission resigned on Monday."
    assert _counted(sentence) == [("Two weeks after the vote", "2022-04-25")]


def test_no_count_no_happening_or_no_day_gives_nothing() -> None:
    assert _counted("A few days before the summit, the border was closed on Monday.") == []
    assert _counted("Three days after the flood, the road was closed on Monday.") == []
    assert _counted("Three days before the summit, the road was closed in May.") == []
    assert _counted("A month ahead of the elections, the road was closed on Monday.") == []


def test_the_counted_happening_is_an_event_of_its_own_with_its_own_words() -> None:
    text = (
        "Border closed\n\nThree days before the start of the Tunis forum on trade, the border "
        "with Tunisia was closed on Monday.\n"
    )
    events = build_timeline([RawArticle("a.txt", text, published=PUBLISHED)], REGISTRY).events
    counted = [e for e in events if e.date.start == date(2022, 5, 12)]
    assert [(e.type, e.title, [m.quote.text for m in e.mentions]) for e in counted] == [
        (
            "meeting",
            "The Tunis forum on trade",
            ["Three days before the start of the Tunis forum on trade"],
        )
    ]
