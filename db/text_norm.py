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


# Words a reader puts before a name that no alias carries: "the", honorifics, titles.
_LEADING = re.compile(
    r"^(?:the|mr|mrs|ms|dr|sheikh|gen|general|lt|maj|brig|col|colonel|field|marshal|"
    r"president|vice|prime|deputy|foreign|defen[cs]e|interior|minister|ambassador|envoy|"
    r"special|commander|chancellor|king|prince|emir|premier|speaker|secretary|spokes(?:man|"
    r"woman|person)|acting|former|un|us|eu|libyan|strongman|leader|chief|head)\s+"
)
# What follows a leader's name when the reader means what he leads: "Haftar's forces" (the
# possessive is gone after `normalise_name`).
_TRAILING = re.compile(
    r"\s+(?:forces|troops|militias?|fighters|army|loyalists|camp|government|administration)$"
)
# Arabic articles written as separate words after normalisation ("al menfi", "el sisi").
_PARTICLE = re.compile(r"\b(?:al|el)\s+")


def lookup_forms(value: str) -> list[str]:
    """Normalised forms to look `value` up by, most literal first: as given, without leading
    titles and determiners, without a trailing "forces"-like noun, without "al-"/"el-"."""
    forms = [normalise_name(value)]
    stripped = forms[0]
    while (shorter := _LEADING.sub("", stripped, count=1)) != stripped and shorter:
        if _LEADING.fullmatch(shorter + " "):
            break  # "UN secretary general" stays: what is left is a title, not a name
        stripped = shorter
        forms.append(stripped)
    bare = _TRAILING.sub("", stripped)
    if bare and bare != stripped:
        forms.append(bare)
    unparticled = _PARTICLE.sub("", bare or stripped)
    if unparticled:
        forms.append(unparticled)
    return [f for f in dict.fromkeys(forms) if f]
