"""One array parameter instead of an IN list, for every repository that matches many values.

A run can touch more ids than the 32,767 parameters a statement may carry; one array
parameter (`column = ANY(:array)`) is also one prepared statement whatever the count.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Uuid, literal
from sqlalchemy.dialects.postgresql import ARRAY


def array_param(values: Iterable[Any], item_type: Any = None) -> Any:
    """`values` as one bound PostgreSQL array of `item_type` (default: UUIDs)."""
    return literal(list(values), ARRAY(item_type if item_type is not None else Uuid()))
