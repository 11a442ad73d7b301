"""event blocks: the days an event's mentions' dates cover; sources by latest publication

With its (month, key) blocks, each event keeps the days covered by the dates its mentions were
read with (the event's own date among them), as disjoint intervals: two arrays of starts and
ends. A new quote can only meet an event whose blocks it shares and one of whose mentions'
dates overlaps its own: the merge step compares only candidates and clusters of overlapping
dates. Rows stored before this revision have none (NULL) and are taken as overlapping
everything until the corpus is linked again. The latest publication day, read with every new
article, comes from an index.

Revision ID: 0014
Revises: 0012
Create Date: 2026-11-30 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in ("member_starts", "member_ends"):
        op.add_column("event_blocks", sa.Column(column, postgresql.ARRAY(sa.Date()), nullable=True))
    # The latest publication (what pledges are rated as of), read with every new article.
    op.create_index(op.f("ix_sources_published_end"), "sources", ["published_end"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sources_published_end"), table_name="sources")
    op.drop_column("event_blocks", "member_ends")
    op.drop_column("event_blocks", "member_starts")
