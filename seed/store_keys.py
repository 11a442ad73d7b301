"""Storing the keys of incremental linking (`seed.link.keys`) computed with a timeline."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import source_id
from db.repositories import link_keys
from seed.extract.types import Timeline
from seed.link.keys import LinkKeys
from seed.names import slugify


async def store_keys(
    session: AsyncSession,
    timeline: Timeline,
    event_ids: dict[str, uuid.UUID],
    sources: Collection[str] | None,
) -> None:
    """Keys of the timeline's events, and of its `sources` (all when None)."""
    keys: LinkKeys | None = timeline.keys
    if keys is None:
        return
    names = [
        s.file_name
        for s in timeline.sources
        if s.file_name in keys.sources and (sources is None or s.file_name in sources)
    ]
    await link_keys.save_source_keys(
        session,
        [
            {
                "source_id": source_id(slugify(name)),
                "paragraphs": list(keys.sources[name].paragraphs),
                "paragraph_spans": list(keys.sources[name].paragraph_spans),
                "copies": list(keys.sources[name].copies),
                "copy_size": keys.sources[name].copy_size,
                "undated_persons": list(keys.sources[name].undated_persons),
                "anchor_keys": list(keys.sources[name].anchors),
                "first_round_wide": name in keys.first,
                "spans": list(keys.sources[name].spans),
                "origins": list(keys.sources[name].origins),
            }
            for name in names
        ],
    )
    sha = {s.file_name: s.sha256 for s in timeline.sources}
    await link_keys.save_member_readings(
        session,
        [
            {
                "source_id": source_id(slugify(name)),
                "kind": kind,
                "char_start": start,
                "char_end": end,
                "date_text": date_text,
                "sha256": sha[name],
                "payload": payload,
            }
            for (name, kind, start, end, date_text), payload in keys.members.items()
            if name in sha
        ],
    )
    await link_keys.save_event_blocks(
        session,
        [
            {
                "event_id": event_ids[key],
                "blocks": blocks,
                "member_starts": [start for start, _ in keys.event_dates[key]],
                "member_ends": [end for _, end in keys.event_dates[key]],
            }
            for key, blocks in keys.events.items()
            if key in event_ids
        ],
    )
