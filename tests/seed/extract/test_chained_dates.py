"""Dates counted from the previous dated happening, and dates that only a quotation gives."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _dated_quotes(text: str, published: date = date(2020, 3, 20)) -> list[tuple[str, str, str]]:
    article = RawArticle("a.txt", "Clashes near the capital\n\n" + text, published=published)
    return sorted(
        (e.date.start.isoformat(), e.date.end.isoformat(), m.quote.text)
        for e in build_timeline([article], REGISTRY).events
        for m in e.mentions
    )


def test_the_same_day_and_the_next_day_count_from_the_previous_sentence_date() -> None:
    text = (
        "On 12 March, the Libyan National Army shelled the airport of Mitiga.\n\n"
        "The same day, the Government of National Accord closed the coastal road.\n\n"
        "The next day, the United Nations called for a humanitarian truce."
    )
    first, second, third = text.split("\n\n")
    assert _dated_quotes(text) == [
        ("2020-03-12", "2020-03-12", first),
        ("2020-03-12", "2020-03-12", second),
        ("2020-03-13", "2020-03-13", third),
    ]


def test_the_previous_day_in_the_same_sentence_counts_from_its_date() -> None:
    text = (
        "On 12 March, the Libyan National Army captured the town of Gharyan, having said the "
        "previous day that it was preparing to march on Tripoli."
    )
    dates = [(start, end) for start, end, _ in _dated_quotes(text)]
    assert dates == [("2020-03-11", "2020-03-11"), ("2020-03-12", "2020-03-12")]


def test_a_phrase_counting_from_a_named_happening_is_not_chained() -> None:
    text = (
        "On 12 March, the Libyan National Army shelled the airport of Mitiga.\n\n"
        "The day before the vote, the Government of National Accord closed the coastal road. "
        "The United Nations called for a truce on the same day as the summit."
    )
    assert [q for _, _, q in _dated_quotes(text)] == [
        "On 12 March, the Libyan National Army shelled the airport of Mitiga."
    ]


def test_without_a_dated_sentence_before_a_chained_phrase_says_nothing() -> None:
    text = "The same day, the Government of National Accord closed the coastal road."
    assert _dated_quotes(text) == []


def test_a_date_given_only_inside_a_quotation_dates_the_speaker_words() -> None:
    text = (
        "The Government of National Accord rejected the offer.\n\n"
        "\u201cToday we signed a truce with our neighbours,\u201d said Fayez al-Sarraj in Tripoli."
    )
    # "today" is the speaker's day: the day of the report or the one before.
    assert [(start, end) for start, end, q in _dated_quotes(text) if "Today" in q] == [
        ("2020-03-19", "2020-03-20")
    ]


def test_a_quotation_without_a_speaker_outside_it_gives_no_date() -> None:
    text = (
        "The Government of National Accord rejected the offer.\n\n"
        "\u201cToday we signed a truce with our neighbours and we keep it.\u201d"
    )
    assert [q for _, _, q in _dated_quotes(text) if "Today" in q] == []


def test_talks_of_stated_length_ended_by_a_dated_signing_span_the_days_up_to_it() -> None:
    text = (
        "The rival delegations signed a truce on Friday after four days of talks in Tunis, "
        "officials said."
    )
    # Friday 2020-03-20: the talks ran Tuesday to Friday, besides the Friday signing.
    dates = [(start, end) for start, end, _ in _dated_quotes(text)]
    assert dates == [("2020-03-17", "2020-03-20"), ("2020-03-20", "2020-03-20")]
    worded = "At the end of three-day, UN-backed talks in Tunis, the delegations signed on Friday."
    assert [(start, end) for start, end, _ in _dated_quotes(worded)] == [
        ("2020-03-18", "2020-03-20"),
        ("2020-03-20", "2020-03-20"),
    ]


def test_talks_ended_by_a_signing_were_held_by_its_parties() -> None:
    # The clause of the dates names only the Libyan National Army; the signing also takes the
    # party named before it, and so do the talks that ended with it.
    text = (
        "Clashes near the capital\n\nThe Government of National Accord, with five delegates, "
        "signed a truce with the Libyan National Army on Friday, at the end of four-day talks in "
        "Tunis."
    )
    article = RawArticle("a.txt", text, published=date(2020, 3, 20))
    events = build_timeline([article], REGISTRY).events
    assert [(e.type, sorted(a.actor_key for a in e.actors)) for e in events] == [
        ("meeting", ["government-of-national-accord", "libyan-national-army", "tunisia"]),
        ("agreement", ["government-of-national-accord", "libyan-national-army"]),
    ]


def test_a_gathering_of_stated_length_that_ended_on_a_day_lasted_the_days_up_to_it() -> None:
    first = "The two-day conference on the coastal road ended on 12 March in Rome."
    second = "A three-day forum of the rival camps, which concluded in Tunis on Friday, set a date."
    third = "The next day, the United Nations called for a humanitarian truce."
    text = f"{first}\n\n{third}\n\n{second}"
    # the day it ended stays the day the next sentence counts from
    assert _dated_quotes(text) == [
        ("2020-03-11", "2020-03-12", first),
        ("2020-03-13", "2020-03-13", third),
        # the relative clause that dates the forum is its telling
        ("2020-03-18", "2020-03-20", second.removesuffix(", set a date.")),
    ]


def test_a_day_far_from_the_gathering_that_ended_is_not_its_end() -> None:
    text = (
        "The two-day meeting ended, and the delegates said that the coastal road had been "
        "reopened on 12 March."
    )
    assert [(s, e) for s, e, _ in _dated_quotes(text)] == [("2020-03-12", "2020-03-12")]
