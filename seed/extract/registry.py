"""The curated actor registry (`seed/registry/actors.yaml`) and its surface-form matcher."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import yaml

from seed.extract.alternatives import literal_alternation
from seed.extract.types import ActorRecord, ActorRelation, ActorType, DateInterval

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "registry" / "actors.yaml"


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 6


@dataclass(frozen=True, slots=True)
class ActorHit:
    actor_key: str
    start: int
    end: int
    surface: str


@dataclass(slots=True)
class Registry:
    actors: dict[str, ActorRecord]
    relations: list[ActorRelation]
    places: tuple[str, ...]
    default_actor: str | None
    # Capitals that stand for their state ("Moscow supports") except where they are a place
    # ("talks in Moscow").
    metonyms: frozenset[str] = frozenset()
    # Demonym -> state key ("Turkish" -> turkey); see actors.py for when a demonym is an actor.
    demonyms: dict[str, str] = field(default_factory=dict)
    # Offices that name a person only while they hold them ("head of the Presidential
    # Council"): folded form -> (from, to, holder key); resolved by `holder` for a date.
    titles: dict[str, tuple[tuple[date, date, str], ...]] = field(default_factory=dict)
    # The people of the registry who are women: "she" does not refer to the others.
    women: frozenset[str] = frozenset()
    _case_sensitive: re.Pattern[str] = field(init=False, repr=False)
    _case_insensitive: re.Pattern[str] = field(init=False, repr=False)
    _places: re.Pattern[str] = field(init=False, repr=False)
    _by_surface: dict[str, str] = field(init=False, repr=False)
    _related: dict[str, set[str]] = field(init=False, repr=False)
    _tenure_ends: dict[str, date | None] = field(init=False, repr=False)
    # Results of other stages that depend only on the registry and a text (see actors.py).
    memo: dict[str, tuple[ActorHit, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._related = {}
        self._tenure_ends = {}
        self.memo = {}
        self._by_surface = {}
        exact: list[str] = []
        folded: list[str] = []
        for record in self.actors.values():
            for surface in (record.name, *record.aliases):
                key = surface if _is_acronym(surface) else _fold(surface)
                self._by_surface.setdefault(key, record.key)
                (exact if _is_acronym(surface) else folded).append(surface)
        for form in self.titles:
            self._by_surface.setdefault(form, TITLE_PREFIX + form)
            folded.append(form)
        self._case_sensitive = _alternation(exact, flags=0)
        self._case_insensitive = _alternation(folded, flags=re.IGNORECASE)
        self._places = _alternation(list(self.places), flags=0)

    def find(self, text: str) -> list[ActorHit]:
        """Every actor surface form in `text`, longest match first, no overlaps."""
        return self._scan(text)

    def _scan(self, text: str) -> list[ActorHit]:
        hits: list[ActorHit] = []
        for pattern, fold in ((self._case_insensitive, True), (self._case_sensitive, False)):
            for m in pattern.finditer(_plain_quotes(text)):
                surface = m.group(0)
                key = self._by_surface.get(_fold(surface) if fold else surface)
                if key is None:
                    continue
                if surface in self.metonyms and _AS_PLACE.search(
                    text, max(0, m.start() - 12), m.start()
                ):
                    continue
                hits.append(ActorHit(key, m.start(), m.end(), surface))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[ActorHit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    def find_places(self, text: str) -> list[tuple[int, str]]:
        return list(_places_in(self._places, text))

    def state_of_capital(self, place: str) -> str | None:
        """The state whose capital `place` is ("Paris" -> france), if the registry says so."""
        if place not in self.metonyms:
            return None
        return self._by_surface.get(_fold(place))

    def get(self, key: str) -> ActorRecord | None:
        return self.actors.get(key)

    def holder(self, title_key: str, when: DateInterval | None) -> str | None:
        """Who held an office over `when`: one holder for the whole interval, else nobody."""
        if when is None:
            return None
        holders = {
            key
            for start, end, key in self.titles.get(title_key.removeprefix(TITLE_PREFIX), ())
            if start <= when.end and when.start <= end
        }
        return holders.pop() if len(holders) == 1 else None

    def tenure_end(self, person_key: str) -> date | None:
        """The day a person's last office the registry knows ended, if it did."""
        if person_key in self._tenure_ends:
            return self._tenure_ends[person_key]
        ends = [
            end
            for spans in self.titles.values()
            for _, end, key in spans
            if key == person_key and end != date.max
        ]
        found = self._tenure_ends[person_key] = max(ends, default=None)
        return found

    def led_force(self, person_key: str) -> str | None:
        """The armed group or government a person leads ("Haftar's forces" -> the LNA)."""
        for r in self.relations:
            if r.subject_key == person_key and r.relation == "leads":
                led = self.actors.get(r.object_key)
                if led is not None and led.type in {"armed_group", "government"}:
                    return led.key
        return None

    def related(self, key: str) -> set[str]:
        """The actor and the bodies it is part of (a UN council counts as the UN)."""
        cached = self._related.get(key)
        if cached is None:
            cached = {key} | {
                r.object_key
                for r in self.relations
                if r.subject_key == key and r.relation == "part_of"
            }
            self._related[key] = cached
        return cached


_AS_PLACE = re.compile(
    r"\b(?:in|at|to|from|near|outside|into|toward|towards|via|around|across|of)\s+\Z", re.I
)


@lru_cache(maxsize=16384)
def _places_in(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, str], ...]:
    # Cached: the text around a date of a wire sentence recurs across articles.
    return tuple((m.start(), m.group(0)) for m in pattern.finditer(text))


def _plain_quotes(text: str) -> str:
    # Same length as the input, so offsets stay valid.
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _fold(surface: str) -> str:
    return _plain_quotes(surface).casefold()


TITLE_PREFIX = "title:"


def _titles(
    entries: list[dict[str, Any]], actors: dict[str, ActorRecord]
) -> dict[str, tuple[tuple[date, date, str], ...]]:
    found: dict[str, list[tuple[date, date, str]]] = {}
    for entry in entries:
        holder = str(entry["holder"])
        if holder not in actors:
            continue
        start = entry.get("from") or date.min
        end = entry.get("to") or date.max
        for form in entry.get("forms", []):
            found.setdefault(_fold(str(form)), []).append((start, end, holder))
    return {form: tuple(sorted(spans)) for form, spans in found.items()}


def _alternation(surfaces: list[str], *, flags: int) -> re.Pattern[str]:
    unique = sorted({_plain_quotes(s) for s in surfaces if s}, key=len, reverse=True)
    if not unique:
        return re.compile(r"(?!x)x")
    body = literal_alternation(unique, flags)
    # Letters and digits around a match mean it is part of another word ("Wagnerian", "UNSMIL").
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


def load_registry(path: Path | None = None) -> Registry:
    data = cast(dict[str, Any], yaml.safe_load((path or DEFAULT_PATH).read_text("utf-8")))
    actors: dict[str, ActorRecord] = {}
    for entry in data.get("actors", []):
        name = str(entry["name"])
        key = slug(name)
        aliases = tuple(dict.fromkeys(str(a) for a in entry.get("aliases", []) if str(a) != name))
        actors[key] = ActorRecord(
            key=key,
            name=name,
            type=cast(ActorType, entry["type"]),
            aliases=aliases,
            discovered=False,
            description=entry.get("description"),
        )
    relations = [
        ActorRelation(subject_key=s, relation=r, object_key=o)
        for s, r, o in data.get("relations", [])
        if s in actors and o in actors
    ]
    demonyms = {str(k): str(v) for k, v in (data.get("demonyms") or {}).items() if str(v) in actors}
    for state in set(demonyms.values()):
        forms = tuple(sorted(d for d, key in demonyms.items() if key == state))
        actors[state] = replace(actors[state], lookup_aliases=forms)
    return Registry(
        actors=actors,
        relations=relations,
        places=tuple(str(p) for p in data.get("places", [])),
        default_actor=data.get("default_actor"),
        metonyms=frozenset(str(m) for m in data.get("metonyms", [])),
        demonyms=demonyms,
        titles=_titles(list(data.get("titles") or []), actors),
        women=frozenset(str(k) for k in data.get("women") or [] if str(k) in actors),
    )
