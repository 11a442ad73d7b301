"""anchor keys: the happenings of a stored source that may date a new undated article

Per stored source, the keys under which the anchor index files its precisely dated
happenings (persons by weekday, words by weekday, days and acts, gatherings:
`seed.link.keys.anchor_actors`), and, of an undated one, whether the first round of inference
left it wide, with its reading after that round (what the second round weighs it as). A new
undated article looks up the sources sharing one of its own keys and is dated from those
alone, instead of linking the whole corpus. Rows stored before this revision hold none
(NULL): until a whole-corpus linking writes them, an undated article links the whole corpus
as before.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "source_sketches",
        sa.Column("anchor_keys", postgresql.ARRAY(sa.Text()), nullable=True),
    )
    op.add_column("source_sketches", sa.Column("first_round_wide", sa.Boolean(), nullable=True))
    op.add_column("source_extractions", sa.Column("first_payload", sa.LargeBinary(), nullable=True))
    op.create_index(
        "ix_source_sketches_anchor_keys",
        "source_sketches",
        ["anchor_keys"],
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index("ix_source_sketches_anchor_keys", table_name="source_sketches")
    op.drop_column("source_extractions", "first_payload")
    op.drop_column("source_sketches", "first_round_wide")
    op.drop_column("source_sketches", "anchor_keys")
