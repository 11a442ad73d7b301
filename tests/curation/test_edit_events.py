"""PATCH and DELETE /events/{id}: If-Match preconditions, validation, versions, audit, history."""

from __future__ import annotations

import uuid

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from curation.support import Key, make_key
from db.models import AuditEntry, Event


def etag(event: uuid.UUID, version: int) -> dict[str, str]:
    return {"If-Match": resource_etag(event, version)}


async def stored(session: AsyncSession, event: uuid.UUID) -> Event:
    row = await session.get(Event, event, populate_existing=True)
    assert row is not None
    return row


async def test_patch_needs_a_write_key(
    client: AsyncClient, session: AsyncSession, event: uuid.UUID
) -> None:
    admin_only = await make_key(session, "admin")
    no_key = await client.patch(f"/events/{event}", json={"title": "x"}, headers=etag(event, 1))
    wrong = await client.patch(
        f"/events/{event}", json={"title": "x"}, headers=etag(event, 1) | admin_only.auth
    )
    assert (no_key.status_code, wrong.status_code) == (401, 403)


async def test_patch_without_if_match_is_428(
    client: AsyncClient, writer: Key, event: uuid.UUID
) -> None:
    response = await client.patch(f"/events/{event}", json={"title": "x"}, headers=writer.auth)
    assert response.status_code == 428
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://libya-timeline.example/problems/precondition-required",
        "title": "Precondition required",
        "status": 428,
        "detail": "Send `If-Match` with the ETag you last read, so concurrent edits are not lost.",
        "instance": f"/events/{event}",
    }


async def test_patch_applies_bumps_the_version_and_is_audited(
    client: AsyncClient, session: AsyncSession, writer: Key, event: uuid.UUID
) -> None:
    response = await client.patch(
        f"/events/{event}",
        json={"title": "JMC agrees withdrawal plan", "location": None},
        headers=writer.auth | etag(event, 1),
    )
    assert response.status_code == 200
    assert response.headers["etag"] == resource_etag(event, 2)
    assert response.json() == {
        "id": str(event),
        "title": "JMC agrees withdrawal plan",
        "summary": "The 5+5 JMC met.",
        "type": "political",
        "date_start": "2021-10-06",
        "date_end": "2021-10-06",
        "date_precision": "day",
        "location": None,
        "edited_fields": ["location", "title"],
        "version": 2,
    }
    entry = (await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == event))).one()
    assert (entry.entity_type, entry.action, entry.key_id) == ("event", "update", writer.id)
    assert entry.changed_fields == ["location", "title"]
    assert entry.before == {
        "title": "Joint Military Commission meets in Geneva",
        "location": "Geneva",
    }
    assert entry.after == {"title": "JMC agrees withdrawal plan", "location": None}

    history = await client.get(f"/events/{event}/history")
    assert history.status_code == 200
    assert history.json() == {
        "items": [
            {
                "id": entry.id,
                "action": "update",
                "at": entry.at.isoformat().replace("+00:00", "Z"),
                "key_id": str(writer.id),
                "changed_fields": ["location", "title"],
                "before": entry.before,
                "after": entry.after,
            }
        ],
        "next": None,
    }


async def test_two_editors_first_wins_second_gets_412(
    client: AsyncClient, session: AsyncSession, writer: Key, event: uuid.UUID
) -> None:
    other = await make_key(session, "write", name="second editor")
    read_version = etag(event, 1)  # both editors read version 1
    first = await client.patch(
        f"/events/{event}", json={"title": "First"}, headers=writer.auth | read_version
    )
    second = await client.patch(
        f"/events/{event}", json={"summary": "Second"}, headers=other.auth | read_version
    )
    assert first.status_code == 200
    assert second.status_code == 412
    assert second.json() == {
        "type": "https://libya-timeline.example/problems/precondition-failed",
        "title": "Precondition failed",
        "status": 412,
        "detail": "The resource changed since you read it; fetch it again and reapply your edit.",
        "instance": f"/events/{event}",
        "current_etag": resource_etag(event, 2),
    }
    row = await stored(session, event)
    assert (row.title, row.summary, row.version) == ("First", "The 5+5 JMC met.", 2)
    retry = await client.patch(
        f"/events/{event}",
        json={"summary": "Second"},
        headers=other.auth | {"If-Match": second.json()["current_etag"]},
    )
    assert (retry.status_code, retry.headers["etag"]) == (200, resource_etag(event, 3))


async def test_patch_that_changes_nothing_keeps_the_version(
    client: AsyncClient, session: AsyncSession, writer: Key, event: uuid.UUID
) -> None:
    response = await client.patch(
        f"/events/{event}", json={"location": "Geneva"}, headers=writer.auth | etag(event, 1)
    )
    assert (response.status_code, response.headers["etag"]) == (200, resource_etag(event, 1))
    assert response.json()["edited_fields"] == []
    count = (await session.scalars(select(AuditEntry).where(AuditEntry.entity_id == event))).all()
    assert count == []


@pytest.mark.parametrize(
    ("body", "name", "reason"),
    [
        (
            {"date_start": "2021-10-07"},
            "date_start",
            "date_start 2021-10-07 is after date_end 2021-10-06",
        ),
        (
            {"date_start": "2021-10-09", "date_end": "2021-10-08"},
            "date_end",
            "date_start 2021-10-09 is after date_end 2021-10-08",
        ),
    ],
)
async def test_patch_refuses_an_inverted_interval(
    client: AsyncClient, writer: Key, event: uuid.UUID, body: dict[str, str], name: str, reason: str
) -> None:
    response = await client.patch(
        f"/events/{event}", json=body, headers=writer.auth | etag(event, 1)
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"] == [{"name": name, "in": "body", "reason": reason}]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"date_precision": "fortnight"}, "date_precision"),
        ({"type": "rumour"}, "type"),
        ({"title": None}, "body"),
        ({"title": ""}, "title"),
        ({"title": "nul\u0000byte"}, "title"),
        ({"date_end": "0001-01-01"}, "date_end"),
        ({"colour": "red"}, "colour"),
        ({}, "body"),
    ],
)
async def test_patch_validates_fields(
    client: AsyncClient, writer: Key, event: uuid.UUID, body: dict[str, object], name: str
) -> None:
    response = await client.patch(
        f"/events/{event}", json=body, headers=writer.auth | etag(event, 1)
    )
    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == [name]


async def test_patch_unknown_event_is_404(client: AsyncClient, writer: Key) -> None:
    missing = uuid.uuid4()
    response = await client.patch(
        f"/events/{missing}", json={"title": "x"}, headers=writer.auth | {"If-Match": "*"}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == f"No event {missing}."


async def test_soft_delete(
    client: AsyncClient, session: AsyncSession, writer: Key, event: uuid.UUID
) -> None:
    assert (await client.delete(f"/events/{event}", headers=writer.auth)).status_code == 428
    stale = await client.delete(f"/events/{event}", headers=writer.auth | etag(event, 7))
    assert stale.status_code == 412

    deleted = await client.delete(f"/events/{event}", headers=writer.auth | etag(event, 1))
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert deleted.headers["etag"] == resource_etag(event, 2)
    row = await stored(session, event)
    deleted_at = row.deleted_at
    assert deleted_at is not None and row.version == 2

    # Gone for writers (DELETE again and PATCH are 404), kept in the history.
    again = await client.delete(f"/events/{event}", headers=writer.auth | etag(event, 2))
    assert again.status_code == 404
    patch = await client.patch(
        f"/events/{event}", json={"title": "x"}, headers=writer.auth | etag(event, 2)
    )
    assert patch.status_code == 404
    history = (await client.get(f"/events/{event}/history")).json()["items"]
    assert [(h["action"], h["changed_fields"], h["before"]) for h in history] == [
        ("delete", ["deleted_at"], {"deleted_at": None})
    ]
    assert history[0]["after"] == {"deleted_at": deleted_at.isoformat()}


async def test_history_of_unknown_and_of_unedited_events(
    client: AsyncClient, event: uuid.UUID
) -> None:
    missing = await client.get(f"/events/{uuid.uuid4()}/history")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    unedited = await client.get(f"/events/{event}/history")
    assert (unedited.status_code, unedited.json()) == (200, {"items": [], "next": None})
