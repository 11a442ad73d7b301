"""Word lists that several readers share: the nouns for armed forces.

Counts ("300 mercenaries"), departures ("the troops left"), a leader's force ("Haftar's
forces") and years that are really counts ("2000 fighters") all ask whether a word names men
under arms. The nouns live here once; each reader takes the part it means and compiles its
own pattern from `alternation`.
"""

from __future__ import annotations

from collections.abc import Iterable

# Men under arms counted by head: "300 mercenaries", "1,000 soldiers", "the personnel left".
FIGHTERS: tuple[str, ...] = (
    "troops", "fighters", "mercenaries", "soldiers", "personnel", "combatants",
)  # fmt: skip
# Fighters taken as a body or its parts: "forces", "militias", "units", "a contingent".
ARMED_BODIES: tuple[str, ...] = (
    "forces", "militias", "militia", "units", "contingents", "contingent",
)  # fmt: skip
# Every noun for armed forces: what leaves in a withdrawal.
ARMED_FORCES: tuple[str, ...] = FIGHTERS + ARMED_BODIES
# The nouns that name the force a leader commands ("Haftar's forces", "troops loyal to X");
# a head count ("his 300 mercenaries") or a unit of it does not name the whole force.
LED_FORCES: tuple[str, ...] = ("forces", "troops", "fighters", "militias", "militia")


def alternation(*groups: Iterable[str]) -> str:
    """The words of `groups` as one regular-expression alternation (no group, no anchors)."""
    return "|".join(word for group in groups for word in group)


# News agencies, by the name or acronym a dateline or a credit line gives them (lower case),
# with the name they publish under.
AGENCIES = {
    "ap": "The Associated Press", "afp": "Agence France-Presse", "reuters": "Reuters",
    "upi": "United Press International", "dpa": "dpa", "xinhua": "Xinhua", "ansa": "ANSA",
    "aa": "Anadolu Agency", "anadolu": "Anadolu Agency", "efe": "EFE", "tass": "TASS",
    "ria novosti": "RIA Novosti", "lana": "Libya News Agency", "mena": "MENA",
}  # fmt: skip
