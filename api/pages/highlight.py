"""An article split into runs of text, each marked with the extracted quotes covering it, so
the source page can highlight quotes without ever building HTML from article text."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    # The mentions whose [char_start, char_end) covers this run, in the order given.
    mentions: tuple[dict[str, Any], ...]


def runs(text: str, mentions: list[dict[str, Any]]) -> list[Run]:
    """`text` cut at every mention boundary; overlapping quotes mark the runs they share.

    Offsets outside the text are clipped (an edited text must not break the page).
    """
    size = len(text)
    spans = [
        (max(0, min(m["char_start"], size)), max(0, min(m["char_end"], size)), m) for m in mentions
    ]
    cuts = sorted({0, size, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(m for s, e, m in spans if s <= start and end <= e and s < e)
        out.append(Run(text[start:end], covering))
    return out
