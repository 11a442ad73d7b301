"""PATCH /pledges/{id} (status needs evidence) and POST /actors/{id}/merge."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from curation.conftest import Actors
from curation.support import Key
from db.models import Actor, ActorAlias, AuditEntry, EventActor, PledgeActor, PledgeEvidence


def if_match(pledge: uuid.UUID, version: int = 1) -> dict[str, str]:
    return {"If-Match": resource_etag(pledge, version)}


async def test_status_needs_evidence(client: AsyncClient, writer: Key, pledge: uuid.UUID) -> None:
    response = await client.patch(
        f"/pledges/{pledge}", json={"status": "kept"}, headers=writer.auth | if_match(pledge)
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"] == [
        {"name": "evidence_event_id", "in": "body", "reason": "required when setting status"}
    ]


async def test_evidence_must_be_a_live_event(
    client: AsyncClient, writer: Key, pledge: uuid.UUID
) -> None:
    missing = uuid.uuid4()
    response = await client.patch(
        f"/pledges/{pledge}",
        json={"status": "kept", "evidence_event_id": str(missing)},
        headers=writer.auth | if_match(pledge),
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"] == [
        {"name": "evidence_event_id", "in": "body", "reason": f"no event {missing}"}
    ]


async def test_status_change_with_evidence_is_stored_and_audited(
    client: AsyncClient, session: AsyncSession, writer: Key, pledge: uuid.UUID, event: uuid.UUID
) -> None:
    response = await client.patch(
        f"/pledges/{pledge}",
        json={"status": "in_the_works", "evidence_event_id": str(event), "quantity": 300},
        headers=writer.auth | if_match(pledge),
    )
    assert response.status_code == 200
    assert response.headers["etag"] == resource_etag(pledge, 2)
    body = response.json()
    assert (body["status"], body["quantity"], body["version"]) == ("in_the_works", 300, 2)
    assert body["edited_fields"] == ["quantity", "status"]
    evidence = (
        await session.execute(
            select(PledgeEvidence.event_id, PledgeEvidence.relation).where(
                PledgeEvidence.pledge_id == pledge
            )
        )
    ).all()
    assert evidence == [(event, "editor")]
    entry = (await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == pledge))).one()
    assert entry.changed_fields == ["evidence_event_id", "quantity", "status"]
    assert entry.before == {"status": "not_yet_rated", "quantity": None}
    assert entry.after == {
        "status": "in_the_works",
        "quantity": 300,
        "evidence_event_id": str(event),
    }
    history = (await client.get(f"/pledges/{pledge}/history")).json()
    assert [(i["action"], i["key_id"]) for i in history["items"]] == [("update", str(writer.id))]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"deadline_start": "2021-01-01"}, "deadline_start"),
        (
            {
                "deadline_start": "2021-02-01",
                "deadline_end": "2021-01-01",
                "deadline_precision": "day",
            },
            "deadline_end",
        ),
        ({"quantity": -1}, "quantity"),
        ({"evidence_event_id": str(uuid.UUID(int=1))}, "evidence_event_id"),
    ],
)
async def test_pledge_validation(
    client: AsyncClient, writer: Key, pledge: uuid.UUID, body: dict[str, object], name: str
) -> None:
    response = await client.patch(
        f"/pledges/{pledge}", json=body, headers=writer.auth | if_match(pledge)
    )
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == [name]


async def test_stale_pledge_edit_is_412(
    client: AsyncClient, writer: Key, pledge: uuid.UUID
) -> None:
    response = await client.patch(
        f"/pledges/{pledge}", json={"unit": "fighters"}, headers=writer.auth | if_match(pledge, 9)
    )
    assert response.status_code == 412


async def test_merge_moves_links_and_aliases(
    client: AsyncClient, session: AsyncSession, writer: Key, actors: Actors
) -> None:
    response = await client.post(
        f"/actors/{actors.duplicate}/merge", json={"into": str(actors.curated)}, headers=writer.auth
    )
    assert response.status_code == 200
    # The 'participant' link the curated actor already had is not duplicated.
    assert response.json() == {
        "id": str(actors.duplicate),
        "merged_into_id": str(actors.curated),
        "moved": {"event_links": 1, "pledge_links": 1, "aliases": 1},
    }
    event_links = (
        await session.execute(
            select(EventActor.actor_id, EventActor.role)
            .where(EventActor.actor_id.in_([actors.curated, actors.duplicate]))
            .order_by(EventActor.role)
        )
    ).all()
    assert event_links == [(actors.curated, "participant"), (actors.curated, "speaker")]
    pledge_links = (
        await session.scalars(
            select(PledgeActor.actor_id).where(
                PledgeActor.actor_id.in_([actors.curated, actors.duplicate])
            )
        )
    ).all()
    assert pledge_links == [actors.curated]
    aliases = (
        await session.execute(
            select(ActorAlias.actor_id, ActorAlias.alias_norm)
            .where(ActorAlias.actor_id.in_([actors.curated, actors.duplicate]))
            .order_by(ActorAlias.alias_norm)
        )
    ).all()
    assert aliases == [(actors.curated, "test l n a"), (actors.curated, "test lna")]
    kept = await session.get(Actor, actors.duplicate, populate_existing=True)
    assert kept is not None and kept.merged_into_id == actors.curated
    entry = (
        await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == actors.duplicate))
    ).one()
    assert (entry.entity_type, entry.action, entry.key_id) == ("actor", "merge", writer.id)
    assert entry.after == {
        "merged_into_id": str(actors.curated),
        "event_links": 1,
        "pledge_links": 1,
        "aliases": 1,
    }

    again = await client.post(
        f"/actors/{actors.duplicate}/merge", json={"into": str(actors.curated)}, headers=writer.auth
    )
    assert again.status_code == 409


async def test_merge_refusals(client: AsyncClient, writer: Key, actors: Actors) -> None:
    into_itself = await client.post(
        f"/actors/{actors.duplicate}/merge",
        json={"into": str(actors.duplicate)},
        headers=writer.auth,
    )
    assert into_itself.status_code == 422
    assert (
        into_itself.json()["invalid_params"][0]["reason"] == "an actor cannot be merged into itself"
    )
    into_discovered = await client.post(
        f"/actors/{actors.curated}/merge", json={"into": str(actors.duplicate)}, headers=writer.auth
    )
    assert into_discovered.status_code == 422
    unknown = await client.post(
        f"/actors/{uuid.uuid4()}/merge", json={"into": str(actors.curated)}, headers=writer.auth
    )
    assert unknown.status_code == 404
    no_key = await client.post(
        f"/actors/{actors.duplicate}/merge", json={"into": str(actors.curated)}
    )
    assert no_key.status_code == 401
