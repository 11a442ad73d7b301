"""Keyset pages of events: one page from a statement, and every page until the last.

Shared by `/events` (`events`) and events with their quotes (`quoted_events`), so the two
cannot differ in how they cut or walk the pages.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.filters import EventFilter

SortKey = tuple[date, uuid.UUID]


@dataclass(frozen=True, slots=True)
class EventPage:
    items: list[dict[str, Any]]
    # Sort key of the last item when more rows follow, else None.
    next_key: SortKey | None


async def read_page(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    limit: int,
    item: Callable[[Any], dict[str, Any]],
) -> EventPage:
    """The page `stmt` reads; it asks for one row more than `limit`, which tells whether a next
    page exists without a COUNT."""
    rows = (await session.execute(stmt)).all()
    items = [item(r) for r in rows[:limit]]
    more = len(rows) > limit
    next_key = (items[-1]["date_start"], items[-1]["id"]) if more and items else None
    return EventPage(items=items, next_key=next_key)


class PageReader(Protocol):
    """A function reading one page of events in (date_start, id) order, as `list_events`."""

    def __call__(
        self,
        session: AsyncSession,
        *,
        filter: EventFilter,
        after: SortKey | None,
        descending: bool,
        limit: int,
    ) -> Awaitable[EventPage]: ...


async def iter_pages(
    read_page: PageReader,
    session: AsyncSession,
    *,
    filter: EventFilter,
    after: SortKey | None,
    descending: bool,
    size: int,
) -> AsyncIterator[list[dict[str, Any]]]:
    """The pages `read_page` gives, one after the other, until the last (keyset order)."""
    while True:
        page = await read_page(
            session, filter=filter, after=after, descending=descending, limit=size
        )
        if page.items:
            yield page.items
        if page.next_key is None:
            return
        after = page.next_key
