"""`timeline keys create | revoke | list`: API keys, stored hashed and shown once."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from api.cli.base import app, fail, migrated_database

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

keys_app = typer.Typer(
    pretty_exceptions_enable=False,
    help="Create, revoke and list API keys (stored hashed; shown once).",
)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    name: str,
    scope: Annotated[
        list[str], typer.Option("--scope", help="read, write or admin; repeat for several")
    ],
) -> None:
    """Create a key with the given scopes and print it (the only time it is shown)."""
    from db.models.vocab import SCOPES

    unknown = sorted(set(scope) - set(SCOPES))
    if unknown:
        fail(f"unknown scope(s) {', '.join(unknown)}; expected {', '.join(SCOPES)}")
    created = _with_session(lambda session: _create_key(session, name, scope))
    typer.echo(created)


@keys_app.command("revoke")
def keys_revoke(id_or_prefix: str) -> None:
    """Revoke a key by its id or its prefix."""
    message = _with_session(lambda session: _revoke_key(session, id_or_prefix))
    if message is None:
        fail(f"no API key {id_or_prefix!r}")
    typer.echo(message)


@keys_app.command("list")
def keys_list() -> None:
    """List keys: id, prefix, name, scopes, created, revoked."""
    for line in _with_session(_list_keys):
        typer.echo(line)


def _with_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work(session)` in one committed transaction on the configured database."""

    async def run(url: str) -> T:
        from db.engine import make_engine, make_sessionmaker

        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    with migrated_database() as url:
        return asyncio.run(run(url))


async def _create_key(session: AsyncSession, name: str, scopes: list[str]) -> str:
    from api.key_tokens import generate_key
    from db.repositories import api_keys, audit

    new = generate_key()
    key = await api_keys.create(
        session, name=name, prefix=new.prefix, key_hash=new.key_hash, scopes=scopes
    )
    await audit.record(
        session,
        entity_type="api_key",
        entity_id=key.id,
        action="create",
        key_id=None,  # created from the command line, not through a key
        before=None,
        after={"name": key.name, "prefix": key.prefix, "scopes": key.scopes},
        changed_fields=["name", "prefix", "scopes"],
    )
    return new.plaintext


async def _revoke_key(session: AsyncSession, id_or_prefix: str) -> str | None:
    from db.repositories import api_keys, audit

    key = await api_keys.find(session, id_or_prefix=id_or_prefix)
    if key is None:
        return None
    if not await api_keys.revoke(session, key_id=key.id):
        return f"{key.id} ({key.prefix}) was already revoked"
    await audit.record(
        session,
        entity_type="api_key",
        entity_id=key.id,
        action="revoke",
        key_id=None,
        before={"revoked_at": None},
        after={"revoked_at": key.revoked_at},
        changed_fields=["revoked_at"],
    )
    return f"revoked {key.id} ({key.prefix})"


async def _list_keys(session: AsyncSession) -> list[str]:
    from db.repositories import api_keys

    return [
        "\t".join(
            [
                str(k.id),
                k.prefix,
                k.name,
                ",".join(k.scopes),
                k.created_at.isoformat(timespec="seconds"),
                k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else "-",
            ]
        )
        for k in await api_keys.get_all(session)
    ]
