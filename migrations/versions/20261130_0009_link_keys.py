"""link keys: what finds the neighbourhood of a new article in the stored corpus

Per source, the sketch hashes of its paragraphs, a sample of its shingles and the persons its
relative dates name (when undated), with GIN indexes; per event, the (month, key) blocks of the
merge step. An incremental linking finds the stored events and sources a new article can touch
through them instead of loading the corpus. An undated article's reading against its inferred
publication is kept beside its extraction.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("source_extractions", sa.Column("dated_payload", sa.LargeBinary(), nullable=True))
    op.create_table(
        "source_sketches",
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("paragraphs", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("paragraph_spans", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("copies", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("copy_size", sa.Integer(), nullable=False),
        sa.Column("undated_persons", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("spans", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("origins", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_sketches_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_sketches")),
    )
    for column in ("paragraphs", "copies", "undated_persons"):
        op.create_index(
            f"ix_source_sketches_{column}", "source_sketches", [column], postgresql_using="gin"
        )
    op.create_table(
        "event_blocks",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("blocks", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_blocks_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_blocks")),
    )
    op.create_index("ix_event_blocks_blocks", "event_blocks", ["blocks"], postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("event_blocks")
    op.drop_table("source_sketches")
    op.drop_column("source_extractions", "dated_payload")
