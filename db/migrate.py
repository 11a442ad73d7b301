"""Run Alembic programmatically (CLI, test fixtures, readiness check)."""

from __future__ import annotations

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from api.settings import PROJECT_ROOT


def sync_url(url: str) -> str:
    """The psycopg (synchronous) form of a database URL, for Alembic."""
    _scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    return "postgresql+psycopg://" + rest


# procrastinate's queue tables (migration 0012 applies its schema SQL) are not our models: they
# are left out of every comparison of the models with the database.
QUEUE_TABLE_PREFIX = "procrastinate_"


def is_queue_table(name: str) -> bool:
    return name.startswith(QUEUE_TABLE_PREFIX)


def include_in_comparison(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's `include_object`: everything but procrastinate's tables (and their parts)."""
    table = getattr(obj, "table", None)
    table_name = name if type_ == "table" else getattr(table, "name", None)
    return not (table_name and is_queue_table(table_name))


def alembic_config(url: str) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.attributes["url"] = url
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest migration (read once: /readyz asks on every probe)."""
    script = ScriptDirectory.from_config(alembic_config("postgresql://unused"))
    return script.get_current_head()
