"""Helpers of the curation tests (importable; fixtures live in conftest.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from api.key_tokens import generate_key
from db.repositories import api_keys


@dataclass(frozen=True)
class Key:
    id: uuid.UUID
    plaintext: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.plaintext}"}


async def make_key(session: AsyncSession, *scopes: str, name: str = "test") -> Key:
    new = generate_key()
    row = await api_keys.create(
        session, name=name, prefix=new.prefix, key_hash=new.key_hash, scopes=scopes
    )
    key_id = row.id  # read before commit: committing expires the row
    # Commit releases the savepoint: a failing request's rollback then cannot undo the fixture.
    await session.commit()
    return Key(key_id, new.plaintext)
