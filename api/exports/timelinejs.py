"""TimelineJS3 (Knight Lab) JSON: `{"title": ..., "events": [...]}`.

TimelineJS renders `headline` and `text` as HTML, so every value we did not write ourselves
(titles, summaries, outlet names) is HTML-escaped, and the only markup is ours: a paragraph
crediting each source with a link to its page.

Dates never claim more than the text had. `date_start`/`date_end` are the earliest and latest
possible day, not a duration, so a slide has no `end_date` (TimelineJS would draw a bar): its
`start_date` keeps only the units both ends share (day, else month, else year) and
`display_date` says the interval in words ("between 1 and 8 October 2021", "autumn 2021").

TimelineJS refuses a timeline without events, so an empty result is a title slide saying
nothing matched plus one slide with the same notice, dated by the filters' own dates.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from html import escape
from typing import Any

import orjson

from api.date_wording import describe_dates

NO_MATCH_ID = "no-match"


def _tl_date(start: date, end: date) -> dict[str, int]:
    if start == end:
        return {"year": start.year, "month": start.month, "day": start.day}
    if (start.year, start.month) == (end.year, end.month):
        return {"year": start.year, "month": start.month}
    return {"year": start.year}


def _credits(mentions: list[dict[str, Any]], base_url: str) -> str:
    """One link per source (in the order the mentions come), to the source's page."""
    seen: dict[str, str] = {}
    for m in mentions:
        s = m["source"]
        if s["slug"] in seen:
            continue
        outlet = escape(s["publisher"] or "Outlet unknown")
        title = escape(s["title"] or s["slug"])
        href = escape(f"{base_url}timeline/sources/{s['slug']}")
        seen[s["slug"]] = f'{outlet}: <a href="{href}">{title}</a>'
    return "; ".join(seen.values())


def slide(e: dict[str, Any], base_url: str) -> dict[str, Any]:
    """One event as a slide; `e` carries its `mentions` (with sources), as the page lists them."""
    start, end, precision = e["date_start"], e["date_end"], e["date_precision"]
    sources = _credits(e["mentions"], base_url)
    n = e["sources"]
    counts = f"{n} source{'' if n == 1 else 's'}, {e['independent_sources']} independent"
    text = f"<p>{escape(e['summary'])}</p>" if e["summary"] else ""
    text += f'<p class="tl-credit">Sources ({counts}): {sources}</p>'
    return {
        "start_date": _tl_date(start, end),
        "text": {"headline": escape(e["title"]), "text": text},
        "group": e["type"],
        "unique_id": str(e["id"]),
        "display_date": describe_dates(start, end, precision),
    }


def no_match_slide(day: date, description: str) -> dict[str, Any]:
    return {
        "start_date": {"year": day.year, "month": day.month, "day": day.day},
        "text": {
            "headline": "No event matches",
            "text": f"<p>{escape(description)}</p>",
        },
        "unique_id": NO_MATCH_ID,
        "display_date": "No match",
    }


async def timelinejs_chunks(
    batches: AsyncIterator[list[dict[str, Any]]],
    *,
    headline: str,
    text: str,
    base_url: str,
    empty_day: date,
) -> AsyncIterator[bytes]:
    """The timeline, streamed; `empty_day` dates the notice slide of an empty result."""
    first = True
    async for batch in batches:
        body = b",".join(orjson.dumps(slide(e, base_url)) for e in batch)
        if first:
            title = {"text": {"headline": escape(headline), "text": escape(text)}}
            yield b'{"title":' + orjson.dumps(title) + b',"events":[' + body
        else:
            yield b"," + body
        first = False
    if first:
        title = {
            "text": {
                "headline": escape(headline),
                "text": f"No event matches these filters. {escape(text)}.",
            }
        }
        notice = no_match_slide(empty_day, f"{text}: nothing matched.")
        yield b'{"title":' + orjson.dumps(title) + b',"events":[' + orjson.dumps(notice)
    yield b"]}"
