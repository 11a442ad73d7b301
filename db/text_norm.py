"""Normalisation of names for case- and accent-insensitive lookup (`?actor=hifter`)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w+]+")


def normalise_name(value: str) -> str:
    """Casefold, strip accents and dots, turn other punctuation into spaces: "U.N." -> "un"."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Dots vanish so that "U.N." and "UN" meet; apostrophes go with a possessive "s".
    stripped = re.sub(r"['\u2019]s\b", "", stripped.replace(".", ""))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()
