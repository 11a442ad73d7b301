"""Clusters rebuilt from what merging made of the same candidates before.

Linking a neighbourhood twice (the second time with the pledges of its changed events) need
not merge its candidates again: each candidate's cluster from the first pass is its label, and
the clusters are rebuilt from those labels in the merge order (`seed.link.merge`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from seed.extract.candidate import Candidate
from seed.extract.types import Mention, TimelineEvent
from seed.link.merge import Cluster, merge_order, probe_of

# A quote as a linked event's mention names it: (file name, start, end, date text).
QuoteKey = tuple[str, int, int, str]


def quote_key(c: Candidate) -> QuoteKey:
    return (c.file_name, c.quote_start, c.quote_end, c.date_text or "")


def mention_key(m: Mention) -> QuoteKey:
    """The quote key of a linked event's mention (that of the candidate it was made from)."""
    return (m.file_name, m.quote.char_start, m.quote.char_end, m.date_text or "")


def labels_of(events: Sequence[TimelineEvent]) -> dict[QuoteKey, int]:
    """The event (its index) of each quote of linked `events`: the labels `regroup` reads."""
    return {mention_key(m): index for index, event in enumerate(events) for m in event.mentions}


def regroup(
    candidates: Sequence[Candidate],
    labels: Mapping[QuoteKey, int],
    related: Callable[[str], set[str]],
) -> list[Cluster] | None:
    """The clusters `cluster_candidates` made of these very candidates before, each candidate
    labelled with its cluster (`labels`), rebuilt without merging them again: taken in the
    merge order, each cluster is created by its first member and the others join it in turn,
    as they did. None when a candidate has no label, or two have one key."""
    keys = [quote_key(c) for c in candidates]
    if len(set(keys)) != len(keys) or any(key not in labels for key in keys):
        return None
    clusters: list[Cluster] = []
    made: dict[int, Cluster] = {}
    for candidate in sorted(candidates, key=merge_order):
        label = labels[quote_key(candidate)]
        if label not in made:
            made[label] = Cluster(number=len(clusters))
            clusters.append(made[label])
        made[label].add(candidate, probe_of(candidate, related))
    return clusters
