"""Events as one article tells them: subjects shared across clauses, one happening told twice."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _events(text: str) -> list[tuple[str, str, str, list[str], list[str]]]:
    article = RawArticle("a.txt", text, published=date(2020, 10, 23))
    return [
        (
            e.date.start.isoformat(),
            e.type,
            e.title,
            [a.actor_key for a in e.actors],
            [m.quote.text for m in e.mentions],
        )
        for e in build_timeline([article], REGISTRY).events
    ]


def test_a_clause_opening_with_its_verb_takes_the_sentence_subject() -> None:
    text = (
        "Forces loyal to Khalifa Haftar launched an offensive on Tripoli in April 2019, but were "
        "pushed back in June 2020 with Turkish military support.\n"
    )
    june = next(e for e in _events(text) if e[0] == "2020-06-01")
    assert june[1:4] == (
        "military",
        "Forces loyal to Khalifa Haftar were pushed back in June 2020 with Turkish military "
        "support",
        ["khalifa-haftar", "turkey"],
    )


def test_one_article_naming_its_happening_twice_in_other_words_gives_one_event() -> None:
    lead = (
        "Libya's warring sides have signed a permanent ceasefire agreement at talks in Geneva, "
        "the United Nations says."
    )
    body = (
        "The deal, signed on Friday by the 5+5 Joint Military Commission, calls for all foreign "
        "fighters to leave the country within three months."
    )
    ((day, kind, _, _, quotes),) = _events(f"Ceasefire in Libya\n\n{lead}\n\n{body}\n")
    assert (day, kind, sorted(quotes)) == ("2020-10-23", "agreement", sorted([lead, body]))


def test_a_second_main_clause_after_and_is_its_own_event() -> None:
    text = (
        "The Joint Military Commission met in Sirte in October, and it will meet again in "
        "November to agree on a timetable.\n"
    )
    titles = {(e[0], e[2]) for e in _events(text)}
    assert titles == {
        ("2020-10-01", "The Joint Military Commission met in Sirte in October"),
        ("2020-11-01", "It will meet again in November to agree on a timetable"),
    }
