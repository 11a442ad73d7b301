"""event blocks: the dates an event's mentions span

With its (month, key) blocks, each event keeps the earliest start and latest end of the dates
its mentions were read with (the event's own date among them). A new quote can only meet an
event whose blocks it shares and whose mentions' dates overlap its own: the merge step compares
only candidates and clusters of overlapping dates. Rows stored before this revision have none
(NULL) and are taken as overlapping everything until the corpus is linked again.

Revision ID: 0014
Revises: 0012
Create Date: 2026-11-30 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event_blocks", sa.Column("members_start", sa.Date(), nullable=True))
    op.add_column("event_blocks", sa.Column("members_end", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("event_blocks", "members_end")
    op.drop_column("event_blocks", "members_start")
