"""procrastinate's job queue, and the outcome of queued ingestions

`POST /sources?async=true` queues the article as a procrastinate job; `timeline worker` runs
them. procrastinate keeps its queue in PostgreSQL, so its schema comes through the migration
chain like ours: the SQL its `SchemaManager` ships with the pinned version (3.10). A later
procrastinate release that changes its schema needs a new migration applying the release's own
migration files (`SchemaManager.get_migrations_path()`), not an edit of this one.

`ingestion_jobs` keeps what procrastinate does not: a job's source or problem.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = (
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
    "procrastinate_workers",
)
_TYPES = (
    "procrastinate_job_to_defer_v1",
    "procrastinate_job_event_type",
    "procrastinate_job_status",
)


def upgrade() -> None:
    # Imported here: Alembic loads every revision module on each run, and importing
    # procrastinate costs a noticeable fraction of a second.
    from procrastinate.schema import SchemaManager

    # Many statements and plpgsql bodies: sent as one simple query on the migration's own
    # connection (inside its transaction), with no parameter parsing of '%' or ':'.
    op.get_bind().connection.driver_connection.execute(SchemaManager.get_schema())
    op.create_table(
        "ingestion_jobs",
        sa.Column("job_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "finished_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("worker", sa.String(length=128), nullable=True),
        sa.Column("source_id", sa.Uuid(), nullable=True),
        sa.Column("created", sa.Boolean(), nullable=True),
        sa.Column("problem", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_ingestion_jobs_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_ingestion_jobs")),
    )


def downgrade() -> None:
    op.drop_table("ingestion_jobs")
    for table in _TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    # Every function the schema made (their names and signatures vary between releases).
    op.execute(
        """
        DO $$
        DECLARE f regprocedure;
        BEGIN
            FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                     JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%'
            LOOP
                EXECUTE 'DROP FUNCTION ' || f || ' CASCADE';
            END LOOP;
        END $$
        """
    )
    for type_ in _TYPES:
        op.execute(f"DROP TYPE IF EXISTS {type_} CASCADE")
