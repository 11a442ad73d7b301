"""member readings: what the merge step read of each stored mention

Per mention of a stored event or pledge (source, kind, quote offsets, date text): the
serialised candidates the linking merged (`seed.member_readings`). An incremental linking
reads these for the events a new article can touch instead of every reading of their
sources: a touched event's sources grow with the corpus, its mentions' readings are small.
Mentions without one (stored before this revision) make it read the sources' readings.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_readings",
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_member_readings_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "source_id",
            "kind",
            "char_start",
            "char_end",
            "date_text",
            name=op.f("pk_member_readings"),
        ),
    )


def downgrade() -> None:
    op.drop_table("member_readings")
