"""Pledges across articles (`seed.link.pledge_groups.group_pledges`): which tellings are one
pledge, on pledges written for these tests."""

from __future__ import annotations

from datetime import date, timedelta

from seed.extract.pledges import PledgeCandidate
from seed.extract.tokens import content_tokens
from seed.extract.types import ActorLink, DateInterval, TimelineEvent
from seed.link.pledge_groups import PLEDGE_LOOKBACK, group_pledges, reported_withdrawals
from seed.link.pledge_status import Withdrawal

AS_OF = date(2022, 6, 30)
NO_WITHDRAWALS: tuple[list[str], list[Withdrawal]] = ([], [])


def _pledge(name: str, text: str, made: date) -> PledgeCandidate:
    day = DateInterval(made, made, "day")
    return PledgeCandidate(
        file_name=name,
        quote_start=0,
        quote_end=len(text),
        quote=text,
        text=text,
        actors=["turkey"],
        made=day,
        deadline=None,
        duration=None,
        quantity=None,
        unit=None,
        event=None,
        tokens=frozenset(content_tokens(text)),
        origins=(f"{name}:0",),  # a paragraph of its own (as linking assigns it)
    )


def test_a_pledge_told_again_is_one_however_many_of_its_actor_lie_between() -> None:
    # More of the actor's pledges than the groups looked back at, each on a day of its own
    # (and a text of its own), sort between the two tellings of one pledge.
    first = _pledge("a-first.txt", "Turkey pledged to withdraw its advisers", date(2021, 3, 1))
    others = [
        _pledge(
            f"b-{n:03d}.txt",
            f"Turkey pledged to open consulate number {n} in the south",
            date(2020, 1, 1) + timedelta(days=2 * n),
        )
        for n in range(PLEDGE_LOOKBACK + 10)
        if date(2020, 1, 1) + timedelta(days=2 * n) != date(2021, 3, 1)
    ]
    again = _pledge("c-again.txt", "Turkey pledged to withdraw its advisers", date(2021, 3, 1))

    pledges = group_pledges([first, *others, again], [], {}, AS_OF, None, NO_WITHDRAWALS)

    assert len(pledges) == len(others) + 1
    told_twice = [p for p in pledges if len(p.mentions) == 2]
    assert [[m.file_name for m in p.mentions] for p in told_twice] == [
        ["a-first.txt", "c-again.txt"]
    ]


def test_the_same_words_a_year_apart_are_two_pledges() -> None:
    spring = _pledge("a.txt", "Turkey pledged to withdraw its advisers", date(2021, 3, 1))
    next_spring = _pledge("b.txt", "Turkey pledged to withdraw its advisers", date(2022, 3, 1))

    pledges = group_pledges([spring, next_spring], [], {}, AS_OF, None, NO_WITHDRAWALS)

    assert [[m.file_name for m in p.mentions] for p in pledges] == [["a.txt"], ["b.txt"]]


def _event(key: str, kind: str, day: date, summary: str, *actors: str) -> TimelineEvent:
    return TimelineEvent(
        key=key,
        title=summary,
        summary=summary,
        type=kind,
        date=DateInterval(day, day, "day"),
        date_resolved=True,
        location=None,
        actors=tuple(ActorLink(a, "subject") for a in actors),
        mentions=(),
    )


def test_withdrawals_are_rated_with_as_stored_in_report_order() -> None:
    # What re-rating a stored pledge reads of a withdrawal: its stored day, summary and actors.
    events = [
        _event("c", "withdrawal", date(2021, 5, 2), "Convoys left Sirte", "turkey"),
        _event("a", "meeting", date(2021, 5, 1), "Talks in Rome", "turkey"),
        _event("b", "withdrawal", date(2021, 5, 2), "Buses left Misrata", "libya", "turkey"),
        _event("d", "withdrawal", date(2021, 4, 30), "Trucks left Jufra", "wagner-group"),
    ]
    related = {"wagner-group": {"wagner-group", "russia"}}

    keys, reported = reported_withdrawals(events, lambda k: related.get(k, {k}), "libya")

    assert keys == ["d", "b", "c"]
    assert [(w[0].start, sorted(w[1]), w[2]) for w in reported] == [
        (date(2021, 4, 30), ["russia", "wagner-group"], "Trucks left Jufra"),
        (date(2021, 5, 2), ["turkey"], "Buses left Misrata"),
        (date(2021, 5, 2), ["turkey"], "Convoys left Sirte"),
    ]
