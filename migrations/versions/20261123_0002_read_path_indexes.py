"""read path indexes: events of an actor in one index range, bounded date-range scans

`event_actors.date_start` is a copy of its event's `date_start`, kept by triggers, so that
`(actor_id, date_start, event_id)` lists an actor's events already in timeline (keyset) order:
a page reads ~51 index entries instead of walking every event and testing each one's actors.
Triggers rather than application code because links are written from several places (the
ingestion writer, editorial merges, curation routes, fixtures, bulk loads): none of them has
to know about the copy.

`events.span_days` (`date_end - date_start`, generated) is indexed so the longest span is one
index lookup: a date-range overlap `date_end >= :from` then also gets `date_start >= :from -
max(span_days)`, which bounds the walk of the (date_start, id) index from both sides.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A link's copy is always re-derived from its event, whatever the writer sent. A link to a
# missing event gets 'infinity' rather than NULL so that the foreign key, checked after the
# NOT NULL constraint, is what rejects it (the error writers already expect).
LINK_FUNCTION = """
CREATE FUNCTION event_actors_copy_date_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.date_start := coalesce(
        (SELECT e.date_start FROM events e WHERE e.id = NEW.event_id), 'infinity'::date);
    RETURN NEW;
END $$
"""
LINK_TRIGGER = """
CREATE TRIGGER event_actors_copy_date_start
BEFORE INSERT OR UPDATE OF event_id, date_start ON event_actors
FOR EACH ROW EXECUTE FUNCTION event_actors_copy_date_start()
"""
# Only fires when the date really changed, so re-ingestion that rewrites nothing costs nothing.
EVENT_FUNCTION = """
CREATE FUNCTION events_push_date_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_actors SET date_start = NEW.date_start
    WHERE event_id = NEW.id AND date_start IS DISTINCT FROM NEW.date_start;
    RETURN NULL;
END $$
"""
EVENT_TRIGGER = """
CREATE TRIGGER events_push_date_start
AFTER UPDATE OF date_start ON events
FOR EACH ROW WHEN (OLD.date_start IS DISTINCT FROM NEW.date_start)
EXECUTE FUNCTION events_push_date_start()
"""


def upgrade() -> None:
    op.add_column("event_actors", sa.Column("date_start", sa.Date(), nullable=True))
    op.execute(
        "UPDATE event_actors ea SET date_start = e.date_start "
        "FROM events e WHERE e.id = ea.event_id"
    )
    op.alter_column("event_actors", "date_start", nullable=False)
    op.execute(LINK_FUNCTION)
    op.execute(LINK_TRIGGER)
    op.execute(EVENT_FUNCTION)
    op.execute(EVENT_TRIGGER)
    # The new index leads with actor_id too, so it serves every lookup the old one did.
    op.drop_index(op.f("ix_event_actors_actor_id_event_id"), table_name="event_actors")
    op.create_index(
        op.f("ix_event_actors_actor_id_date_start_event_id_role"),
        "event_actors",
        ["actor_id", "date_start", "event_id", "role"],
        unique=False,
    )
    op.add_column(
        "events",
        sa.Column(
            "span_days",
            sa.Integer(),
            sa.Computed("date_end - date_start", persisted=True),
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_events_span_days"), "events", ["span_days"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_events_span_days"), table_name="events")
    op.drop_column("events", "span_days")
    op.drop_index(
        op.f("ix_event_actors_actor_id_date_start_event_id_role"), table_name="event_actors"
    )
    op.create_index(
        op.f("ix_event_actors_actor_id_event_id"),
        "event_actors",
        ["actor_id", "event_id"],
        unique=False,
    )
    op.execute("DROP TRIGGER events_push_date_start ON events")
    op.execute("DROP FUNCTION events_push_date_start()")
    op.execute("DROP TRIGGER event_actors_copy_date_start ON event_actors")
    op.execute("DROP FUNCTION event_actors_copy_date_start()")
    op.drop_column("event_actors", "date_start")
