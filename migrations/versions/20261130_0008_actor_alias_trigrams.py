"""actor alias trigrams: a fuzzy fallback for actor lookup

`/actors?q=` and `?actor=` match aliases exactly (normalised) or as a substring. Spelling and
transliteration variants ("Anglea Merkel", "Ghaddafi") and names inside a longer phrase ("the
Libyan 5+5 Joint Military Commission") miss both. pg_trgm scores such queries against every
alias; its GIN index serves the similarity operators and the substring LIKE alike.

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-30 17:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_actor_aliases_alias_norm_trgm",
        "actor_aliases",
        ["alias_norm"],
        postgresql_using="gin",
        postgresql_ops={"alias_norm": "gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_actor_aliases_alias_norm_trgm", table_name="actor_aliases")
    # The extension stays: other objects of the database may have come to use it.
