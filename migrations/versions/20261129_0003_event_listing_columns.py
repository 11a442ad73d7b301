"""event listing columns: each event carries its actor list and source counts, kept by triggers

A page of `/events` used to aggregate, for each of its events, the actors (a join per link)
and the distinct sources and origins of its mentions: ~1,200 buffer reads for 50 events, four
fifths of the page's cost in PostgreSQL. Events now carry the results:

- `actors_doc`: the event's actors as compact JSON, `[{"id","key","name","role"}, ...]` ordered
  by name then role, byte for byte what the page used to build;
- `source_count` / `independent_source_count`: distinct sources / distinct origins of its
  mentions (the numbers `as_of` does not restrict; an `as_of` page still counts per event).

Statement-level triggers with transition tables keep them: one recomputation per statement for
the events it touched, so a bulk load costs one pass and a one-row write one event. Triggers
rather than application code for the reason of 0002: links, mentions and actor names are
written from several places (ingestion, merges, curation, fixtures, bulk loads). A recomputation
writes only events whose values really changed, so re-ingestion that changes nothing writes
nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# string_agg of row_to_json rather than json_agg: json_agg separates items with ", " while the
# API's JSON (orjson) is compact, and the page passes this text through untouched.
REFRESH_ACTORS = """
CREATE FUNCTION refresh_event_actors_doc(ids uuid[]) RETURNS void LANGUAGE sql AS $$
UPDATE events e SET actors_doc = d.doc
FROM (
    SELECT x.id, coalesce(
        (SELECT '[' || string_agg(row_to_json(r)::text, ',' ORDER BY r.name, r.role) || ']'
         FROM (SELECT a.id, a.key, a.name, ea.role
               FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
               WHERE ea.event_id = x.id) AS r),
        '[]')::json AS doc
    FROM (SELECT DISTINCT unnest(ids) AS id) AS x
) AS d
WHERE e.id = d.id AND e.actors_doc::text IS DISTINCT FROM d.doc::text
$$
"""
REFRESH_COUNTS = """
CREATE FUNCTION refresh_event_source_counts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
UPDATE events e
SET source_count = c.sources, independent_source_count = c.origins
FROM (
    SELECT x.id, m.sources, m.origins
    FROM (SELECT DISTINCT unnest(ids) AS id) AS x,
    LATERAL (SELECT count(DISTINCT source_id)::int AS sources,
                    count(DISTINCT origin)::int AS origins
             FROM mentions WHERE event_id = x.id) AS m
) AS c
WHERE e.id = c.id
  AND (e.source_count, e.independent_source_count) IS DISTINCT FROM (c.sources, c.origins)
$$
"""


# A trigger with transition tables serves one statement event, so each table gets one trigger
# per event; their shared function reads only the transition tables the event has (TG_OP).
def _refresh_function(name: str, refresh: str, condition: str) -> str:
    """A trigger function that runs `refresh` on the events of the changed rows."""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM {refresh}(ARRAY(SELECT event_id FROM new_rows WHERE {condition}));
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM {refresh}(ARRAY(SELECT event_id FROM old_rows WHERE {condition}));
    END IF;
    RETURN NULL;
END $$
"""


LINK_FUNCTION = _refresh_function("event_actors_refresh_docs", "refresh_event_actors_doc", "true")
# A mention of a pledge has no event.
MENTION_FUNCTION = _refresh_function(
    "mentions_refresh_counts", "refresh_event_source_counts", "event_id IS NOT NULL"
)
# Ingestion rewrites every actor row (an upsert); only a changed name or key touches events.
ACTOR_FUNCTION = """
CREATE FUNCTION actors_refresh_docs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_event_actors_doc(ARRAY(
        SELECT ea.event_id
        FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN event_actors ea ON ea.actor_id = n.id
        WHERE (n.name, n.key) IS DISTINCT FROM (o.name, o.key)));
    RETURN NULL;
END $$
"""

# Transition tables each statement event has.
_REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
TRIGGERS = [
    *(("event_actors", "event_actors_refresh_docs", event) for event in _REFERENCING),
    *(("mentions", "mentions_refresh_counts", event) for event in _REFERENCING),
    ("actors", "actors_refresh_docs", "UPDATE"),
]


def _trigger_name(function: str, event: str) -> str:
    return f"{function}_on_{event.lower()}"


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("actors_doc", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
    )
    op.add_column(
        "events",
        sa.Column("source_count", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "events",
        sa.Column("independent_source_count", sa.Integer(), server_default="0", nullable=False),
    )
    op.execute(REFRESH_ACTORS)
    op.execute(REFRESH_COUNTS)
    op.execute("SELECT refresh_event_actors_doc(ARRAY(SELECT DISTINCT event_id FROM event_actors))")
    op.execute(
        "SELECT refresh_event_source_counts("
        "ARRAY(SELECT DISTINCT event_id FROM mentions WHERE event_id IS NOT NULL))"
    )
    op.execute(LINK_FUNCTION)
    op.execute(MENTION_FUNCTION)
    op.execute(ACTOR_FUNCTION)
    for table, function, event in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {_trigger_name(function, event)} AFTER {event} ON {table} "
            f"REFERENCING {_REFERENCING[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def downgrade() -> None:
    for table, function, event in reversed(TRIGGERS):
        op.execute(f"DROP TRIGGER {_trigger_name(function, event)} ON {table}")
    for function in (
        "actors_refresh_docs()",
        "mentions_refresh_counts()",
        "event_actors_refresh_docs()",
        "refresh_event_source_counts(uuid[])",
        "refresh_event_actors_doc(uuid[])",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_column("events", "independent_source_count")
    op.drop_column("events", "source_count")
    op.drop_column("events", "actors_doc")
