"""`GET /events` as a JSON page without FastAPI's per-request parameter machinery.

Solving the route's dependencies (seventeen annotated query parameters, the session generator
and its exit stack) cost about a fifth of an uncached page's CPU, more than building the page.
`PageRoute` reads the common, plainly valid queries itself: each parameter known, given once
(`type` may repeat), non-empty, and in the exact form the declared type accepts (ISO dates,
digits within bounds, a canonical UUID, a JSON page). It then calls `event_params`, the same
function FastAPI would call, so the cross-parameter checks and their problems are the same, and
renders the page with the same code. Anything else (an unknown or repeated parameter, a value
FastAPI might coerce or refuse, an export) takes the declared route unchanged, so every answer
other than a plain page, and its problem document, comes from one place. A page whose actor
this worker remembers needs no session either: one pooled connection runs its statement.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from api.actor_lookup import ActorIds
from api.deps import get_session
from api.exports.negotiation import choose_format
from api.pagination import date_uuid_key, kept_query
from api.routes.event_output import json_page, render_events
from api.routes.event_params import EventParams, event_params
from db.repositories.filters import EventFilter
from db.repositories.raw import PooledReader

Handler = Callable[[Request], Coroutine[Any, Any, Response]]

_TEXT = frozenset({"actor", "actor_role", "location", "q", "cursor"})
_DATES = frozenset({"date_from", "date_to", "as_of"})
# name -> (lowest, highest) of an integer parameter
_INTEGERS = {"limit": (1, 500), "min_sources": (1, 10_000)}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def plain_page_arguments(request: Request) -> dict[str, Any] | None:
    """`event_params`' arguments when the query is a plainly valid JSON page, else None."""
    arguments: dict[str, Any] = {}
    types: list[str] = []
    for name, value in _query_items(request.scope.get("query_string", b"")):
        if not value:
            return None
        if name == "type":
            types.append(value)
            continue
        if name in arguments:
            return None  # repeated: FastAPI takes the last one; leave that to it
        parsed = _parse(name, value)
        if parsed is None:
            return None
        arguments[name] = parsed
    explicit = arguments.pop("format", None)
    if explicit is not None and explicit != "json":
        return None
    if explicit is None and choose_format(None, request.headers.get("accept")) != "json":
        return None  # (an export, or a 406: the declared route answers)
    if types:
        arguments["type"] = types
    return arguments


def _query_items(raw: bytes) -> list[tuple[str, str]]:
    """The query's (name, value) pairs, as `request.query_params.multi_items()` gives them.

    A query without escapes (`%`, `+`) reads as it is written: split here, without the
    decoding pass of `parse_qsl`, which cost more than the rest of this parsing.
    """
    query = raw.decode("latin-1")
    if "%" in query or "+" in query:
        return QueryParams(query).multi_items()
    items = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            items.append((name, value))
    return items


def _parse(name: str, value: str) -> Any:
    if name in _TEXT:
        return value
    if name in _DATES:
        if not _ISO_DATE.fullmatch(value):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    bounds = _INTEGERS.get(name)
    if bounds is not None:
        if not (value.isascii() and value.isdigit()) or not bounds[0] <= int(value) <= bounds[1]:
            return None
        return int(value)
    if name == "sort":
        return value if value in ("date", "-date") else None
    if name == "source":
        return uuid.UUID(value) if _UUID.fullmatch(value) else None
    if name == "format":
        return value
    return None  # count, updated_since and unknown names: the declared route


@asynccontextmanager
async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The session dependency (or its override), entered here instead of by FastAPI."""
    provider = request.app.dependency_overrides.get(get_session, get_session)
    sessions = provider(request) if provider is get_session else provider()
    async with asynccontextmanager(lambda: sessions)() as session:
        yield session


async def plain_page(
    request: Request, params: EventParams, cursor: str | None = None, kept: str | None = None
) -> Response:
    """The page on a pooled connection (no session) when nothing needs a session: the actor, if
    any, is one this worker remembers. Otherwise (and under a session override: tests) the
    page is rendered on a session as the declared route does. `cursor`: the page's, when
    `params` (as `PlainQueries` keeps them) hold none; `kept`: what its next link keeps of
    the query (`api.pagination.kept_query`), when known."""
    cursor = cursor or params.cursor
    kind = f"events:{params.sort}"
    after = date_uuid_key(cursor, kind)  # a bad cursor is a 400 before anything else
    state = request.app.state
    engine = getattr(state, "engine", None)
    ids = () if params.actor is None else state.actor_lookup.remembered(params.actor)
    if engine is None or ids is None or get_session in request.app.dependency_overrides:
        async with request_session(request) as session:
            with_cursor = replace(params, cursor=cursor)
            return await render_events(request, session, with_cursor, "json")
    filter = PLAIN_QUERIES.filter(params, ids)
    async with PooledReader(engine) as reader:
        return await json_page(request, reader, params, filter, after, kept=kept)


class PlainQueries:
    """Per worker, the parameters and filters of the plain queries seen lately.

    Keyed by the query without its cursor (and the Accept header, which decides the format):
    the parameters do not depend on the cursor, so every page of a listing reads them, and
    works out what its next links keep of the query, once. Only unescaped queries with at
    most one cursor are kept; anything else is parsed anew.
    """

    def __init__(self, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self._params: dict[tuple[bytes, bytes | None], tuple[EventParams, str]] = {}
        self._filters: dict[tuple[EventParams, ActorIds], EventFilter] = {}
        # id(params) -> (params, ids, filter); the objects are kept, so an id is not reused
        # while its entry lives.
        self._by_identity: dict[int, tuple[EventParams, ActorIds, EventFilter]] = {}

    def clear(self) -> None:
        self._params.clear()
        self._filters.clear()
        self._by_identity.clear()

    async def read(self, request: Request) -> tuple[EventParams, str | None, str | None] | None:
        """The query's parameters (without the cursor), its cursor and what its next link keeps
        of it (None: not worked out); None: not plain."""
        raw: bytes = request.scope.get("query_string", b"")
        key: tuple[bytes, bytes | None] | None = None
        cursor: str | None = None
        rest = b""
        if b"%" not in raw and b"+" not in raw:
            parts = raw.split(b"&")
            cursors = [p for p in parts if p.startswith(b"cursor=")]
            if len(cursors) <= 1:
                rest = b"&".join([p for p in parts if not p.startswith(b"cursor=")])
                key = (rest, _header(request, b"accept"))
                if cursors:
                    cursor = cursors[0][len(b"cursor=") :].decode("latin-1")
                known = self._params.get(key)
                if known is not None and cursor != "":
                    return known[0], cursor, known[1]
        arguments = plain_page_arguments(request)
        if arguments is None:
            return None
        params = await event_params(**arguments)
        if key is not None:
            if len(self._params) >= self.max_entries:
                self._params.clear()
            self._params[key] = (replace(params, cursor=None), kept_query(rest))
        return params, params.cursor, None

    def filter(self, params: EventParams, ids: ActorIds) -> EventFilter:
        """The filter of `params` with the actor's `ids`. The parameters `read` returns for a
        known listing are its entry's own object, and the ids the actor memo's own tuple: by
        their identity the filter is found without hashing both (fifteen fields and UUIDs)."""
        same = self._by_identity.get(id(params))
        if same is not None and same[0] is params and same[1] is ids:
            return same[2]
        key = (params, ids)
        known = self._filters.get(key)
        if known is None:
            if len(self._filters) >= self.max_entries:
                self._filters.clear()
            groups = (ids,) if params.actor is not None else ()
            known = self._filters[key] = params.filter_with(groups)
        if len(self._by_identity) >= self.max_entries:
            self._by_identity.clear()
        self._by_identity[id(params)] = (params, ids, known)
        return known


PLAIN_QUERIES = PlainQueries()


def _header(request: Request, name: bytes) -> bytes | None:
    """The first value of a request header (as `request.headers.get`), undecoded."""
    for key, value in request.scope["headers"]:
        if key == name:
            return bytes(value)
    return None


class PageRoute(APIRoute):
    """The declared route (documentation, validation, problems), with the plain page first."""

    def get_route_handler(self) -> Handler:
        declared = super().get_route_handler()

        async def handler(request: Request) -> Response:
            plain = await PLAIN_QUERIES.read(request)
            if plain is None:
                return await declared(request)
            return await plain_page(request, *plain)

        return handler
