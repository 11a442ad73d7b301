"""Alternations of many literal strings that the regular-expression engine tries quickly.

The engine tries a plain alternation ("a|b|c|...") one branch after another at every position
it reaches; under IGNORECASE it cannot even skip a branch by its first letter. Grouped by the
characters they can start with, each group behind a one-character look-ahead, the same strings
cost a few look-aheads per position instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


def literal_alternation(unique: Sequence[str], flags: int) -> str:
    """The literal strings `unique` as one alternation (no group around it, no anchors) that
    matches what "|".join(map(re.escape, unique)) matches, preferring them in the same order,
    in a pattern compiled with `flags`.

    Two groups never start on the same character (their first characters are joined when the
    flags let them match a common one: "I" and "İ" under IGNORECASE), so at any position only
    one group can match, its strings tried in their order."""
    if not all(unique) or any(ord(s[0]) > 0xFFFF for s in unique):
        return "|".join(re.escape(s) for s in unique)
    parent: dict[str, str] = {}
    owner: dict[str, str] = {}  # a character a first character matches -> that first one

    def root(c: str) -> str:
        while parent[c] != c:
            c = parent[c]
        return c

    for first in dict.fromkeys(s[0] for s in unique):
        parent[first] = first
        for c in _matched_by(first, flags):
            if c in owner and root(owner[c]) != root(first):
                parent[root(owner[c])] = root(first)
            owner.setdefault(c, first)
    groups: dict[str, list[str]] = {}
    for s in unique:
        groups.setdefault(root(s[0]), []).append(s)
    starts: dict[str, set[str]] = {}
    for c, first in owner.items():
        starts.setdefault(root(first), set()).add(c)
    branches = []
    for key, members in groups.items():
        guard = "".join(re.escape(c) for c in sorted(starts[key]))
        branches.append(f"(?=(?-i:[{guard}]))(?:" + "|".join(re.escape(s) for s in members) + ")")
    # and one look-ahead for all of them, which most word starts fail
    every = "".join(re.escape(c) for c in sorted(owner))
    return f"(?=(?-i:[{every}]))(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=1024)
def _matched_by(char: str, flags: int) -> frozenset[str]:
    """Every character of the Basic Multilingual Plane the pattern character `char` matches
    under `flags` (no character beyond it matches one within it under IGNORECASE)."""
    return frozenset(re.findall(re.escape(char), _bmp(), flags))


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
