"""Stored near-duplicate groups a new paragraph renames, renamed in place.

A group is named by the smallest normalised text among its paragraphs (`seed.link.origins`),
so a new paragraph that joins a group with a smaller text renames it, though no stored
paragraph changes group. Linking the whole corpus would then give every quote of the group's
paragraphs the new id, and every mention the label its event's (pledge's) origins give it;
nothing else it decides reads an id, only whether two are equal. This does the same for the
sources holding the group's paragraphs and the events and pledges they are quoted in: a group
holds at most `seed.near_duplicates.MAX_STORED` stored paragraphs, so the cost does not grow
with the corpus.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import link_keys as keys_repo
from db.repositories import origin_renames as repo
from seed.link.origins import independent_origins
from seed.link.stored_origins import quote_origins

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Renames:
    """Old group id -> new, and the stored sources holding a paragraph of a renamed group."""

    ids: dict[str, str] = field(default_factory=dict)
    sources: set[uuid.UUID] = field(default_factory=set)


def renamed(joined: str, ids: Mapping[str, str]) -> str:
    """A quote's origins as stored (ids joined by " ") with the renamed ones replaced."""
    return " ".join(ids.get(origin, origin) for origin in joined.split())


async def rename(session: AsyncSession, renames: Renames) -> None:
    """Store the renamed ids in the quotes' origins, then the mentions' labels they change."""
    changed: dict[uuid.UUID, list[str]] = {}
    for source, (_, found) in (await repo.span_origins(session, renames.sources)).items():
        now = [renamed(joined, renames.ids) for joined in found]
        if now != found:
            changed[source] = now
    labels = await relabel(session, changed)
    log.info(
        "near-duplicate groups renamed: %d ids, %d sources, %d mentions relabelled",
        len(renames.ids), len(changed), labels,
    )  # fmt: skip


# (mention, source, its file name, char_start, char_end, origin) of a mention beside a source.
_Beside = tuple[uuid.UUID, uuid.UUID, str, int, int, str]


async def relabel(session: AsyncSession, changed: Mapping[uuid.UUID, list[str]]) -> int:
    """Store the `changed` origins of the sources' quotes and pledges, then the labels of the
    mentions of the events and pledges they are quoted in (as `seed.link.timeline` labels
    them from their origins): how many mentions changed label."""
    await repo.save_span_origins(session, changed)
    rows = await repo.mentions_beside(session, sorted(changed))
    spans = await keys_repo.origins_of(session, [(row[2], row[4], row[5]) for row in rows])
    by_target: defaultdict[uuid.UUID, list[_Beside]] = defaultdict(list)
    for mention, target, source, file_name, start, end, origin in rows:
        by_target[target].append((mention, source, file_name, start, end, origin))
    labels: dict[uuid.UUID, str] = {}
    for mentions in by_target.values():
        label = independent_origins(
            [
                (name, quote_origins(spans.get(source, {}), name, start, end))
                for _, source, name, start, end, _ in mentions
            ]
        )
        for mention, _, name, _, _, origin in mentions:
            if label[name] != origin:
                labels[mention] = label[name]
    await repo.save_mention_origins(session, labels)
    return len(labels)
