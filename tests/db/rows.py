"""Rows the repository tests insert by hand."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any


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
