"""The keys of a `q=` page: walk events in date order, or take the term's matches first.

Which is cheaper depends on how common the term is, and neither PostgreSQL nor a prepared
statement can tell: the planner has no statistics for a lexeme outside its most common ones
(it assumes 0.5% of rows), and a connection's generic plan is one plan for every term. A
common term fills its page within a few thousand events of the date-order walk (1%: ~5,000);
the same walk for a rare term read every live event (1M: 10-22 s, past the read deadline).

So the walk is bounded: the page's keys come from the first WALK_ROWS events in order (those
matching the other filters and the cursor). If they hold a full page it is the right one (the
walk is in page order). If not, the term is rare there, and its matches are taken from the
GIN index and sorted instead. One statement: the walk is a materialised CTE, and each branch
runs only when its one-time condition (the number of keys the walk found) holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, literal_column, select, union_all

from db.models import Event
from db.repositories.filters import search_condition

# Events the date-order walk examines before the term counts as rare; a term in 0.5% of the
# events or more fills a 50-event page within it.
WALK_ROWS = 10_000


def search_keys(
    conditions: list[ColumnElement[bool]], q: str, *, descending: bool, page_size: Any
) -> Subquery:
    """(date_start, id) of the page's events, in page order, `page_size` at most.

    `conditions`: every condition of the page but the search (filters, live, cursor)."""

    def ordered(start: Any, ident: Any) -> tuple[Any, Any]:
        return (start.desc(), ident.desc()) if descending else (start, ident)

    candidates = (
        select(Event.date_start, Event.id, Event.search)
        .where(*conditions)
        .order_by(*ordered(Event.date_start, Event.id))
        .limit(literal_column(str(WALK_ROWS)))
        .subquery("walked")
    )
    walk = (
        select(candidates.c.date_start, candidates.c.id)
        .where(search_condition(candidates.c.search, q))
        .order_by(*ordered(candidates.c.date_start, candidates.c.id))
        .limit(page_size)
        .cte("walk")
        .prefix_with("MATERIALIZED")
    )
    found = select(func.count()).select_from(walk).scalar_subquery()
    from_walk = select(walk.c.date_start, walk.c.id).where(found == page_size)
    # OFFSET 0 keeps this a subquery of its own: without it the planner would fold it into
    # the ordered LIMIT and walk again.
    matches = (
        select(Event.date_start, Event.id)
        .where(found < page_size, *conditions, search_condition(Event.search, q))
        .offset(literal_column("0"))
        .subquery("matches")
    )
    from_index = (
        select(matches.c.date_start, matches.c.id)
        .order_by(*ordered(matches.c.date_start, matches.c.id))
        .limit(page_size)
    )
    return union_all(from_walk, from_index).subquery("keys")
