"""Keyset iteration over event pages: every page a page reader gives, until the last.

Shared by the exports of `/events` (`events.iter_events`) and of events with their quotes
(`quoted_events.iter_quoted_events`), so the two cannot differ in how they walk the pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.filters import EventFilter

if TYPE_CHECKING:
    from db.repositories.events import EventPage, SortKey


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
