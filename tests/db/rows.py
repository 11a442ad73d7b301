"""Rows the repository tests insert by hand."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Source, SourceSketch


def source_row(source_id: uuid.UUID, slug: str, text: str, day: date) -> dict[str, Any]:
    """A stored source `slug`.txt of `text`, published (stated) on `day`."""
    return {
        "id": source_id,
        "slug": slug,
        "file_name": f"{slug}.txt",
        "text": text,
        "sha256": "0" * 64,
        "published_start": day,
        "published_end": day,
        "published_precision": "day",
        "published_explicit": True,
        "published_reason": "stated",
    }


def sketch_row(source_id: uuid.UUID, **keys: Any) -> dict[str, Any]:
    """The link keys of a stored source: none, but those given."""
    empty: dict[str, Any] = {
        "paragraphs": [],
        "paragraph_spans": [],
        "copies": [],
        "copy_size": 0,
        "undated_persons": [],
        "anchor_keys": [],
        "first_round_wide": False,
        "spans": [],
        "origins": [],
    }
    return {"source_id": source_id, **empty, **keys}


async def insert_sources(session: AsyncSession, sketches: Sequence[tuple[uuid.UUID, Any]]) -> None:
    """Stored sources s0.txt, s1.txt, ... ("Talks resumed.", published 10 March 2021), each
    with the link keys given (`sketch_row`)."""
    for n, (source, keys) in enumerate(sketches):
        row = source_row(source, f"s{n}", "Talks resumed.", date(2021, 3, 10))
        await session.execute(insert(Source).values({**row, "sha256": f"{n:064d}"}))
        await session.execute(insert(SourceSketch).values(sketch_row(source, **keys)))
