"""Key management (admin scope): create, list and revoke API keys."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Response

from api.auth import AdminKey
from api.deps import SessionDep
from api.errors import NotFound
from api.key_tokens import generate_key
from api.payloads.keys import CreatedKey, KeyCreate, KeyList, KeyOut
from api.route_docs import AUTH_ERRORS, PROBLEM
from api.write_examples import CREATED_KEY, KEY_CREATE, json_example
from db.repositories import api_keys, audit

router = APIRouter(prefix="/keys", tags=["keys"], responses=AUTH_ERRORS)


@router.post(
    "",
    status_code=201,
    response_model=CreatedKey,
    responses={201: json_example(CREATED_KEY), 422: PROBLEM},
)
async def create_key(
    body: Annotated[KeyCreate, Body(openapi_examples=KEY_CREATE)],
    session: SessionDep,
    key_id: AdminKey,
    response: Response,
) -> CreatedKey:
    """Create an API key; the response is the only time the key itself is shown."""
    new = generate_key()
    key = await api_keys.create(
        session, name=body.name, prefix=new.prefix, key_hash=new.key_hash, scopes=body.scopes
    )
    await audit.record(
        session,
        entity_type="api_key",
        entity_id=key.id,
        action="create",
        key_id=key_id,
        before=None,
        after={"name": key.name, "prefix": key.prefix, "scopes": key.scopes},
        changed_fields=["name", "prefix", "scopes"],
    )
    response.headers["Location"] = f"/keys/{key.id}"
    return CreatedKey(
        **KeyOut.model_validate(key, from_attributes=True).model_dump(), key=new.plaintext
    )


@router.get("", response_model=KeyList)
async def list_keys(session: SessionDep, _key_id: AdminKey, response: Response) -> KeyList:
    """All API keys, revoked ones included (never the keys themselves)."""
    response.headers["Cache-Control"] = "no-store"  # admin data: no cache may keep it
    keys = await api_keys.get_all(session)
    return KeyList(items=[KeyOut.model_validate(k, from_attributes=True) for k in keys])


@router.delete("/{key_id}", status_code=204, responses={404: PROBLEM})
async def revoke_key(key_id: uuid.UUID, session: SessionDep, by_key_id: AdminKey) -> Response:
    """Revoke an API key. Idempotent: revoking a revoked key is 204 again; unknown id is 404."""
    key = await api_keys.get(session, key_id=key_id)
    if key is None:
        raise NotFound(f"No API key {key_id}.")
    if await api_keys.revoke(session, key_id=key_id):
        await audit.record(
            session,
            entity_type="api_key",
            entity_id=key_id,
            action="revoke",
            key_id=by_key_id,
            before={"revoked_at": None},
            after={"revoked_at": key.revoked_at},
            changed_fields=["revoked_at"],
        )
    return Response(status_code=204)
