"""Many rows into a table through PostgreSQL's COPY: one round trip and no SQL to compile,
for the bulk writes whose rows hold arrays (which `arrays.unnest_rows` cannot carry: an array
of arrays would be flattened)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def upsert_by_copy(
    session: AsyncSession,
    table: str,
    columns: Sequence[str],
    rows: Sequence[dict[str, Any]],
    *,
    conflict: str,
    update: Sequence[str],
    changed_only: bool = False,
) -> None:
    """`INSERT INTO table ... ON CONFLICT ON CONSTRAINT conflict DO UPDATE` of `rows`, staged
    in a temporary table filled by COPY (binary, typed by the table itself). With
    `changed_only`, a stored row whose `update` columns hold the same values is left as is."""
    if not rows:
        return
    staging = f"staging_{table}"
    names = ", ".join(columns)
    # The columns' types and nothing else (no constraints, no defaults); dropped below.
    await session.execute(
        text(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
    )
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table(
        staging, records=[tuple(r[c] for c in columns) for r in rows], columns=list(columns)
    )
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    where = ""
    if changed_only:
        stored = ", ".join(f"{table}.{c}" for c in update)
        incoming = ", ".join(f"excluded.{c}" for c in update)
        where = f" WHERE ROW({stored}) IS DISTINCT FROM ROW({incoming})"
    await session.execute(
        text(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
            f"ON CONFLICT ON CONSTRAINT {conflict} DO UPDATE SET {sets}{where}"
        )
    )
    await session.execute(text(f"DROP TABLE {staging}"))
