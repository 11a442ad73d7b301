"""Publication dates of undated articles: never a guess that can exclude the true day."""

from __future__ import annotations

from datetime import date

from seed.extract.parse import decode_article, parse_article
from seed.extract.types import RawArticle
from seed.link.text_bounds import lower_bound
from seed.link.timeline import build_timeline

REPORT = (
    "Foreign Minister Najla Mangoush said that the harbour of Benghazi would soon reopen "
    "to grain ships after three months of closure, and that the first vessel was expected "
    "within days.\nDock workers had staged a sit-in to demand unpaid wages, and the regional "
    "governor promised to pay all arrears before the summer.\nTraders welcomed the move but "
    "warned that storage capacity remained short, citing damaged silos and missing cranes.\n"
)


# The day of the run, pinned: without evidence an undated article may date up to that day.
TODAY = date(2026, 11, 30)


def publication(articles: list[RawArticle], name: str) -> tuple[date, date, str]:
    source = {s.file_name: s for s in build_timeline(articles, today=TODAY).sources}[name]
    interval = source.publication.interval
    return interval.start, interval.end, source.publication.reason


def test_an_undated_copy_is_dated_around_the_dated_original() -> None:
    original = RawArticle("a.txt", " date 2021-05-04 " + REPORT)
    copy = RawArticle("b.txt", REPORT.replace("\n", " "))
    start, end, reason = publication([original, copy], "b.txt")
    assert (start, end) == (date(2021, 5, 2), date(2021, 5, 11))
    assert reason == "inferred from copies of the text: a.txt"


def test_a_yearless_dateline_takes_its_year_from_the_lead_weekday() -> None:
    # Among 2018..2026, 21 June is a Monday in 2021 and the day after a Monday in 2022 (a
    # copy filed late); every other year is ruled out.
    text = (
        "Misrata, June 21 (Agency) - The city council on Monday reopened the coastal road, "
        "closed since the 2018 clashes.\n"
    )
    start, end, reason = publication([RawArticle("a.txt", text)], "a.txt")
    assert (start, end) == (date(2021, 6, 21), date(2022, 6, 22))
    assert reason.startswith("the dateline says Jun 21, on or after 2018-06-21, in a year")


def test_a_yearless_dateline_takes_its_year_from_a_dated_copy() -> None:
    original = RawArticle("a.txt", " date 2021-05-04 " + REPORT)
    copy = RawArticle("b.txt", "BENGHAZI, May 5 (Agency) - " + REPORT)
    start, end, reason = publication([original, copy], "b.txt")
    assert (start, end) == (date(2021, 5, 5), date(2021, 5, 6))
    assert reason.startswith("the dateline says May 5; the year from: inferred from copies")


def test_a_deadline_is_not_a_lower_bound() -> None:
    text = (
        "The council said all fighters must leave by March 2023, and it recalled the "
        "ceasefire of October 2020.\n"
    )
    article = parse_article(decode_article("a.txt", text.encode()))
    found = lower_bound(article)
    assert found is not None
    assert found[0] == date(2020, 10, 1)


def test_one_shared_word_naming_the_act_anchors_a_weekday() -> None:
    dated = RawArticle(
        "a.txt",
        " date 2021-11-26 UN envoy Jan Kubis resigned on 23 November 2021 after ten months.\n",
    )
    undated = RawArticle(
        "b.txt",
        "Jan Kubis has resigned weeks before the vote, the world body said on Tuesday.\n",
    )
    start, end, reason = publication([dated, undated], "b.txt")
    assert (start, end) == (date(2021, 11, 23), date(2021, 11, 29))
    assert reason.startswith("inferred from other sources: 'on Tuesday'")


def test_an_appointment_is_not_anchored_on_a_resignation() -> None:
    dated = RawArticle(
        "a.txt",
        " date 2021-11-26 UN envoy Jan Kubis resigned in Geneva on 23 November 2021.\n",
    )
    undated = RawArticle(
        "b.txt",
        "UN chief Antonio Guterres announced in Geneva the appointment of envoy Jan Kubis on "
        "Tuesday.\n",
    )
    start, _, reason = publication([dated, undated], "b.txt")
    assert (start, reason) == (
        date(2011, 1, 1),
        "no publication date and no dated reference in the text",
    )


def test_a_date_inside_a_quotation_anchors_no_undated_article() -> None:
    # The speaker's "On Monday" is what the quotation talks about, not a day the text dates.
    quoted = RawArticle(
        "a.txt",
        "Talks in Rome\n\nThe envoy spoke to the press in Geneva.\n\n"
        "\u201cOn Monday I will meet the rival delegations in Rome,\u201d said Jan Kubis.\n",
        published=date(2021, 3, 10),
    )
    undated = RawArticle(
        "b.txt",
        "Talks in Rome\n\nJan Kubis met the rival delegations in Rome on Monday, officials said.\n",
    )
    start, end, reason = publication([quoted, undated], "b.txt")
    assert (start, end) == (date(2011, 1, 1), TODAY)
    assert reason == "no publication date and no dated reference in the text"


def test_an_undated_lead_reporting_a_dated_statement_is_published_within_a_week() -> None:
    dated = RawArticle(
        "a.txt",
        "Port deal\n\nJan Kubis said on 9 March 2021 that the harbour of Benghazi would reopen "
        "to grain ships after months of closure.\n",
        published=date(2021, 3, 10),
    )
    undated = RawArticle(
        "b.txt",
        "Port deal\n\nJan Kubis said the harbour of Benghazi would reopen to grain ships after "
        "months of closure.\n",
    )
    start, end, reason = publication([dated, undated], "b.txt")
    assert (start, end) == (date(2021, 3, 9), date(2021, 3, 16))
    assert reason.startswith("inferred from other sources: 'the undated lead' in 'Jan Kubis")


def test_an_undated_lead_sharing_only_common_words_is_not_anchored() -> None:
    dated = RawArticle(
        "a.txt",
        "Port deal\n\nJan Kubis said on 9 March 2021 that the harbour of Benghazi would reopen.\n",
        published=date(2021, 3, 10),
    )
    undated = RawArticle(
        "b.txt",
        "Oil talks\n\nJan Kubis said the oil fields of the south would stay shut for weeks.\n",
    )
    _, _, reason = publication([dated, undated], "b.txt")
    assert reason == "no publication date and no dated reference in the text"


def test_last_months_happening_is_not_anchored_on_another_act_of_the_same_person() -> None:
    # The visit of 9 March is not "last month's shelling": a match without a weekday to
    # confirm it must name the same act, or the undated article would be dated April.
    dated = RawArticle(
        "a.txt",
        "Port visit\n\nJan Kubis visited the grain harbour of Benghazi with the city mayor on "
        "9 March 2021.\n",
        published=date(2021, 3, 10),
    )
    undated = RawArticle(
        "b.txt",
        "Port shelling\n\nJan Kubis condemned last month's shelling of the grain harbour of "
        "Benghazi.\n",
    )
    _, _, reason = publication([dated, undated], "b.txt")
    assert reason == "no publication date and no dated reference in the text"


def test_a_dateline_day_other_sources_rule_out_sets_their_evidence_aside() -> None:
    # The dated agreement of 24 October is not what the March dispatch's "yesterday" tells:
    # the dateline names 3 March, so publication is on a 3 March, in a year the text allows.
    dated = RawArticle(
        "a.txt",
        "Port deal\n\nJan Kubis signed the port agreement with the harbour council on "
        "24 October 2021.\n",
        published=date(2021, 10, 25),
    )
    undated = RawArticle(
        "b.txt",
        "Port talks\n\nBENGHAZI, March 3 (Agency) - Jan Kubis yesterday asked for more time to "
        "read the port agreement before signing it, officials said.\n",
    )
    start, end, reason = publication([dated, undated], "b.txt")
    assert (start, end) == (date(2011, 3, 3), date(2026, 3, 4))
    assert reason == "the dateline says Mar 3, on or after 2011-01-01"


# Tuesday 4 May 2021: the port authority's announcement (no person named: no anchor by person).
ANNOUNCED = (
    "The port authority of Benghazi announced {} that the grain terminal reopened.\n"
    "Dock workers had staged a sit-in to demand unpaid wages, and the regional council "
    "promised to pay all arrears before the summer.\nTraders welcomed the move but warned "
    "that storage capacity remained short, citing damaged silos and missing cranes.\n"
)


def test_an_undated_copy_is_narrowed_by_its_weekday_told_on_a_day_in_the_original() -> None:
    original = RawArticle("a.txt", " date 2021-05-04 " + ANNOUNCED.format("on May 4"))
    copy = RawArticle("b.txt", ANNOUNCED.format("Tuesday"))
    start, end, reason = publication([original, copy], "b.txt")
    # the copy's window (2 May .. 11 May) and "announced Tuesday" (4 May .. 10 May) both hold
    assert (start, end) == (date(2021, 5, 4), date(2021, 5, 10))
    assert reason.startswith("inferred from copies of the text: a.txt; inferred from other")
    assert reason.endswith("a.txt dates 2021-05-04")
