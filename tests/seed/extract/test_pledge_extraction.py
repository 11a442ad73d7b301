"""Which sentences commit someone to something, and to what deadline."""

from __future__ import annotations

from datetime import date

from seed.extract.article import date_article
from seed.extract.parse import decode_article, parse_article
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, PublicationDate, RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _pledges(sentence: str) -> list[tuple[list[str], DateInterval | None]]:
    article = RawArticle("a.txt", f"Libya\n\n{sentence}\n", published=date(2021, 1, 22))
    return [
        ([a.actor_key for a in p.actors], p.deadline)
        for p in build_timeline([article], REGISTRY).pledges
    ]


def test_an_obligation_an_agreement_set_is_a_pledge_with_its_deadline() -> None:
    ((_, deadline),) = _pledges(
        "Under the Oct. 23 agreement, all foreign forces were to leave the country within three "
        "months."
    )
    assert deadline == DateInterval(date(2021, 1, 23), date(2021, 1, 23), "day")


def test_a_reported_commitment_to_withdraw_is_a_pledge_of_whoever_made_it() -> None:
    ((actors, deadline),) = _pledges(
        "Turkey said it would withdraw its troops if the Libyan government asked it to."
    )
    assert (actors[0], deadline) == ("turkey", None)


def test_a_demand_that_others_leave_is_not_a_pledge() -> None:
    assert _pledges("Blinken said Russian mercenaries must leave Libya.") == []


def _one(text: str, published: date = date(2021, 1, 22)) -> tuple[list[str], str, object]:
    article = RawArticle("a.txt", f"Libya\n\n{text}\n", published=published)
    (pledge,) = build_timeline([article], REGISTRY).pledges
    return [a.actor_key for a in pledge.actors], pledge.text, pledge


def test_we_in_a_quote_is_the_speaker() -> None:
    actors, _, _ = _one('"We will reopen our consulate in Benghazi," Dendias said.')
    assert actors[0] == "nikos-dendias"


def test_a_pronoun_subject_is_the_last_matching_actor_named_before() -> None:
    actors, _, _ = _one(
        "Algeria hosted the neighbours of Libya in its capital. It plans to send border guards."
    )
    assert actors == ["algeria"]


def test_a_conditional_pledge_keeps_its_condition() -> None:
    _, text, _ = _one(
        "Turkey will keep its advisers in the country as long as the government in Tripoli "
        "asks for them."
    )
    assert text.endswith("as long as the government in Tripoli asks for them")


def test_a_dated_deadline_after_the_commitment() -> None:
    _, _, pledge = _one("Italy will reopen its consulate in Benghazi by March 15.")
    assert pledge.deadline == DateInterval(date(2021, 3, 15), date(2021, 3, 15), "day")  # type: ignore[attr-defined]
    assert pledge.made == DateInterval(date(2021, 1, 22), date(2021, 1, 22), "day")  # type: ignore[attr-defined]


def test_the_end_of_the_year_is_a_deadline() -> None:
    _, _, pledge = _one("Greece pledged to train the coast guard before the end of the year.")
    assert pledge.deadline == DateInterval(date(2021, 12, 31), date(2021, 12, 31), "day")  # type: ignore[attr-defined]


def test_a_future_date_is_what_a_pledge_is_for_not_when_it_was_made() -> None:
    _, _, pledge = _one("Malta will host a donors' meeting on March 3.")
    assert (pledge.made.start, pledge.deadline.start) == (date(2021, 1, 22), date(2021, 3, 3))  # type: ignore[attr-defined]


def test_an_agreements_date_and_a_later_deadline_in_one_sentence() -> None:
    _, _, pledge = _one(
        "A truce agreed in 2019 in Palermo called for the departure of all militias in July 2020."
    )
    assert (pledge.made.start, pledge.deadline) == (  # type: ignore[attr-defined]
        date(2019, 1, 1),
        DateInterval(date(2020, 7, 1), date(2020, 7, 31), "month"),
    )


def test_a_figure_with_its_unit() -> None:
    _, _, pledge = _one("Chad promised that 1,200 soldiers would return home.")
    assert (pledge.quantity, pledge.unit) == (1200, "soldiers")  # type: ignore[attr-defined]


def test_an_agent_signs_for_the_pledge() -> None:
    actors, _, _ = _one("The memorandum, signed by Dbeibah, was rejected by the parliament.")
    assert actors[0] == "abdul-hamid-dbeibah"


def test_a_scheduled_happening_without_a_committing_actor_is_no_pledge() -> None:
    assert _pledges("The conference will be held in a hotel by the sea.") == []


def test_a_sentence_referring_back_takes_the_count_of_the_one_before() -> None:
    article = RawArticle(
        "a.txt",
        "Libya\n\nSome 450 Chadian fighters left the south on Monday.\n\n"
        "The move, first announced in May by the Libyan National Army, was meant to build "
        "trust.\n",
        published=date(2022, 8, 2),
    )
    pledges = build_timeline([article], REGISTRY).pledges
    moves = [p for p in pledges if p.text.startswith("The move")]
    assert [(p.quantity, p.unit, p.actors[0].actor_key) for p in moves] == [
        (450, "fighters", "libyan-national-army")
    ]


def test_a_future_event_of_the_paragraph_is_not_when_a_quoted_pledge_was_made() -> None:
    article = RawArticle(
        "a.txt",
        "Libya\n\nThe summit opens in Rome on October 3. "
        '"Italy will chair the summit on October 3," the minister said.\n',
        published=date(2022, 8, 2),
    )
    pledges = build_timeline([article], REGISTRY).pledges
    chair = [p for p in pledges if "chair" in p.text]
    assert [(p.made.start, p.deadline.start if p.deadline else None) for p in chair] == [
        (date(2022, 8, 2), date(2022, 10, 3))
    ]


def test_one_pledge_told_by_two_articles_with_the_same_day_due_is_one_pledge() -> None:
    first = RawArticle(
        "a.txt",
        "Libya\n\nMalta will host a donors' conference on Libya on November 9, its premier said.\n",
        published=date(2022, 8, 2),
    )
    second = RawArticle(
        "b.txt",
        "Libya\n\nThe premier said Malta will host a donors' conference on Libya on November 9.\n",
        published=date(2022, 8, 30),
    )
    pledges = build_timeline([first, second], REGISTRY).pledges
    assert [[m.file_name for m in p.mentions] for p in pledges] == [["a.txt", "b.txt"]]


def test_a_future_whose_subject_is_a_thing_is_no_pledge() -> None:
    assert _pledges("Kubis said the country is going to hold a census in June.") == []


def test_a_future_in_a_relative_clause_on_a_thing_is_no_pledge() -> None:
    assert _pledges("Haftar named members of a committee that will represent him in Rome.") == []


def test_a_departure_promised_is_a_pledge_whatever_its_subject() -> None:
    ((_, deadline),) = _pledges(
        "The next phase will bring the departure of all mercenaries within three months."
    )
    assert deadline == DateInterval(date(2021, 4, 22), date(2021, 4, 22), "day")


def test_a_demonstrative_subject_refers_back_and_may_commit() -> None:
    ((_, deadline),) = _pledges(
        "Tunisia hosted the signing on Friday. This shall be followed by a prisoner exchange "
        "within three months."
    )
    assert deadline is not None


def test_a_speaker_date_in_the_paragraph_before_does_not_date_a_commitment() -> None:
    text = (
        "Libya\n\n"
        "\u201cYesterday was a hard day for all of us,\u201d said Fayez al-Sarraj in Tripoli.\n\n"
        "Turkey said it would withdraw its troops if the Libyan government asked it to.\n"
    )
    article = RawArticle("a.txt", text, published=date(2021, 1, 22))
    (pledge,) = build_timeline([article], REGISTRY).pledges
    assert pledge.made == DateInterval(date(2021, 1, 22), date(2021, 1, 22), "day")


def test_a_pledge_of_an_article_dated_within_a_year_is_not_made_on_a_later_plan() -> None:
    # Published some day of 2022: the vote of 20 November may lie after publication, so it
    # does not date the making of the pledge told next to it; the publication span does.
    text = (
        "Vote\n\nThe Italian foreign minister said the municipal elections planned for "
        "November 20 this year must go ahead. \u201cWe will keep helping them with ballot "
        "boxes,\u201d the minister said.\n"
    )
    parsed = parse_article(decode_article("a.txt", text.encode()))
    span = DateInterval(date(2022, 1, 1), date(2022, 12, 31), "range")
    found = date_article(parsed, REGISTRY, PublicationDate(span, explicit=False, reason="test"))
    assert [p.made for p in found.pledges] == [span]


def _made(text: str) -> tuple[date, date]:
    article = RawArticle("a.txt", f"Libya\n\n{text}\n", published=date(2021, 5, 12))
    (pledge,) = build_timeline([article], REGISTRY).pledges
    return pledge.made.start, pledge.made.end


def test_a_quoted_pledge_with_its_speaker_is_made_in_the_report_not_on_a_date_before() -> None:
    made = _made(
        "The Tunisian navy seized a smuggling boat in March.\n\n"
        '"Tunisia will keep training the Libyan coast guard," the defence ministry said.'
    )
    assert made == (date(2021, 5, 12), date(2021, 5, 12))


def test_an_unquoted_pledge_takes_the_date_of_the_paragraph_before() -> None:
    made = _made(
        "Tunisian and Libyan ministers met in Djerba in March.\n\n"
        "Tunisia pledged to keep training the Libyan coast guard."
    )
    assert made == (date(2021, 3, 1), date(2021, 3, 31))
