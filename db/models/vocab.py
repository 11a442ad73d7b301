"""Closed vocabularies stored as text with CHECK constraints (not PostgreSQL enums: adding a value
to a CHECK is one migration, adding one to an enum type cannot run inside a transaction)."""

from __future__ import annotations

# What the extraction assigns (seed/extract/event_kinds.py) and what editors may set besides.
EVENT_TYPES = (
    "agreement",
    "ceasefire",
    "diplomatic",
    "election",
    "meeting",
    "military",
    "other",
    "political",
    "report",
    "statement",
    "withdrawal",
)
# An actor's part in an event (extraction: subject and object of the event's predicate,
# participant, speaker, host; editors and fixtures: the others) or in a pledge (pledger).
ACTOR_ROLES = (
    "commander",
    "host",
    "mediator",
    "object",
    "organizer",
    "participant",
    "pledger",
    "signatory",
    "speaker",
    "subject",
    "target",
)
DATE_PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "range", "unknown")
ACTOR_TYPES = (
    "person",
    "state",
    "armed_group",
    "government",
    "organization",
    "intergovernmental",
)
RELATIONS = ("backed_by", "member_of", "leads", "part_of", "opposed_to")
PLEDGE_STATUSES = ("not_yet_rated", "in_the_works", "stalled", "compromise", "kept", "broken")
INGEST_OUTCOMES = ("ingested", "updated", "unchanged", "failed")
SCOPES = ("read", "write", "admin")
CHANGED_ENTITIES = ("event", "pledge", "actor", "source")
CHANGE_KINDS = ("created", "updated", "deleted")
# Where an event's location was placed (UCDP's where_prec, coarser): at the named place itself,
# in a region, only in a country, or not at all. Not to be confused with `date_precision`.
LOCATION_PRECISIONS = ("place", "region", "country", "none")


def check_in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
