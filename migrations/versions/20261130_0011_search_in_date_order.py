"""search in date order: live events' (date_start, id) index carrying their search vector

A `q=` page walks live events in (date_start, id) order and keeps those whose search vector
matches, until the page is full. With the vector stored in the index (INCLUDE) and only live
events indexed, that walk is an index-only scan: a non-matching event costs an index entry,
not a heap fetch. A rare term is still served by the GIN index and a sort of its few matches;
the planner picks whichever is cheaper for the term.

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-30 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_live_date_order_search",
        "events",
        ["date_start", "id"],
        postgresql_include=["search"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_events_live_date_order_search", table_name="events")
