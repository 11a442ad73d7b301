"""How the frozen dataclasses of an extraction pickle: as a call of the class with the values
of its fields.

A frozen dataclass with slots otherwise pickles its state through `dataclasses.fields()`, once
per object, there and back. An extraction holds about fifty of them (sentences, paragraphs,
dates), and linking loads every stored extraction of a corpus, and every stored reading of a
neighbourhood, again.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Pickle instances of the dataclass `cls` as `cls(*fields)` (every field is an init one)."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    assert all(f.init for f in fields), cls
    names = [f.name for f in fields]
    values = operator.attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        state = values(self)
        return (cls, state if len(names) > 1 else (state,))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
