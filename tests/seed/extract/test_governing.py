"""The stretch of a sentence a date belongs to, and reactions to a happening."""

from __future__ import annotations

from seed.extract.governing import governing_text, is_reaction


def _at(sentence: str, date_text: str) -> tuple[int, int]:
    start = sentence.index(date_text)
    return start, start + len(date_text)


def test_a_phrase_after_the_date_that_tells_another_happening_is_left_out() -> None:
    sentence = "The league froze the club's funds in 2016 amid a revolt that removed its owner."
    assert governing_text(sentence, *_at(sentence, "in 2016")) == (
        "The league froze the club's funds in 2016 "
    )


def test_a_fronted_date_belongs_to_the_clause_after_its_comma() -> None:
    sentence = "On 9 May, the mayor opened a new bridge over the river."
    assert governing_text(sentence, *_at(sentence, "9 May")) == sentence


def test_a_when_clause_after_the_date_tells_what_happened_then() -> None:
    sentence = "The port has been idle since 2014 when a storm wrecked its cranes, officials say."
    assert governing_text(sentence, *_at(sentence, "2014")) == (
        "2014 when a storm wrecked its cranes"
    )


def test_a_date_inside_a_since_phrase_keeps_that_phrase() -> None:
    sentence = "Since the closure of the mine in 2009, the town has shrunk."
    assert governing_text(sentence, *_at(sentence, "in 2009")) == (
        " the closure of the mine in 2009"
    )


def test_a_verb_of_reacting_next_to_the_date_makes_a_reaction() -> None:
    praised = "The ministry praised on Sunday the truce agreed in Rome."
    signed = "The two sides signed on Sunday the truce agreed in Rome."
    assert is_reaction(praised, *_at(praised, "on Sunday")) is True
    assert is_reaction(signed, *_at(signed, "on Sunday")) is False


def test_a_date_in_an_aside_after_a_comma_dates_the_noun_before_it() -> None:
    sentence = "The contract, awarded on Monday to a local firm, covers three bridges."
    assert governing_text(sentence, *_at(sentence, "on Monday")) == (
        "The contract, awarded on Monday to a local firm"
    )
