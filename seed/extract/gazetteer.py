"""The curated gazetteer (`seed/registry/places.yaml`) and where a location string lies in it.

Pure: a location name in, a `Placement` out. Ingestion calls `place_columns` for every event;
the API uses `Gazetteer.key_of` to match `location=` against any variant of a place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from db.text_norm import normalise_name

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "registry" / "places.yaml"

PlaceKind = Literal["city", "site", "region", "country"]
LocationPrecision = Literal["place", "region", "country", "none"]

# A city or a site locates an event exactly; a region or a country only roughly.
_PRECISION_OF_KIND: dict[str, LocationPrecision] = {
    "city": "place",
    "site": "place",
    "region": "region",
    "country": "country",
}


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    country: str | None
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an event's location lies: a gazetteer place and how precisely it locates it."""

    place: str | None
    latitude: float | None
    longitude: float | None
    location_precision: LocationPrecision


UNPLACED = Placement(None, None, None, "none")


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]
    # Normalised name or variant -> place key.
    by_name: dict[str, str]

    def key_of(self, name: str) -> str | None:
        """The place `name` (its name or any variant, any case or accents) refers to."""
        return self.by_name.get(normalise_name(name))

    def place(self, location: str | None) -> Placement:
        key = self.key_of(location) if location else None
        if key is None:
            return UNPLACED
        found = self.places[key]
        return Placement(found.key, found.lat, found.lon, _PRECISION_OF_KIND[found.kind])


def parse_gazetteer(data: dict[str, Any]) -> Gazetteer:
    places: dict[str, Place] = {}
    by_name: dict[str, str] = {}
    for key, entry in data.items():
        if entry["kind"] not in _PRECISION_OF_KIND:
            raise ValueError(f"place {key}: unknown kind {entry['kind']!r}")
        place = Place(
            key=str(key),
            name=str(entry["name"]),
            kind=cast(PlaceKind, entry["kind"]),
            lat=float(entry["lat"]),
            lon=float(entry["lon"]),
            country=entry.get("country"),
            variants=tuple(str(v) for v in entry.get("variants", [])),
        )
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            raise ValueError(f"place {key}: coordinates out of range")
        places[place.key] = place
        for name in (place.name, *place.variants):
            taken = by_name.setdefault(normalise_name(name), place.key)
            if taken != place.key:
                raise ValueError(f"{name!r} names both {taken} and {place.key}")
    for place in places.values():
        if place.country is not None and place.country not in places:
            raise ValueError(f"place {place.key}: unknown country {place.country!r}")
    return Gazetteer(places=places, by_name=by_name)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    data = yaml.safe_load((path or DEFAULT_PATH).read_text("utf-8"))
    return parse_gazetteer(cast(dict[str, Any], data))


def place_columns(location: str | None) -> dict[str, Any]:
    """The event columns the location gives (the ingestion and editing hook)."""
    placed = load_gazetteer().place(location)
    return {
        "place": placed.place,
        "latitude": placed.latitude,
        "longitude": placed.longitude,
        "location_precision": placed.location_precision,
    }
