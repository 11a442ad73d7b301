"""The gazetteer: parsing, variants, and the precision each kind of place gives."""

from __future__ import annotations

import pytest

from seed.extract.gazetteer import UNPLACED, Placement, load_gazetteer, parse_gazetteer
from seed.extract.registry import load_registry

SMALL = {
    "libya": {"name": "Libya", "kind": "country", "lat": 27.0, "lon": 17.0},
    "jufra": {
        "name": "Jufra",
        "kind": "region",
        "lat": 29.1,
        "lon": 15.9,
        "country": "libya",
        "variants": ["al-Jufra"],
    },
    "geneva": {
        "name": "Geneva",
        "kind": "city",
        "lat": 46.2,
        "lon": 6.1,
        "variants": ["Genève"],
    },
    "watiya": {"name": "al-Watiya", "kind": "site", "lat": 32.5, "lon": 11.9, "country": "libya"},
}


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("Geneva", Placement("geneva", 46.2, 6.1, "place")),
        ("GENEVE", Placement("geneva", 46.2, 6.1, "place")),
        ("genève", Placement("geneva", 46.2, 6.1, "place")),
        ("Al Jufra", Placement("jufra", 29.1, 15.9, "region")),
        ("al-Watiya", Placement("watiya", 32.5, 11.9, "place")),
        ("Libya", Placement("libya", 27.0, 17.0, "country")),
        ("Atlantis", UNPLACED),
        ("", UNPLACED),
        (None, UNPLACED),
    ],
)
def test_a_location_is_placed_by_name_or_variant(location: str | None, expected: Placement) -> None:
    assert parse_gazetteer(SMALL).place(location) == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"geneva": {**SMALL["geneva"], "kind": "planet"}}, "unknown kind"),
        ({"geneva": {**SMALL["geneva"], "lat": 146.2}}, "out of range"),
        ({"geneva": {**SMALL["geneva"], "country": "switzerland"}}, "unknown country"),
        ({"paris": {"name": "Paris", "kind": "city", "lat": 1, "lon": 1, "variants": ["Geneve"]}},
         "names both"),
    ],
)  # fmt: skip
def test_a_malformed_gazetteer_is_refused(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_gazetteer(SMALL | change)


def test_every_place_the_extraction_records_is_in_the_gazetteer() -> None:
    gazetteer = load_gazetteer()
    assert [p for p in load_registry().places if gazetteer.key_of(p) is None] == []


def test_the_places_of_the_conflict_and_its_diplomacy() -> None:
    gazetteer = load_gazetteer()
    expected = {
        "Tripoli": ("place", 32.8872, 13.1913),
        "al-Jufra": ("region", 29.1268, 15.9477),
        "Watiya": ("place", 32.4747, 11.8989),
        "Misurata": ("place", 32.3754, 15.0925),
        "Skhirat": ("place", 33.8527, -7.032),
        "new york": ("place", 40.7128, -74.006),
        "Kuwait": ("country", 29.3, 47.5),
        "Fezzan": ("region", 26.0, 14.0),
    }
    placed = {
        name: (p.location_precision, p.latitude, p.longitude)
        for name in expected
        for p in [gazetteer.place(name)]
    }
    assert placed == expected
