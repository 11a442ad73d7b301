"""News told with a trailing attribution: the news and its telling are two happenings."""

from __future__ import annotations

from datetime import date

from seed.extract.registry import load_registry
from seed.extract.types import RawArticle
from seed.link.timeline import build_timeline

REGISTRY = load_registry()


def _events(text: str) -> list[tuple[str, str, list[str]]]:
    article = RawArticle("a.txt", text, published=date(2020, 10, 23))
    return sorted(
        (e.date.start.isoformat(), e.type, [m.quote.text for m in e.mentions])
        for e in build_timeline([article], REGISTRY).events
    )


def test_news_with_a_dated_attribution_is_a_happening_and_a_statement() -> None:
    text = (
        "Egypt and Tunisia have signed a border accord, the Egyptian foreign ministry announced "
        "on Thursday.\n"
    )
    assert _events(text) == [
        ("2020-10-22", "agreement", ["Egypt and Tunisia have signed a border accord"]),
        (
            "2020-10-22",
            "statement",
            ["the Egyptian foreign ministry announced on Thursday."],
        ),
    ]


def test_a_plan_or_a_calm_told_with_an_attribution_stays_one_event() -> None:
    plan = (
        "Egypt and Tunisia will sign a border accord, the Egyptian foreign "
        "minister said on Thursday.\n"
    )
    assert len(_events(plan)) == 1
    calm = "The border with Tunisia is calm, the Egyptian foreign minister said on Thursday.\n"
    assert len(_events(calm)) == 1


def test_news_of_unnamed_doers_is_what_the_speaker_says() -> None:
    text = "Some fighters have left the south, the Egyptian foreign ministry said on Thursday.\n"
    assert len(_events(text)) == 1


def test_news_of_a_doer_named_before_splits_off() -> None:
    text = (
        "Envoy leaves Tunis\n"
        "The Egyptian envoy visited Tunis on Wednesday.\n"
        "But he left Tunis without an accord, the Egyptian foreign ministry said on Thursday.\n"
    )
    assert [e[1] for e in _events(text)] == ["meeting", "political", "statement"]


def test_news_dated_on_its_own_leaves_the_attribution_day_to_the_telling() -> None:
    text = (
        "Rival forces clashed near Sirte on 12 October, the Egyptian foreign ministry "
        "said on Thursday.\n"
    )
    assert _events(text) == [
        ("2020-10-12", "military", [text.strip()]),
        ("2020-10-22", "statement", ["the Egyptian foreign ministry said on Thursday."]),
    ]
