"""Paragraph origins of a linked neighbourhood: stored quotes keep the ones linking the whole
corpus gave them; a neighbourhood holds only part of their near-duplicate groups."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from seed.extract.types import Mention, Timeline
from seed.link.origins import independent_origins

Spans = Mapping[tuple[int, int], tuple[str, ...]]


def quote_origins(spans: Spans, file_name: str, start: int, end: int) -> tuple[str, ...]:
    """A stored quote's origins by its (start, end) in `spans`, else those linking gives a
    quote of no paragraph (`seed.link.timeline`)."""
    return spans.get((start, end)) or (f"{file_name}:{start}",)


def restore_origins(
    timeline: Timeline, stored: dict[str, dict[tuple[int, int], tuple[str, ...]]]
) -> None:
    """Origins of stored quotes as the corpus-wide linking assigned them (the neighbourhood
    holds only part of their near-duplicate groups); the new articles' own are corpus-wide
    already (given by `seed.near_duplicates` where a paragraph joins a stored group)."""
    assert timeline.keys is not None
    fresh: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}
    for name, found in timeline.keys.sources.items():
        if name not in stored:
            pairs = zip(found.spans[::2], found.spans[1::2], strict=True)
            fresh[name] = {
                span: tuple(o.split()) for span, o in zip(pairs, found.origins, strict=True)
            }
    spans = stored | fresh

    def origins_of(m: Mention) -> tuple[str, ...]:
        found = spans.get(m.file_name, {})
        return quote_origins(found, m.file_name, m.quote.char_start, m.quote.char_end)

    events = []
    for event in timeline.events:
        label = independent_origins([(m.file_name, origins_of(m)) for m in event.mentions])
        mentions = tuple(
            Mention(m.file_name, m.quote, m.date_text, label[m.file_name]) for m in event.mentions
        )
        events.append(dataclasses.replace(event, mentions=mentions))
    timeline.events = events
