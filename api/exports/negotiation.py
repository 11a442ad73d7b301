"""Which representation of `/events` to send: `format=` wins, then the Accept header."""

from __future__ import annotations

from typing import Literal

from api.errors import NotAcceptable

Format = Literal["json", "csv", "ndjson", "ics", "timelinejs"]

MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson",
    "ics": "text/calendar; charset=utf-8",
    "timelinejs": "application/json",
}

_BY_MEDIA_TYPE: dict[str, Format] = {
    "application/json": "json",
    "application/*": "json",
    "*/*": "json",
    "text/csv": "csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "text/calendar": "ics",
}


def choose_format(explicit: Format | None, accept: str | None) -> Format:
    """The explicit format, else the Accept type with the highest q we can produce (406 if none)."""
    if explicit is not None:
        return explicit
    if not accept or not accept.strip():
        return "json"
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[media]
    raise NotAcceptable(
        f"Cannot produce {accept!r}. Available: application/json, text/csv, "
        "application/x-ndjson, text/calendar (or use format=json|csv|ndjson|ics|timelinejs).",
        available=sorted(set(_BY_MEDIA_TYPE) - {"*/*", "application/*"}),
    )
