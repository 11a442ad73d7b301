"""CSV and NDJSON: one event per row/line, written batch by batch (constant memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import orjson

CSV_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "type",
    "title",
    "summary",
    "location",
    "actors",
    "sources",
    "independent_sources",
)


def _actors_cell(actors: list[dict[str, Any]]) -> str:
    return "; ".join(f"{a['name']} ({a['role']})" for a in actors)


async def csv_chunks(batches: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue().encode()
    async for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        for e in batch:
            writer.writerow(
                [
                    e["id"],
                    e["date_start"].isoformat(),
                    e["date_end"].isoformat(),
                    e["date_precision"],
                    e["type"],
                    e["title"],
                    e["summary"],
                    e["location"] or "",
                    _actors_cell(e["actors"]),
                    e["sources"],
                    e["independent_sources"],
                ]
            )
        yield buffer.getvalue().encode()


async def ndjson_chunks(batches: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    async for batch in batches:
        yield b"".join(
            orjson.dumps(e, default=str, option=orjson.OPT_APPEND_NEWLINE) for e in batch
        )
