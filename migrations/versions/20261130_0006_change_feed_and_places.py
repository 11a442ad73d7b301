"""change feed and places: a log of every created, updated and deleted row; events get a place

`change_log` is written by row triggers on events, pledges, actors and sources, not by the
application: rows are written from several places (ingestion upserts, curation, merges, the
listing-column triggers of 0003, bulk loads, a hand-run DELETE), and only a trigger sees them
all, including a hard delete, which leaves a `deleted` tombstone whatever removed the row.
An UPDATE that changes nothing but `updated_at` (ingestion's actor upserts) is not a change,
and an entity gets one entry per version and transaction (an event stored, then given its
counts by 0003's triggers, is one `created`).

A BEFORE UPDATE trigger on the same tables keeps `updated_at` honest for `updated_since=`: it
moves when the row's content changes (also when a trigger of 0003 rewrites an event's counts)
and stays put when it does not.

Events also get their place in the gazetteer (`place`, `latitude`, `longitude`) and
`location_precision` (place, region, country, none); ingestion fills them.

Existing rows are logged once as `created` (or `deleted` for soft-deleted ones).

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-30 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = {"events": "event", "pledges": "pledge", "actors": "actor", "sources": "source"}

# The row's content without its timestamp, to tell a real change from a rewrite.
LOG_FUNCTION = """
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc jsonb;
    before jsonb;
    kind text;
    ver int;
BEGIN
    IF TG_OP = 'DELETE' THEN
        doc := to_jsonb(OLD);
        -- A row already soft-deleted has its tombstone.
        IF doc->>'deleted_at' IS NOT NULL THEN RETURN NULL; END IF;
        kind := 'deleted';
    ELSIF TG_OP = 'INSERT' THEN
        doc := to_jsonb(NEW);
        kind := CASE WHEN doc->>'deleted_at' IS NULL THEN 'created' ELSE 'deleted' END;
    ELSE
        doc := to_jsonb(NEW);
        before := to_jsonb(OLD);
        IF doc - 'updated_at' = before - 'updated_at' THEN RETURN NULL; END IF;
        IF before->>'deleted_at' IS NOT NULL AND doc->>'deleted_at' IS NOT NULL THEN
            RETURN NULL;  -- a change behind a tombstone is nobody's business
        END IF;
        kind := CASE
            WHEN doc->>'deleted_at' IS NOT NULL THEN 'deleted'
            WHEN before->>'deleted_at' IS NOT NULL THEN 'created'  -- restored
            ELSE 'updated' END;
    END IF;
    ver := (doc->>'version')::int;
    IF ver IS NULL THEN  -- actors and sources count their changes
        SELECT count(*) + 1 INTO ver FROM change_log
        WHERE entity_type = TG_ARGV[0] AND entity_id = (doc->>'id')::uuid;
    END IF;
    -- One entry per entity, version and transaction: the counts 0003's triggers write after
    -- an event is stored are part of the same change.
    IF kind = 'updated' AND EXISTS (
        SELECT FROM change_log
        WHERE entity_type = TG_ARGV[0] AND entity_id = (doc->>'id')::uuid
          AND version = ver AND change <> 'deleted'
          AND txid = pg_current_xact_id()::text::bigint) THEN
        RETURN NULL;
    END IF;
    INSERT INTO change_log (entity_type, entity_id, change, version)
    VALUES (TG_ARGV[0], (doc->>'id')::uuid, kind, ver);
    RETURN NULL;
END $$
"""

TOUCH_FUNCTION = """
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF to_jsonb(NEW) - 'updated_at' = to_jsonb(OLD) - 'updated_at' THEN
        NEW.updated_at := OLD.updated_at;
    ELSIF NEW.updated_at = OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$
"""


def _backfill(table: str, entity: str) -> str:
    change = "'created'"
    if table in {"events", "pledges"}:
        change = "CASE WHEN deleted_at IS NULL THEN 'created' ELSE 'deleted' END"
    version = "version" if table in {"events", "pledges"} else "1"
    return (
        f"INSERT INTO change_log (entity_type, entity_id, change, version, at) "
        f"SELECT '{entity}', id, {change}, {version}, updated_at FROM {table} "
        f"ORDER BY updated_at, id"
    )


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column(
            "txid",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id())::text::bigint"),
            nullable=False,
        ),
        sa.Column("entity_type", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "entity_type IN ('event', 'pledge', 'actor', 'source')",
            name=op.f("ck_change_log_entity_type"),
        ),
        sa.CheckConstraint(
            "change IN ('created', 'updated', 'deleted')", name=op.f("ck_change_log_change")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    op.create_index(op.f("ix_change_log_txid_id"), "change_log", ["txid", "id"])
    op.create_index(
        op.f("ix_change_log_entity_type_entity_id"), "change_log", ["entity_type", "entity_id"]
    )
    op.add_column("events", sa.Column("place", sa.String(100), nullable=True))
    op.add_column("events", sa.Column("latitude", sa.Double(), nullable=True))
    op.add_column("events", sa.Column("longitude", sa.Double(), nullable=True))
    op.add_column(
        "events",
        sa.Column("location_precision", sa.String(16), server_default="none", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_events_location_precision"),
        "events",
        "location_precision IN ('place', 'region', 'country', 'none')",
    )
    op.create_index(op.f("ix_events_place"), "events", ["place"])
    for table, entity in TABLES.items():
        op.execute(_backfill(table, entity))
    op.execute(LOG_FUNCTION)
    op.execute(TOUCH_FUNCTION)
    for table, entity in TABLES.items():
        op.execute(
            f"CREATE TRIGGER {table}_touch_updated_at BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION touch_updated_at()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_log_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION log_change('{entity}')"
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f"DROP TRIGGER {table}_log_change ON {table}")
        op.execute(f"DROP TRIGGER {table}_touch_updated_at ON {table}")
    op.execute("DROP FUNCTION touch_updated_at()")
    op.execute("DROP FUNCTION log_change()")
    op.drop_index(op.f("ix_events_place"), table_name="events")
    op.drop_constraint(op.f("ck_events_location_precision"), "events", type_="check")
    for column in ("location_precision", "longitude", "latitude", "place"):
        op.drop_column("events", column)
    op.drop_index(op.f("ix_change_log_entity_type_entity_id"), table_name="change_log")
    op.drop_index(op.f("ix_change_log_txid_id"), table_name="change_log")
    op.drop_table("change_log")
