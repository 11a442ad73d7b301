"""Reading copy from other outlets: datelines, credits, asides, capitals, demonyms, discovery."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.actors import ArticleActors
from seed.extract.clauses import relative_clause_at, without_asides
from seed.extract.datelines import filing_day
from seed.extract.event_kinds import event_type
from seed.extract.parse import decode_article, parse_article
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def parsed(text: str) -> tuple[str | None, tuple[int, int] | None, list[str], list[str]]:
    article = parse_article(decode_article("a.txt", text.encode()))
    return (
        article.publisher,
        article.dateline_day,
        [p.kind for p in article.paragraphs],
        [s.text for s in article.sentences],
    )


def test_a_wire_dateline_is_cut_off_and_gives_the_day_and_the_agency() -> None:
    publisher, day, kinds, sentences = parsed(
        "Death toll rises to 32\n"
        "TRIPOLI, Aug 28 (Reuters) - The death toll rose to 32 on Sunday.\n"
        "Reporting by Ahmed Elumami; Editing by Frances Kerry\n"
    )
    assert (publisher, day) == ("Reuters", (8, 28))
    assert kinds == ["headline", "body", "boilerplate"]
    assert sentences == ["The death toll rose to 32 on Sunday."]


def test_an_ap_file_photo_caption_and_copyright_line_are_not_reporting() -> None:
    publisher, day, kinds, sentences = parsed(
        "Parliament swears in prime minister\n"
        "FILE - Fathi Bashagha arrives in Tripoli, Libya, Feb. 10, 2022. (AP Photo/Y. Murad)\n"
        "CAIRO (AP) \u2014 The parliament on Thursday swore in a new prime minister.\n"
        "Copyright 2022 The Associated Press. All rights reserved.\n"
    )
    assert (publisher, day) == ("The Associated Press", None)
    assert kinds == ["headline", "caption", "body", "boilerplate"]
    assert sentences == ["The parliament on Thursday swore in a new prime minister."]


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Source: Al Jazeera and news agencies", "Al Jazeera"),
        ("The Libya Observer is an independent news website based in Tripoli.",
         "The Libya Observer"),
        ("The Washington Newsday Brief News is a daily newspaper published in Washington, D.C.",
         "The Washington Newsday"),
    ],
)  # fmt: skip
def test_the_publisher_is_read_from_the_closing_line(line: str, publisher: str) -> None:
    assert parsed(f"Talks resume\nThe talks resumed on Monday.\n{line}\n")[0] == publisher


def test_a_date_in_a_relative_clause_dates_its_antecedent() -> None:
    sentence = (
        "Participants in the conference, which was held in the German capital on Wednesday, "
        "affirmed their commitment to the ceasefire agreement signed in Geneva on 23 October 2020."
    )
    held = relative_clause_at(sentence, 0, len(sentence), sentence.index("on Wednesday"))
    signed = relative_clause_at(sentence, 0, len(sentence), sentence.index("23 October"))
    assert held is not None and signed is not None
    assert held.title == "the conference was held in the German capital on Wednesday"
    assert signed.title == "the ceasefire agreement signed in Geneva on 23 October 2020."
    truce = "The summit aimed to consolidate a fragile truce that took effect on January 12."
    found = relative_clause_at(truce, 0, len(truce), truce.index("January"))
    assert found is not None and found.title == "a fragile truce took effect on January 12."
    said = "Mangoush said Sunday that a very modest number of mercenaries had already left."
    assert relative_clause_at(said, 0, len(said), said.index("Sunday")) is None


def test_an_aside_without_the_date_is_dropped_from_the_title() -> None:
    text = "Turkey, which has troops stationed in western Libya, said on Saturday it would help."
    assert (
        without_asides(text, text.index("on Saturday")) == "Turkey said on Saturday it would help."
    )


@pytest.mark.parametrize(
    ("clause", "date_text", "kind"),
    [
        ("Haftar's forces declared Thursday that 300 mercenaries fighting on their side will "
         "leave the country", "Thursday", "withdrawal"),
        ("The Joint Military Commission held a meeting in Geneva Wednesday to discuss the "
         "withdrawal of mercenaries", "Wednesday", "meeting"),
        ("The House of Representatives designated Bashagha as prime minister in February",
         "in February", "political"),
        ("Forces loyal to Haftar blockaded the oil terminals on Saturday", "on Saturday",
         "military"),
        # A dated speech verb with reported speech: the happening is the statement...
        ("The UN envoy said on Monday that the departure of the mercenaries would take months",
         "on Monday", "statement"),
        ("Turkey said on Saturday it would attend the conference in Berlin", "on Saturday",
         "statement"),
        ("In January, Libya's foreign minister said that a withdrawal was not expected soon",
         "In January", "statement"),
        ("Turkey's president said on Friday the deal did not seem credible", "on Friday",
         "statement"),
        # ... said to a counterpart, talks ...
        ("Egypt's foreign minister told his Libyan counterpart on Tuesday that Cairo backs the "
         "withdrawal of foreign forces", "on Tuesday", "meeting"),
        # ... but not when the date belongs to what was reported, or the verb has an object.
        ("Officials said on Sunday that fighting erupted in Tripoli on Saturday", "on Saturday",
         "military"),
        ("The army announced on Tuesday the withdrawal of 300 fighters from Sirte", "on Tuesday",
         "withdrawal"),
    ],
)  # fmt: skip
def test_the_type_comes_from_the_predicate_near_the_date(
    clause: str, date_text: str, kind: str
) -> None:
    start = clause.index(date_text)
    assert event_type(clause, start, start + len(date_text)) == kind


def reader_for(text: str) -> ArticleActors:
    reader = ArticleActors(REGISTRY)
    reader.scan(text)
    return reader


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Moscow supports the withdrawal.", ["russia"]),
        ("Lavrov told a press conference in Moscow.", ["sergey-lavrov"]),
        ("Turkish troops remain in Libya.", ["turkey", "libya"]),
        ("mercenaries including Russian, Syrian and Sudanese nationals", []),
        ("forces loyal to Haftar blockaded the port", ["khalifa-haftar", "libyan-national-army"]),
        ("pro-Hifter militias advanced", ["khalifa-haftar", "libyan-national-army"]),
        ("Libya's east-based parliament voted", ["libya", "house-of-representatives"]),
        ("Aguila Saleh said; later Saleh added", ["aguila-saleh", "aguila-saleh"]),
        ("Egyptian and Emirati defence ministers flew in.", ["egypt", "united-arab-emirates"]),
        ("the Egyptian interior and foreign ministers", ["egypt"]),
        ("a spokesman for the Algerian presidency", ["algeria"]),
        ("the Tunisian premiership and the Maltese cabinet", ["tunisia", "malta"]),
        ("the Greek foreign office", ["greece"]),
    ],
)
def test_capitals_demonyms_and_forces_resolve_by_context(text: str, keys: list[str]) -> None:
    assert [h.actor_key for h in reader_for(text).find(text)] == keys


def test_a_name_with_its_title_in_apposition_is_discovered() -> None:
    text = "Abdullah Bliheg, a spokesman for the parliament, said. Bliheg added more."
    reader = reader_for(text)
    person = reader.discovered["abdullah-bliheg"]
    assert (person.name, person.type, person.discovered, person.aliases) == (
        "Abdullah Bliheg",
        "person",
        True,
        ("Bliheg",),
    )
    assert [h.actor_key for h in reader.find(text)] == ["abdullah-bliheg", "abdullah-bliheg"]


DATED = RawArticle(
    "a.txt",
    " date 2021-10-08 Libyan Foreign Minister Najla Mangoush said Tuesday that some "
    "foreign mercenaries had already left the country.\n",
)


def test_a_weekday_is_anchored_only_on_a_statement_made_on_that_weekday() -> None:
    undated = RawArticle(
        "b.txt",
        "Some foreign mercenaries have left the country, Foreign Minister Najla Mangoush said "
        "Sunday.\nThe country split in 2014.\n",
    )
    today = date(2026, 11, 30)
    timeline = build_timeline([DATED, undated], today=today)
    source = {s.file_name: s for s in timeline.sources}["b.txt"]
    assert source.publication.explicit is False
    # No upper bound is guessed: anything up to the day of reading.
    assert (source.publication.interval.start, source.publication.interval.end) == (
        date(2014, 1, 1),
        today,
    )
    assert source.publication.reason.startswith("no publication date and no dated source")


def test_a_weekday_matching_the_dated_statement_anchors_the_publication() -> None:
    undated = RawArticle(
        "b.txt",
        "Some foreign mercenaries have left the country, Foreign Minister Najla Mangoush said "
        "Tuesday.\nThe country split in 2014.\n",
    )
    source = {s.file_name: s for s in build_timeline([DATED, undated]).sources}["b.txt"]
    assert (source.publication.interval.start, source.publication.interval.end) == (
        date(2021, 10, 5),
        date(2021, 10, 11),
    )


def test_a_relative_date_of_an_undated_article_founds_no_event() -> None:
    undated = RawArticle(
        "c.txt",
        "The commander of the Tobruk garrison resigned on Thursday.\nThe country split in 2014.\n",
    )
    events = build_timeline([undated]).events
    assert [(e.date.start.year, e.date.end.year, e.title) for e in events] == [
        (2014, 2014, "The country split in 2014")
    ]


PLEDGE = (
    "The delegates said all foreign fighters will leave the country within 90 days of the signing."
)
# Not a dated happening of its own: the pledge is dated by its article's publication.
UNDATED_PLEDGE = "All foreign fighters will leave the country within 90 days of the signing."


def test_a_reprinted_pledge_is_one_pledge_with_a_mention_per_article() -> None:
    first = RawArticle(
        "wire-a.txt",
        f"Talks end in Geneva\n\n{PLEDGE}\n\nThe talks were held in Geneva on Friday.\n",
        published=date(2020, 10, 24),
    )
    reprint = RawArticle(
        "wire-b.txt",
        f"Libya deal signed\n\nDelegates applauded at the end.\n\n{PLEDGE}\n",
        published=date(2020, 10, 25),
    )
    (pledge,) = build_timeline([first, reprint], REGISTRY).pledges
    assert [m.file_name for m in pledge.mentions] == ["wire-a.txt", "wire-b.txt"]
    # Said in the week before the first article (Oct 24), not on the reprint's day (Oct 25).
    assert pledge.made == DateInterval(date(2020, 10, 17), date(2020, 10, 24), "range")
    assert pledge.deadline == DateInterval(date(2021, 1, 15), date(2021, 1, 22), "range")


def test_a_reprint_with_another_figure_is_another_pledge() -> None:
    # The same paragraph (one origin) but for the figure: not a copy of the same pledge.
    rest = (
        " The joint military commission is to set out the details of the departure of the "
        "foreign forces, the mercenaries and their weapons from the bases in the south."
    )
    first = RawArticle(
        "wire-a.txt", f"Talks\n\n{UNDATED_PLEDGE}{rest}\n", published=date(2020, 10, 24)
    )
    edited = RawArticle(
        "wire-b.txt",
        "Talks\n\n" + UNDATED_PLEDGE.replace("90 days", "60 days") + rest + "\n",
        published=date(2020, 10, 25),
    )
    pledges = build_timeline([first, edited], REGISTRY).pledges
    # The commission's procedural commitment is one pledge told twice; the departures are two.
    departures = [p for p in pledges if "will leave" in p.text]
    assert sorted(p.mentions[0].file_name for p in departures) == ["wire-a.txt", "wire-b.txt"]


def test_the_filing_day_is_the_datelines_day_near_a_narrow_publication() -> None:
    printed = DateInterval(date(2022, 1, 1), date(2022, 1, 2), "range")
    # filed on New Year's Eve, printed a day later: the year before the publication's
    new_year_eve = DateInterval(date(2021, 12, 31), date(2021, 12, 31), "day")
    assert filing_day((12, 31), printed) == new_year_eve
    assert filing_day((1, 2), printed) == DateInterval(date(2022, 1, 2), date(2022, 1, 2), "day")
    assert filing_day((1, 5), printed) == printed  # after publication: not the filing
    assert filing_day(None, printed) == printed
    wide = DateInterval(date(2022, 1, 1), date(2022, 1, 20), "range")
    assert filing_day((1, 2), wide) == wide
