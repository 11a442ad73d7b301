"""API keys: authentication (401), scopes (403), admin endpoints, hashing, logs without keys."""

from __future__ import annotations

import hashlib
import logging
import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from curation.support import Key, make_key
from db.models import ApiKey, AuditEntry

UNAUTHORIZED = "https://libya-timeline.example/problems/unauthorized"


def problem(status: int, slug: str, title: str, detail: str, instance: str) -> dict[str, object]:
    return {
        "type": f"https://libya-timeline.example/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }


async def test_missing_key_is_401_problem_with_www_authenticate(client: AsyncClient) -> None:
    response = await client.get("/keys")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == 'Bearer realm="libya-timeline"'
    assert response.json() == problem(
        401,
        "unauthorized",
        "Authentication required",
        "An API key is required: send `Authorization: Bearer <key>`.",
        "/keys",
    )


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-key",
        "Bearer lct_0123abcd_" + "A" * 43,  # well-formed, unknown
        "Basic dXNlcjpwYXNz",
    ],
)
async def test_invalid_key_is_401(client: AsyncClient, admin: Key, header: str) -> None:
    response = await client.get("/keys", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="libya-timeline"'
    detail = response.json()["detail"]
    if header.startswith("Basic"):
        assert detail == "An API key is required: send `Authorization: Bearer <key>`."
    else:
        assert detail == "The API key is not valid."


async def test_key_with_a_wrong_secret_is_401(client: AsyncClient, admin: Key) -> None:
    forged = admin.plaintext[:-1] + ("A" if admin.plaintext[-1] != "A" else "B")
    response = await client.get("/keys", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.json()["detail"] == "The API key is not valid."


async def test_wrong_scope_is_403_problem(client: AsyncClient, writer: Key) -> None:
    response = await client.get("/keys", headers=writer.auth)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        **problem(
            403, "forbidden", "Insufficient scope", "This API key lacks the 'admin' scope.", "/keys"
        ),
        "required_scope": "admin",
    }


async def test_admin_creates_a_key_that_is_stored_hashed_and_works(
    client: AsyncClient, session: AsyncSession, admin: Key
) -> None:
    response = await client.post(
        "/keys", json={"name": "newsroom", "scopes": ["write"]}, headers=admin.auth
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "prefix", "scopes", "created_at", "revoked_at", "key"}
    assert (body["name"], body["scopes"], body["revoked_at"]) == ("newsroom", ["write"], None)
    assert body["key"].startswith(f"lct_{body['prefix']}_")
    assert response.headers["location"] == f"/keys/{body['id']}"

    stored = await session.get(ApiKey, uuid.UUID(body["id"]))
    assert stored is not None
    assert stored.key_hash == hashlib.sha256(body["key"].encode()).hexdigest()
    assert body["key"] not in (stored.key_hash, stored.prefix, stored.name)

    audit = (
        await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == stored.id))
    ).one()
    assert (audit.entity_type, audit.action, audit.key_id) == ("api_key", "create", admin.id)
    assert audit.after == {"name": "newsroom", "prefix": body["prefix"], "scopes": ["write"]}

    # The new key authenticates (write scope) but cannot manage keys.
    new_auth = {"Authorization": f"Bearer {body['key']}"}
    assert (await client.get("/keys", headers=new_auth)).status_code == 403


async def test_create_key_validates_scopes(client: AsyncClient, admin: Key) -> None:
    response = await client.post(
        "/keys", json={"name": "x", "scopes": ["root"]}, headers=admin.auth
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "scopes.0"


async def test_list_keys_never_shows_secrets(client: AsyncClient, admin: Key, writer: Key) -> None:
    response = await client.get("/keys", headers=admin.auth)
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    by_id = {item["id"]: item for item in body["items"]}
    assert set(by_id) == {str(admin.id), str(writer.id)}
    assert by_id[str(writer.id)]["scopes"] == ["write"]
    assert set(by_id[str(writer.id)]) == {
        "id",
        "name",
        "prefix",
        "scopes",
        "created_at",
        "revoked_at",
    }
    assert writer.plaintext not in response.text


async def test_revoked_key_is_401_and_revoking_is_idempotent(
    client: AsyncClient, session: AsyncSession, admin: Key, writer: Key
) -> None:
    first = await client.delete(f"/keys/{writer.id}", headers=admin.auth)
    assert (first.status_code, first.content) == (204, b"")
    again = await client.delete(f"/keys/{writer.id}", headers=admin.auth)
    assert again.status_code == 204
    response = await client.get("/events/00000000-0000-0000-0000-000000000000/history")
    assert response.status_code == 404  # reads stay public
    patch = await client.patch(f"/events/{uuid.uuid4()}", json={"title": "x"}, headers=writer.auth)
    assert patch.status_code == 401
    assert patch.json()["detail"] == "The API key has been revoked."
    audits = (
        await session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == writer.id))
    ).all()
    assert audits == ["revoke"]  # the second DELETE changed nothing


async def test_revoking_an_unknown_key_is_404(client: AsyncClient, admin: Key) -> None:
    missing = uuid.uuid4()
    response = await client.delete(f"/keys/{missing}", headers=admin.auth)
    assert response.status_code == 404
    assert response.json()["detail"] == f"No API key {missing}."


async def test_keys_never_reach_the_logs(
    client: AsyncClient, session: AsyncSession, caplog: pytest.LogCaptureFixture
) -> None:
    key = await make_key(session, "admin", "write")
    caplog.set_level(logging.DEBUG)
    ok = await client.get("/keys", headers=key.auth)
    bad = await client.get("/keys", headers={"Authorization": key.plaintext[:-2] + "zz"})
    assert (ok.status_code, bad.status_code) == (200, 401)
    access = [r for r in caplog.records if r.name == "api.access"]
    assert len(access) == 2  # the requests were logged...
    everything = caplog.text + "".join(repr(vars(r)) for r in caplog.records)
    secret = key.plaintext.split("_", 2)[2]
    assert key.plaintext not in everything  # ...but not the key
    assert secret[:20] not in everything


async def test_an_admin_listing_is_never_replayed_to_others(
    client: AsyncClient, admin: Key
) -> None:
    listed = await client.get("/keys", headers=admin.auth)
    assert (listed.status_code, listed.headers["cache-control"]) == (200, "no-store")
    anonymous = await client.get("/keys")
    assert anonymous.status_code == 401
