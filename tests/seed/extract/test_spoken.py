"""A named speaker's words that the sentence dates only by what they are about are a statement
of the report's days; a speaker at a gathering a relative clause dates spoke that day."""

from __future__ import annotations

from datetime import date

from seed.extract.article import extract_article
from seed.extract.registry import load_registry
from seed.extract.spoken import undated_statement
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()
PUBLISHED = date(2023, 3, 15)


def _events(body: str) -> list[tuple[str, str, str, list[str], list[str]]]:
    article = RawArticle("a.txt", f"Headline here\n\n{body}\n", published=PUBLISHED)
    return sorted(
        (
            f"{e.date.start.isoformat()}..{e.date.end.isoformat()}",
            e.type,
            e.title,
            [a.actor_key for a in e.actors],
            [m.quote.text for m in e.mentions],
        )
        for e in build_timeline([article], REGISTRY).events
    )


def _stretch(sentence: str) -> str | None:
    spoken = undated_statement(sentence, [], [])
    return None if spoken is None else sentence[spoken.start : spoken.end]


def test_a_statement_whose_only_date_is_what_it_announces_is_made_on_the_report_days() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    body = (
        '"The talks on the border will resume in Cairo on 2 May," Egypt\'s foreign minister '
        "said at a news conference in the capital."
    )
    statements = [e for e in _events(f"{lead}\n\n{body}") if e[1] == "statement"]
    assert statements == [
        (
            "2023-03-14..2023-03-15",
            "statement",
            "Egypt's foreign minister said at a news conference in the capital",
            ["egypt"],
            ["Egypt's foreign minister said at a news conference in the capital"],
        )
    ]


def test_a_statement_after_its_quotation_names_its_speaker_after_the_verb() -> None:
    sentence = (
        '"We will meet again in June," said the head of the mission, during a visit to the coast.'
    )
    assert _stretch(sentence) == ("said the head of the mission, during a visit to the coast")


def test_a_speaker_at_a_gathering_dated_by_a_relative_clause_spoke_that_day() -> None:
    lead = "Leaders met in Cairo this week."
    body = (
        "Turkey's foreign minister was speaking at the closing session of the forum, which "
        "ended on Sunday in Cairo."
    )
    statements = [e for e in _events(f"{lead}\n\n{body}") if e[1] == "statement"]
    assert [(e[0], e[2], e[4]) for e in statements] == [
        (
            "2023-03-12..2023-03-12",
            "Turkey's foreign minister was speaking at the closing session of the forum",
            ["Turkey's foreign minister was speaking"],
        )
    ]


def test_a_dated_speech_verb_makes_no_second_statement() -> None:
    body = "Egypt said on Monday that the crossing would reopen in April."
    assert [e for e in _events(body) if e[0] == "2023-03-14..2023-03-15"] == []


def test_only_the_first_undated_statement_of_a_speaker_is_one() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    first = '"The crossing will stay open until the elections in June," Egypt said.'
    second = '"A second crossing will open in July," Egypt said.'
    events = _events(f"{lead}\n\n{first}\n\n{second}")
    # the words of the second are dated by their quotation (see seed.extract.quoted_dates)
    assert [(e[0], e[4]) for e in events if e[0] == "2023-03-14..2023-03-15"] == [
        ("2023-03-14..2023-03-15", ["Egypt said"])
    ]


def test_a_sentence_without_a_date_makes_a_statement_of_the_report_days() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    body = "Egypt's foreign minister said the crossing would stay open for traders."
    assert [(e[0], e[4]) for e in _events(f"{lead}\n\n{body}") if e[1] == "statement"] == [
        ("2023-03-14..2023-03-15", ["Egypt's foreign minister said"])
    ]


def test_an_undated_sentence_of_a_report_of_unknown_days_makes_no_statement() -> None:
    # no marker and a single year to go by: the report's days are not known to two weeks
    lead = "Egypt opened a new border crossing with Libya in 2022."
    body = "Egypt's foreign minister said the crossing would stay open for traders."
    article = RawArticle("b.txt", f"Headline here\n\n{lead}\n\n{body}\n")
    events = build_timeline([article], REGISTRY).events
    assert [e.type for e in events if e.type == "statement"] == []


def test_a_state_qualifying_the_speakers_title_is_not_the_speaker() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    first = "Egypt says the crossing will stay open for traders."
    second = "Egyptian Prime Minister Mostafa Madbouly told reporters that more would open."
    text = f"Headline here\n\n{lead}\n\n{first}\n\n{second}\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    candidates = extract_article(article, REGISTRY).candidates
    # the state spoke, and then its prime minister: two statements, not one carried on
    assert [c.quote for c in candidates if c.type == "statement"] == [
        "Egypt says",
        "Egyptian Prime Minister Mostafa Madbouly told",
    ]


def test_words_said_again_and_again_or_in_a_relative_clause_are_no_statement() -> None:
    assert _stretch("The mission has repeatedly warned that the truce of 2020 may fail.") is None
    assert _stretch("Turkey rejected the law, which it said was passed in 2021.") is None
    assert _stretch("The ministry will say in May whether it agrees.") is None


def test_an_unnamed_speaker_makes_no_statement() -> None:
    assert _stretch("The talks will resume in June, a spokesman said.") is None
    assert _stretch("The talks will resume in June, the spokesman said.") == "the spokesman said"


def test_a_speaker_must_be_named_right_before_the_verb() -> None:
    # "Libya" is in the sentence, but the words before the verb name no speaker
    sentence = "Elections in Libya are due in December, a diplomat in the region said."
    assert _stretch(sentence) is None


def test_a_lead_opening_with_its_telling_gives_the_telling_and_the_news_apart() -> None:
    lead = "Egypt says hundreds of fighters have left the border town of Kufra."
    events = _events(lead)
    assert [(e[0], e[1], e[4]) for e in events] == [
        ("2023-03-15..2023-03-15", "statement", ["Egypt says"]),
        (
            "2023-03-15..2023-03-15",
            "withdrawal",
            ["hundreds of fighters have left the border town of Kufra."],
        ),
    ]


def test_the_telling_of_news_dated_in_the_past_is_no_statement_of_its_own() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    body = "Hundreds of fighters left the town of Kufra on Tuesday, Egypt's foreign minister said."
    # the news is the event; no telling of it on the report's days is made beside it
    events = _events(f"{lead}\n\n{body}")
    assert [e[0] for e in events] == ["2023-03-13..2023-03-13", "2023-03-14..2023-03-14"]


def test_a_speaker_speaks_for_the_body_they_lead_when_the_article_names_it() -> None:
    lead = "The House of Representatives met in Tobruk on Monday to discuss the budget."
    body = '"Talks with Egypt will resume in May," Aguila Saleh said at the airport.'
    statements = [e for e in _events(f"{lead}\n\n{body}") if e[1] == "statement"]
    assert [(e[0], e[3]) for e in statements] == [
        ("2023-03-14..2023-03-15", ["aguila-saleh", "egypt", "house-of-representatives"])
    ]


def test_an_undated_sentence_naming_a_time_of_its_own_makes_no_statement() -> None:
    lead = "Egypt opened a new border crossing with Libya on Monday."
    body = "Egypt's foreign minister said years ago that the crossing would stay open."
    assert [e for e in _events(f"{lead}\n\n{body}") if e[1] == "statement"] == []


def test_an_undated_sentence_goes_on_about_a_happening_its_speaker_took_part_in() -> None:
    lead = "Egypt's foreign minister Sameh Shoukry met his Libyan counterpart on Wednesday."
    body = "Sameh Shoukry told reporters that the border would stay open for traders."
    text = f"Headline here\n\n{lead}\n\n{body}\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    candidates = extract_article(article, REGISTRY).candidates
    # the talks of the report's days are the happening; the minister's words are part of it
    assert [(c.sentence_index, c.type) for c in candidates] == [(0, "meeting")]


def test_a_spokesperson_for_a_leaders_office_makes_a_statement_of_their_own() -> None:
    lead = "Egypt's president warned on Tuesday that the border would be closed to traders."
    aside = "Trucks queued for miles."
    body = "A spokesman for the Egyptian presidency said the crossing at Salloum stays shut."
    text = f"Headline here\n\n{lead}\n\n{aside}\n\n{body}\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    candidates = extract_article(article, REGISTRY).candidates
    # the president's words are dated; the spokesman's are a statement of the report's days,
    # not more words of the president's nor of the warning the state took part in
    assert [(c.sentence_index, c.type, c.quote, c.date.start.isoformat()) for c in candidates] == [
        (0, "statement", lead, "2023-03-14"),
        (2, "statement", "A spokesman for the Egyptian presidency said", "2023-03-14"),
    ]
    assert candidates[1].actors[0] == ("egypt", "speaker")


def test_a_spokespersons_second_undated_statement_carries_on_the_first() -> None:
    lead = "Egypt's president warned on Tuesday that the border would be closed to traders."
    first = "A spokesman for the Egyptian presidency said the crossing at Salloum stays shut."
    second = "A spokesman for the Egyptian presidency said the port stays open."
    text = f"Headline here\n\n{lead}\n\nTrucks queued.\n\n{first}\n\nIt rained.\n\n{second}\n"
    article = RawArticle("a.txt", text, published=PUBLISHED)
    candidates = extract_article(article, REGISTRY).candidates
    assert [c.sentence_index for c in candidates] == [0, 2]


def test_a_lead_dating_only_a_happening_it_names_by_its_day_makes_its_statement() -> None:
    lead = (
        "Italian Foreign Minister Antonio Tajani urged Libya's rivals to agree on a vote "
        "ahead of Thursday's summit in Rome."
    )
    statements = [e for e in _events(lead) if e[1] == "statement"]
    # the summit is dated by its day; the minister's words are of the report's days
    assert [(e[0], e[4]) for e in statements] == [
        ("2023-03-14..2023-03-15", ["Italian Foreign Minister Antonio Tajani urged"])
    ]
