"""iCalendar (RFC 5545): every event as an all-day VEVENT spanning its date interval.

DTSTART;VALUE=DATE is `date_start`, DTEND the day after `date_end` (DTEND is exclusive), so a
month-precision event spans the whole month; its DESCRIPTION says how precise the date is.
DTSTAMP is the event's last revision (the RFC's meaning when the object has no METHOD).
Lines end with CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

PRODID = "-//Libya Ceasefire Timeline API//EN"
UID_DOMAIN = "libya-timeline.example"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> bytes:
    """One content line, folded to at most 75 octets per physical line, CRLF-terminated."""
    data = line.encode()
    out: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        # Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        out.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with a space, which counts
    out.append(data)
    return b"\r\n ".join(out) + b"\r\n"


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(e: dict[str, Any]) -> bytes:
    description = e["summary"] or e["title"]
    description += f"\n\nDate precision: {e['date_precision']}."
    description += f" Independent sources: {e['independent_sources']}."
    lines = [
        "BEGIN:VEVENT",
        f"UID:{e['id']}@{UID_DOMAIN}",
        f"DTSTAMP:{_stamp(e['updated_at'])}",
        f"DTSTART;VALUE=DATE:{e['date_start']:%Y%m%d}",
        f"DTEND;VALUE=DATE:{e['date_end'] + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(e['title'])}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(e['type'])}",
    ]
    if e["location"]:
        lines.append(f"LOCATION:{escape_text(e['location'])}")
    lines.append("END:VEVENT")
    return b"".join(fold(line) for line in lines)


async def ics_chunks(
    batches: AsyncIterator[list[dict[str, Any]]], *, name: str
) -> AsyncIterator[bytes]:
    yield b"".join(
        fold(line)
        for line in (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            f"X-WR-CALNAME:{escape_text(name)}",
        )
    )
    async for batch in batches:
        yield b"".join(vevent(e) for e in batch)
    yield fold("END:VCALENDAR")
