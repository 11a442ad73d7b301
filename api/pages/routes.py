"""HTML pages: the timeline at `/`, and `/timeline/...` for an event, the pledges and a source.

The pages live beside the JSON API, not on its URLs: `/sources/{slug}` and `/events/{id}`
stay JSON for every client whatever it sends in Accept, so their ETags, the response cache
and intermediaries never have to tell two representations of one URL apart. Each page links
the JSON it was built from. Filters are read exactly as `/events` reads them
(`event_params`), and the rows come from the same repositories.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import SessionDep
from api.errors import ApiError, InvalidParameters
from api.pages.highlight import runs
from api.pages.rendering import html_error, html_page
from api.pagination import date_uuid_key, encode_cursor
from api.routes.event_params import EventParams, event_params
from db.models.vocab import PLEDGE_STATUSES
from db.repositories import events as events_repo
from db.repositories import sources as sources_repo
from db.repositories.pledge_evidence import list_pledges_with_evidence
from db.repositories.pledges import PledgeFilter
from db.repositories.quoted_events import list_quoted_events
from seed.extract.event_kinds import TRIGGERS

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 100
PLEDGE_LIMIT = 500
# The types extraction assigns; an editor's own type still filters through the URL.
EVENT_TYPES = tuple(sorted(TRIGGERS))


def _optional_date(name: str, value: str | None) -> date | None:
    """A form's empty field means "no filter"; anything else must be an ISO date."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidParameters(
            f"{name} must be a date as YYYY-MM-DD, not {value!r}.",
            [{"name": name, "in": "query", "reason": "expected YYYY-MM-DD"}],
        ) from None


async def _params(
    actor: str | None,
    types: list[str],
    date_from: str | None,
    date_to: str | None,
    as_of: str | None,
    sort: str | None,
    cursor: str | None,
) -> EventParams:
    return await event_params(
        actor=(actor or "").strip() or None,
        type=[t for t in types if t.strip()],
        date_from=_optional_date("date_from", date_from),
        date_to=_optional_date("date_to", date_to),
        as_of=_optional_date("as_of", as_of),
        sort="-date" if sort == "-date" else "date",
        cursor=cursor or None,
        limit=PAGE_SIZE,
    )


def _query(form: dict[str, Any], **changes: Any) -> str:
    """The page's query string with the same filters (for links), empty fields left out."""
    pairs: list[tuple[str, str]] = []
    for key, value in {**form, **changes}.items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs += [(key, str(v)) for v in values if v not in (None, "")]
    return urlencode(pairs)


@router.get("/")
async def timeline_page(
    request: Request,
    session: SessionDep,
    actor: str | None = None,
    type: Annotated[list[str] | None, Query()] = None,
    date_from: str | None = None,
    date_to: str | None = None,
    as_of: str | None = None,
    sort: str | None = None,
    cursor: str | None = None,
) -> Response:
    """The timeline: filters, then every matching event with its quotes and sources."""
    form: dict[str, Any] = {
        "actor": actor or "",
        "type": [t for t in (type or []) if t.strip()],
        "date_from": date_from or "",
        "date_to": date_to or "",
        "as_of": as_of or "",
        "sort": "-date" if sort == "-date" else "",
    }
    context: dict[str, Any] = {
        "form": form,
        "event_types": tuple(dict.fromkeys([*EVENT_TYPES, *form["type"]])),
        "export_query": _query({k: v for k, v in form.items() if k != "sort"}),
    }
    try:
        params = await _params(actor, form["type"], date_from, date_to, as_of, sort, cursor)
        kind = f"events:{params.sort}"
        after = date_uuid_key(params.cursor, kind)
        filter = await params.to_filter(session, request.app.state.actor_lookup)
        page = await list_quoted_events(
            session,
            filter=filter,
            after=after,
            descending=params.sort == "-date",
            limit=params.limit,
        )
    except ApiError as error:
        return html_error(error.status, "timeline.html", error=error.detail, events=[], **context)
    next_query = None
    if page.next_key is not None:
        next_query = _query(form, cursor=encode_cursor(kind, page.next_key))
    return html_page(
        request,
        "timeline.html",
        error=None,
        events=page.items,
        next_query=next_query,
        first_page=cursor is None,
        **context,
    )


@router.get("/timeline/events/{event_id}")
async def event_page(request: Request, session: SessionDep, event_id: str) -> Response:
    """One event: its actors, every quote with its source, related pledges."""
    try:
        event = await events_repo.get_event(session, event_id=uuid.UUID(event_id))
    except ValueError:
        event = None
    if event is None:
        return html_error(404, "not_found.html", what=f"No event {event_id!r}.")
    return html_page(request, "event.html", event=event)


@router.get("/timeline/pledges")
async def pledges_page(
    request: Request, session: SessionDep, status: str | None = None
) -> Response:
    """Pledges: who promised what, by when, its status, and the evidence for that status."""
    chosen = status if status in PLEDGE_STATUSES else None
    items = await list_pledges_with_evidence(
        session,
        filter=PledgeFilter(statuses=(chosen,) if chosen else ()),
        limit=PLEDGE_LIMIT + 1,
    )
    return html_page(
        request,
        "pledges.html",
        pledges=items[:PLEDGE_LIMIT],
        truncated=len(items) > PLEDGE_LIMIT,
        statuses=PLEDGE_STATUSES,
        status=chosen or "",
    )


@router.get("/timeline/sources/{ref}")
async def source_page(request: Request, session: SessionDep, ref: str) -> Response:
    """One article with the quotes extracted from it highlighted."""
    source = await sources_repo.get_source(session, ref=ref)
    if source is None:
        return html_error(404, "not_found.html", what=f"No source with id or slug {ref!r}.")
    return html_page(
        request, "source.html", source=source, runs=runs(source["text"], source["mentions"])
    )
