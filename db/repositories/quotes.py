"""The columns and dict shape of a quote (a mention), shared by the event, pledge and source
reads so the three answer with the same fields."""

from __future__ import annotations

from typing import Any

from db.models import Mention

QUOTE_COLUMNS = (
    Mention.id,
    Mention.quote,
    Mention.char_start,
    Mention.char_end,
    Mention.date_text,
)


def quote_fields(row: Any) -> dict[str, Any]:
    """`id`, `quote`, `char_start`, `char_end`, `date_text` of a row selected with
    QUOTE_COLUMNS (attribute access, as SQLAlchemy rows give)."""
    return {
        "id": row.id,
        "quote": row.quote,
        "char_start": row.char_start,
        "char_end": row.char_end,
        "date_text": row.date_text,
    }
