"""Opaque keyset cursors and the `next` link of list responses.

A cursor is base64url(JSON [kind, key values..., check]). `kind` names the list and sort order
it belongs to; `check` is a short keyed hash that catches truncated or hand-edited cursors. It
is an integrity check, not a secret: a cursor only says where a page of public data starts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.requests import Request

from api.errors import BadRequest

_KEY = b"libya-timeline-cursor-v1"
T = TypeVar("T")


def _check(payload: list[str]) -> str:
    return hashlib.blake2b(orjson.dumps(payload), key=_KEY, digest_size=6).hexdigest()


def encode_cursor(kind: str, values: Sequence[object]) -> str:
    payload = [kind, *(str(v) for v in values)]
    raw = orjson.dumps([*payload, _check(payload)])
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(token: str, kind: str) -> list[str]:
    """The key values of a cursor made by `encode_cursor(kind, ...)`; 400 problem otherwise."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        decoded = orjson.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise _bad() from exc
    if (
        not isinstance(decoded, list)
        or len(decoded) < 2
        or not all(isinstance(v, str) for v in decoded)
        or _check(decoded[:-1]) != decoded[-1]
    ):
        raise _bad()
    if decoded[0] != kind:
        raise BadRequest(
            "The cursor belongs to another list or sort order; start again without it.",
            invalid_params=[{"name": "cursor", "in": "query", "reason": "wrong list or sort"}],
        )
    return list(decoded[1:-1])


def _bad() -> BadRequest:
    return BadRequest(
        "The cursor is malformed or was modified; use the `next` link of the previous page.",
        invalid_params=[{"name": "cursor", "in": "query", "reason": "malformed cursor"}],
    )


def parse_key(values: list[str], *parsers: Callable[[str], Any]) -> tuple[Any, ...]:
    if len(values) != len(parsers):
        raise _bad()
    try:
        return tuple(parse(v) for parse, v in zip(parsers, values, strict=True))
    except ValueError as exc:
        raise _bad() from exc


def date_uuid_key(token: str | None, kind: str) -> tuple[date, uuid.UUID] | None:
    """The (date, id) position of a cursor of `kind`; a 400 problem if it is not one."""
    if token is None:
        return None
    return _position(token, kind)


# A valid cursor always reads the same, so each worker keeps the positions of the cursors it
# read lately: a page asked for again (by each client that follows a listing, or one that
# reloads it) skips the base64, JSON, keyed hash and UUID parsing. A bad cursor raises, and
# what raises is never cached, so each is refused anew.
@lru_cache(maxsize=1024)
def _position(token: str, kind: str) -> tuple[date, uuid.UUID]:
    d, i = parse_key(decode_cursor(token, kind), date.fromisoformat, uuid.UUID)
    return d, i


def public_url(request: Request, **params: str) -> str:
    """The request's own URL (with `params` set) on the configured public base, not its Host.

    For every absolute link a response carries besides `next` (a feed's self link, the change
    feed's resume link): a forged Host must not reach other clients through the cache.
    """
    url = request.url.include_query_params(**params) if params else request.url
    query = f"?{url.query}" if url.query else ""
    return f"{request.app.state.settings.public_base}{url.path}{query}"


def next_url(
    request: Request, kind: str, key: Sequence[object] | None, kept: str | None = None
) -> str | None:
    """Absolute URL of the next page (the same query with a new cursor), or None.

    Built on the configured public base URL, never on the request's Host header: a response
    may be cached and served to other clients, and a forged Host must not reach them.
    `kept`: `kept_query` of the request's query, when the caller has it already.
    """
    if key is None:
        return None
    if kept is None:
        kept = kept_query(request.scope.get("query_string", b""))
    base: str = request.app.state.settings.public_base + request.scope["path"] + "?"
    # (base64url: nothing to escape)
    return base + kept + "cursor=" + encode_cursor(kind, key)


def kept_query(raw: bytes) -> str:
    """What a next link keeps of a query: its parameters but the cursor, each followed by `&`
    (empty without any), the new cursor then goes last. It depends on the query alone, so the
    pages of one listing may work it out once."""
    query = raw.decode("latin-1")
    if _PLAIN_QUERY.fullmatch(query):
        # Nothing escaped or to escape: the parameters are kept as they were written, which
        # is what decoding and re-encoding them would give, at a fraction of the cost.
        kept = [p for p in query.split("&") if p and not p.startswith("cursor=")]
        if all("=" in p for p in kept):
            return "".join([p + "&" for p in kept])
    # The same query, its cursor replaced and moved last, re-encoded.
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "cursor"]
    return urlencode(pairs) + "&" if pairs else ""


# A query whose names and values need no escaping, as urlencode would write them.
_PLAIN_QUERY = re.compile(r"[A-Za-z0-9_.~=&-]*")


def link_header(url: str | None) -> dict[str, str]:
    return {"Link": f'<{url}>; rel="next"'} if url else {}
