from __future__ import annotations

import pytest

from seed.extract.actors import ArticleActors
from seed.extract.pledges import QUANTITY
from seed.extract.registry import load_registry

REGISTRY = load_registry()


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Haftar", "khalifa-haftar"),
        ("Hifter", "khalifa-haftar"),
        ("Khalifa Hifter", "khalifa-haftar"),
        ("Gaddafi", "moammar-gadhafi"),
        ("Moamer Kadhafi", "moammar-gadhafi"),
        ("Manqoush", "najla-mangoush"),
        ("U.N.", "united-nations"),
        ("UN", "united-nations"),
        ("5+5 military commission", "5-plus-5-joint-military-commission"),
        ("unity government", "government-of-national-unity"),
        ("United States Africa Command", "africom"),
    ],
)
def test_surface_forms_resolve_to_one_actor(surface: str, key: str) -> None:
    hits = REGISTRY.find(f"On Monday {surface} said.")
    assert [(h.actor_key, h.surface) for h in hits] == [(key, surface)]


def test_acronyms_match_case_sensitively_and_possessives_resolve() -> None:
    hits = REGISTRY.find("the un-named official; Haftar\u2019s forces; the LNA's chief")
    assert [h.actor_key for h in hits] == ["libyan-national-army", "libyan-national-army"]


def test_a_leaders_forces_are_the_force_he_leads() -> None:
    reader = ArticleActors(REGISTRY)
    reader.scan("")
    keys = [h.actor_key for h in reader.find("Khalifa Haftar's eastern-based forces said")]
    assert keys == ["khalifa-haftar", "libyan-national-army"]


def test_titled_names_outside_the_registry_are_discovered() -> None:
    reader = ArticleActors(REGISTRY)
    text = (
        "Brigadier General Omar Abu Zarqa said the talks went well. "
        "Later, Abu Zarqa added that the Ghadames Reconciliation Committee would meet again."
    )
    reader.scan(text)
    assert sorted(reader.discovered) == ["ghadames-reconciliation-committee", "omar-abu-zarqa"]
    person = reader.discovered["omar-abu-zarqa"]
    assert (person.type, person.discovered, person.aliases) == ("person", True, ("Zarqa",))
    assert [h.actor_key for h in reader.find(text)] == [
        "omar-abu-zarqa",
        "omar-abu-zarqa",
        "ghadames-reconciliation-committee",
    ]


def test_pledge_quantities_and_units() -> None:
    found = QUANTITY.search("declared that 300 foreign mercenaries fighting on their side")
    assert found is not None
    assert (found.group("q"), found.group("unit")) == ("300", "mercenaries")
    found = QUANTITY.search("a first group of 1,200 Syrian fighters")
    assert found is not None
    assert (found.group("q").replace(",", ""), found.group("unit")) == ("1200", "fighters")


def test_an_office_title_names_its_holder_at_the_articles_date() -> None:
    from datetime import date

    from seed.extract.types import DateInterval

    text = "The head of the Presidential Council said the talks would resume."

    def holder(when: DateInterval | None) -> list[str]:
        reader = ArticleActors(REGISTRY)
        reader.scan(text)
        reader.when = when
        return [h.actor_key for h in reader.find(text)]

    assert holder(DateInterval(date(2020, 2, 1), date(2020, 2, 1), "day")) == ["fayez-al-sarraj"]
    assert holder(DateInterval(date(2021, 10, 3), date(2021, 10, 9), "range")) == [
        "mohammad-younes-menfi"
    ]
    # Unknown date, or an interval spanning the handover: nobody is named.
    assert holder(None) == []
    assert holder(DateInterval(date(2021, 1, 1), date(2021, 6, 30), "range")) == []


@pytest.mark.parametrize(
    ("text", "sentence", "keys"),
    [
        # named in full, then by its head noun
        (
            "The 5+5 Joint Military Commission met in Geneva. The commission agreed a plan.",
            "The commission agreed a plan.",
            ["5-plus-5-joint-military-commission"],
        ),
        # two bodies with that head noun: "the council" names neither
        (
            "The Presidential Council and the High Council of State met. The council agreed.",
            "The council agreed.",
            [],
        ),
        # never named in full: no one to refer to
        ("The commission agreed a plan.", "The commission agreed a plan.", []),
    ],
)
def test_a_body_named_in_full_is_found_again_by_its_head_noun(
    text: str, sentence: str, keys: list[str]
) -> None:
    reader = ArticleActors(REGISTRY)
    reader.scan(text)
    assert [h.actor_key for h in reader.find(sentence)] == keys


def test_a_news_agency_is_an_actor_when_it_acts_not_when_it_is_a_source() -> None:
    reader = ArticleActors(REGISTRY)
    reader.scan("")
    assert [h.actor_key for h in reader.find("AFP obtained a copy of the letter.")] == [
        "agence-france-presse"
    ]
    for sentence in (
        "The spokesman told AFP the talks were over.",
        "Xinhua reported that the road had reopened.",
        "A letter seen by Reuters says so.",
        "TRIPOLI (Reuters) - The road reopened.",
    ):
        assert [h.actor_key for h in reader.find(sentence)] == [], sentence


def _discovered(text: str) -> dict[str, tuple[str, str | None]]:
    reader = ArticleActors(REGISTRY)
    reader.scan(text)
    return {key: (r.name, r.description) for key, r in reader.discovered.items()}


def test_people_introduced_by_a_lower_case_role_are_discovered_with_the_role() -> None:
    assert _discovered(
        "The acting US ambassador Jane Quill arrived. UN spokesman Pedro Lemos spoke. "
        "Foreign Ministry spokesperson Ana-Maria Voss declined to comment."
    ) == {
        "jane-quill": ("Jane Quill", "acting US ambassador"),
        "pedro-lemos": ("Pedro Lemos", "UN spokesman"),
        "ana-maria-voss": ("Ana-Maria Voss", "Foreign Ministry spokesperson"),
    }


def test_title_fragments_and_kept_titles_are_not_discovered() -> None:
    assert _discovered(
        "The Minister of Foreign Affairs Tomas Kerr spoke to the General Assembly. "
        "Lina Varga, Ambassador Lina Varga's deputy, said the Peoples' Liberty Party met the "
        "Supreme Council of Elders and the Foreign Ministry and the Russian Ministry of Defence."
    ) == {
        "tomas-kerr": ("Tomas Kerr", "Minister"),
        "lina-varga": ("Lina Varga", "Ambassador"),
        "supreme-council-of-elders": ("Supreme Council of Elders", None),
    }


def test_a_name_inside_a_registry_name_is_not_a_new_body() -> None:
    assert _discovered("The Justice and Development Party won the vote.") == {}
