"""Per-page lookups that hash nothing twice: the filter's cached hash, the plain queries'
filter found by identity."""

from __future__ import annotations

import pickle
import uuid
from dataclasses import replace
from datetime import date

from api.routes.event_page_route import PlainQueries
from api.routes.event_params import EventParams
from db.repositories.filters import EventFilter

ACTOR = uuid.UUID(int=41)


def test_equal_filters_hash_alike_and_a_changed_copy_hashes_anew() -> None:
    one = EventFilter(actor_groups=((ACTOR,),), date_from=date(2020, 10, 23))
    two = EventFilter(actor_groups=((ACTOR,),), date_from=date(2020, 10, 23))
    assert hash(one) == hash(two) and one == two
    assert hash(one) == hash(one)  # (the cached value)
    other = replace(one, q="withdrawal")
    assert other != one
    assert {one: 1, other: 2}[replace(one, q="withdrawal")] == 2
    assert {one: 1, other: 2}[two] == 1
    copied = pickle.loads(pickle.dumps(one))
    assert copied == one and hash(copied) == hash(one)


def _params(actor: str | None) -> EventParams:
    return EventParams(
        actor=actor,
        actor_role=None,
        type=(),
        date_from=None,
        date_to=None,
        source=None,
        location=None,
        q=None,
        min_sources=None,
        as_of=None,
        updated_since=None,
        count=False,
        sort="date",
        cursor=None,
        limit=50,
    )


def test_the_filter_of_a_listing_is_found_again_and_made_anew_for_other_ids() -> None:
    queries = PlainQueries()
    params = _params("someone")
    ids = (ACTOR,)
    first = queries.filter(params, ids)
    assert first == EventFilter(actor_groups=((ACTOR,),))
    assert queries.filter(params, ids) is first
    # Equal parameters and ids that are other objects: an equal filter (by value).
    assert queries.filter(_params("someone"), (uuid.UUID(int=41),)) == first
    # Other ids for the same parameters (the actor memo was refreshed): their own filter.
    moved = queries.filter(params, (uuid.UUID(int=42),))
    assert moved == EventFilter(actor_groups=((uuid.UUID(int=42),),))
    assert queries.filter(params, ids) == first
    queries.clear()
    assert queries.filter(params, ids) == first
    assert queries.filter(_params(None), ()) == EventFilter()
