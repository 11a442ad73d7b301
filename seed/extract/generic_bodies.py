"""A state's institution named without its state: "the Foreign Ministry", "the presidency".

Copy from a state's own media or about one state says "the Foreign Ministry welcomed ..." and
means that state's. The registry holds such bodies with their state ("Egyptian Foreign
Ministry", part of Egypt). A generic name resolves to the body of the article's subject state:
among the states whose body has that name, the one the article names most often, when it is
named strictly more often than any other. Otherwise nothing is resolved.
"""

from __future__ import annotations

import re
from collections import Counter

from seed.extract.registry import Registry

# The generic names: what the body is, without whose.
GENERIC_BODY = re.compile(
    r"\b[Tt]he\s+(?P<noun>(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior)\s+[Mm]inistry|"
    r"[Mm]inistry\s+of\s+(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior)(?:\s+[Aa]ffairs)?|"
    r"[Pp]residency|[Pp]arliament)(?![\w-])"
)
_SAME = {
    "ministry of foreign affairs": "foreign ministry",
    "ministry of foreign": "foreign ministry",
    "ministry of defence": "defence ministry",
    "ministry of defense": "defence ministry",
    "defense ministry": "defence ministry",
    "ministry of interior": "interior ministry",
    "ministry of interior affairs": "interior ministry",
}
_BODY_TYPES = {"government", "organization"}


def _normal(noun: str) -> str:
    folded = " ".join(noun.lower().split())
    return _SAME.get(folded, folded)


def generic_bodies(registry: Registry, text: str, states: Counter[str]) -> dict[str, str]:
    """Surface form ("the Foreign Ministry") -> body key, for the generic names in `text`;
    `states` counts the article's mentions of each state."""
    found: dict[str, str] = {}
    for m in GENERIC_BODY.finditer(text):
        surface = m.group(0)
        if surface in found:
            continue
        owners = _bodies_by_state(registry, _normal(m.group("noun")))
        ranked = sorted(((states[s], s) for s in owners if states[s] > 0), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            continue
        bodies = owners[ranked[0][1]]
        if len(bodies) == 1:
            (found[surface],) = bodies
    return found


def _bodies_by_state(registry: Registry, noun: str) -> dict[str, set[str]]:
    """The bodies whose name (or an alias) ends in `noun`, by the state each belongs to."""
    owners: dict[str, set[str]] = {}
    for record in registry.actors.values():
        if record.type not in _BODY_TYPES:
            continue
        forms = (record.name, *record.aliases)
        if not any(_normal(_tail(form, noun)) == noun for form in forms):
            continue
        state = _state_of(registry, record.key, forms)
        if state is not None:
            owners.setdefault(state, set()).add(record.key)
    return owners


def _tail(form: str, noun: str) -> str:
    """The last words of `form`, as many as `noun` has (its head noun phrase)."""
    words = form.split()
    return " ".join(words[-len(noun.split()) :])


def _state_of(registry: Registry, key: str, forms: tuple[str, ...]) -> str | None:
    """The state a body belongs to: by the registry's part_of relation, else by the state
    its name qualifies it with ("Turkish Presidency", "Egypt's foreign ministry")."""
    for relation in registry.relations:
        if relation.subject_key == key and relation.relation == "part_of":
            owner = registry.actors.get(relation.object_key)
            if owner is not None and owner.type == "state":
                return owner.key
    for form in forms:
        first = re.sub(r"['\u2019]s\Z", "", form.split()[0])
        state = registry.demonyms.get(first)
        if state is None:
            hit = registry.find(first)
            record = registry.actors.get(hit[0].actor_key) if hit else None
            state = record.key if record is not None and record.type == "state" else None
        if state is not None:
            return state
    return None
