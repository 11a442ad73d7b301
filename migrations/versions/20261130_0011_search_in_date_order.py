"""search in date order: live events' (date_start, id) index

A `q=` page walks live events in (date_start, id) order and keeps those whose search vector
matches, until the page is full; its keys are selected first, so only the page's own events are
read whole. Only live events are indexed. (The search vector itself cannot travel in this
B-tree: an event quoted by many articles has a vector larger than a B-tree entry may be.) A
rare term is served by the GIN index and a sort of its few matches; the planner picks.

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
        "ix_events_live_date_order",
        "events",
        ["date_start", "id"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_events_live_date_order", table_name="events")
