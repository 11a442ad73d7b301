"""Atom (RFC 4287): one entry per event, newest first, linking the event and its sources.

Entry `id` is the event's `urn:uuid:`, `updated` its last revision; its link `alternate` is
the event in this API, each source is a `related` link to `/sources/{slug}` (titled with the
outlet and headline) and, when the article's URL is known, a `via` link to the original.
The summary starts with the event's date as precisely as it is known.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

ATOM_NS = "http://www.w3.org/2005/Atom"
AUTHOR = "Libya Ceasefire Timeline API"

# Per event: the event (as /events lists it) and its sources.
EntryBatch = Sequence[tuple[dict[str, Any], list[dict[str, Any]]]]


def _time(value: datetime) -> str:
    return value.isoformat()


def _link(rel: str, href: str, title: str | None = None, media: str | None = None) -> str:
    attributes = f"rel={quoteattr(rel)} href={quoteattr(href)}"
    if media:
        attributes += f" type={quoteattr(media)}"
    if title:
        attributes += f" title={quoteattr(title)}"
    return f"<link {attributes}/>"


def when(event: dict[str, Any]) -> str:
    """The event's date as the text gives it: one day, or the interval and its precision."""
    start: str = event["date_start"].isoformat()
    end: str = event["date_end"].isoformat()
    if start == end:
        return start
    return f"between {start} and {end} ({event['date_precision']})"


def _credit(source: dict[str, Any]) -> str:
    parts = [p for p in (source["publisher"], source["title"]) if p]
    return ": ".join(parts) or source["slug"]


def entry(event: dict[str, Any], sources: list[dict[str, Any]], base: str) -> str:
    lines = [
        "<entry>",
        f"<id>urn:uuid:{event['id']}</id>",
        f"<title>{escape(event['title'])}</title>",
        f"<updated>{_time(event['updated_at'])}</updated>",
        _link("alternate", f"{base}events/{event['id']}", media="application/json"),
    ]
    for source in sources:
        lines.append(
            _link(
                "related",
                f"{base}sources/{source['slug']}",
                _credit(source),
                media="application/json",
            )
        )
        if source["url"]:
            lines.append(_link("via", source["url"], _credit(source)))
    lines.append(f"<category term={quoteattr(event['type'])}/>")
    summary = f"{when(event)}: {event['summary'] or event['title']}"
    lines.append(f"<summary>{escape(summary)}</summary>")
    lines.append("</entry>\n")
    return "\n".join(lines)


async def atom_chunks(
    batches: AsyncIterator[EntryBatch],
    *,
    title: str,
    subtitle: str,
    self_url: str,
    base: str,
    updated: datetime,
) -> AsyncIterator[bytes]:
    head = "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="{ATOM_NS}">',
            f"<id>{escape(self_url)}</id>",
            f"<title>{escape(title)}</title>",
            f"<subtitle>{escape(subtitle)}</subtitle>",
            f"<updated>{_time(updated)}</updated>",
            f"<author><name>{AUTHOR}</name></author>",
            _link("self", self_url, media="application/atom+xml"),
            _link("alternate", f"{base}events", media="application/json"),
            "",
        ]
    )
    yield head.encode()
    async for batch in batches:
        yield "".join(entry(e, s, base) for e, s in batch).encode()
    yield b"</feed>\n"
