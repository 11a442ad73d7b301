"""One array parameter instead of an IN list, for every repository that matches many values.

A run can touch more ids than the 32,767 parameters a statement may carry; one array
parameter (`column = ANY(:array)`) is also one prepared statement whatever the count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, Uuid, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY, Insert, insert


def array_param(values: Iterable[Any], item_type: Any = None) -> Any:
    """`values` as one bound PostgreSQL array of `item_type` (default: UUIDs)."""
    return literal(list(values), ARRAY(item_type if item_type is not None else Uuid()))


def unnest_rows(model: Any, rows: Sequence[Any], columns: Sequence[str]) -> Select[Any]:
    """`SELECT ... FROM unnest(<one array per column>)`: `rows` (mappings or tuples in the order
    of `columns`) as one relation, so one statement handles all of them.

    An executemany is one statement per row: the statement-level triggers of migration 0003
    would then recompute an event once per row instead of once. Scalar columns only (an array
    of arrays would be flattened).
    """
    table = model.__table__
    arrays = [
        array_param([r[c] if isinstance(r, dict) else r[i] for r in rows], table.c[c].type)
        for i, c in enumerate(columns)
    ]
    values = func.unnest(*arrays).table_valued(*columns).render_derived(name="v")
    return select(*(values.c[c] for c in columns))


def insert_rows(model: Any, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Insert:
    """`INSERT INTO model (columns) SELECT ... FROM unnest(...)` (see `unnest_rows`)."""
    return insert(model).from_select(list(columns), unnest_rows(model, rows, columns))
