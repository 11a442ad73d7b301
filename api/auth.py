"""Bearer API keys with scopes. Reads are public; writes need `write`, key management `admin`.

Scopes do not imply each other: an admin key that should also edit is created with both.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import SessionDep
from api.errors import Forbidden, Unauthorized
from api.key_tokens import hash_key, hashes_match, prefix_of
from db.repositories import api_keys

# auto_error=False: we raise our own 401 problem (with WWW-Authenticate) instead of FastAPI's.
_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer lct_...`")
_DUMMY_HASH = hash_key("lct_00000000_" + "0" * 43)


def require_scope(scope: str) -> Callable[..., Awaitable[uuid.UUID]]:
    """A dependency that authenticates the request and returns the key's id for auditing."""

    async def authenticate(
        session: SessionDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> uuid.UUID:
        if credentials is None:
            raise Unauthorized("An API key is required: send `Authorization: Bearer <key>`.")
        presented = credentials.credentials
        prefix = prefix_of(presented)
        key = await api_keys.get_by_prefix(session, prefix=prefix) if prefix else None
        # Compare even when no row matched, so timing does not reveal which prefixes exist.
        valid = hashes_match(presented, key.key_hash if key else _DUMMY_HASH) and key is not None
        if key is None or not valid:
            raise Unauthorized("The API key is not valid.")
        if key.revoked_at is not None:
            raise Unauthorized("The API key has been revoked.")
        if scope not in key.scopes:
            raise Forbidden(f"This API key lacks the {scope!r} scope.", required_scope=scope)
        return key.id

    return authenticate


WriteKey = Annotated[uuid.UUID, Depends(require_scope("write"))]
AdminKey = Annotated[uuid.UUID, Depends(require_scope("admin"))]
