"""TimelineJS3 (Knight Lab) JSON: `{"title": ..., "events": [...]}`.

Dates never claim more precision than the text had: month and day are omitted below the
event's precision; an end date is given only for multi-day intervals of day-level precision
(ranges, weeks) and for seasons and quarters (as months). Each event has one group: its type.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import orjson

_DAY_LEVEL = {"day", "week", "range"}
_MONTH_LEVEL = {"month", "season", "quarter"}


def _tl_date(d: date, precision: str) -> dict[str, int]:
    if precision in _DAY_LEVEL:
        return {"year": d.year, "month": d.month, "day": d.day}
    if precision in _MONTH_LEVEL:
        return {"year": d.year, "month": d.month}
    return {"year": d.year}


def _display(d: date, precision: str) -> str:
    if precision in _DAY_LEVEL:
        return f"{d.day} {d:%B %Y}"
    if precision in _MONTH_LEVEL:
        return f"{d:%B %Y}"
    return str(d.year)


def slide(e: dict[str, Any]) -> dict[str, Any]:
    start, end, precision = e["date_start"], e["date_end"], e["date_precision"]
    item: dict[str, Any] = {
        "start_date": _tl_date(start, precision),
        "text": {"headline": e["title"], "text": e["summary"]},
        "group": e["type"],
        "unique_id": str(e["id"]),
        "display_date": _display(start, precision),
    }
    multi_day = precision in _DAY_LEVEL and end != start
    multi_month = precision in {"season", "quarter"}
    if multi_day or multi_month:
        item["end_date"] = _tl_date(end, precision)
        item["display_date"] += " \u2013 " + _display(end, precision)
    return item


async def timelinejs_chunks(
    batches: AsyncIterator[list[dict[str, Any]]], *, headline: str, text: str
) -> AsyncIterator[bytes]:
    title = {"text": {"headline": headline, "text": text}}
    yield b'{"title":' + orjson.dumps(title) + b',"events":['
    first = True
    async for batch in batches:
        body = b",".join(orjson.dumps(slide(e)) for e in batch)
        yield (b"" if first else b",") + body
        first = False
    yield b"]}"
