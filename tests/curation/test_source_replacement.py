"""Nothing an article or an editor brought is lost: a taken file name is a conflict, replacing
an article is an explicit, audited, If-Match-guarded PUT, and a deleted event stays deleted
while later articles about the same happening still show it live."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from curation.support import Key
from db.models import AuditEntry, Event, Source

MEETING = "Delegations of the Libyan National Army and the Government of National Accord met in "
FIRST = f"Talks in Geneva\n\n{MEETING}Geneva on Monday to discuss the ceasefire.\n"
SECOND = FIRST + "\nThe talks will resume next month, a spokesman said.\n"


def _submission(text: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "file_name": name, "published": "2021-03-03", **extra}


async def test_a_taken_file_name_with_another_text_is_a_conflict(
    client: AsyncClient, session: AsyncSession, writer: Key
) -> None:
    first = await client.post("/sources", json=_submission(FIRST, "wire-1"), headers=writer.auth)
    assert first.status_code == 201, first.text
    source_id = first.json()["source"]["id"]
    clash = await client.post("/sources", json=_submission(SECOND, "wire-1"), headers=writer.auth)
    assert clash.status_code == 409
    assert clash.headers["content-type"] == "application/problem+json"
    assert clash.json()["source_id"] == source_id
    stored = await session.scalar(select(Source.text).where(Source.id == uuid.UUID(source_id)))
    assert stored == FIRST


async def test_replacing_an_article_needs_if_match_keeps_edits_and_is_audited(
    client: AsyncClient, session: AsyncSession, writer: Key
) -> None:
    posted = await client.post("/sources", json=_submission(FIRST, "wire-2"), headers=writer.auth)
    source_id = posted.json()["source"]["id"]
    (event,) = posted.json()["events"]
    version = await session.scalar(select(Event.version).where(Event.id == uuid.UUID(event["id"])))
    assert version is not None
    edit = await client.patch(
        f"/events/{event['id']}",
        json={"title": "Editor's title"},
        headers=writer.auth | {"If-Match": resource_etag(uuid.UUID(event["id"]), version)},
    )
    assert edit.status_code == 200, edit.text
    url = f"/sources/{source_id}"
    body = _submission(SECOND, "ignored", title="Talks resume")

    missing = await client.put(url, json=body, headers=writer.auth)
    assert missing.status_code == 428
    stale = await client.put(url, json=body, headers=writer.auth | {"If-Match": '"stale"'})
    assert stale.status_code == 412
    etag = (await client.get(url)).headers["etag"]
    replaced = await client.put(url, json=body, headers=writer.auth | {"If-Match": etag})
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["source"]["id"] == source_id
    assert replaced.json()["source"]["title"] == "Talks resume"

    after = (
        await session.execute(
            select(Source.text, Source.file_name)
            .where(Source.id == uuid.UUID(source_id))
            .execution_options(populate_existing=True)
        )
    ).one()
    assert tuple(after) == (SECOND, "wire-2")
    assert [e["title"] for e in replaced.json()["events"]] == [
        "Editor's title",
        "The talks will resume next month, a spokesman said",
    ]
    (entry,) = (
        await session.scalars(select(AuditEntry).where(AuditEntry.entity_type == "source"))
    ).all()
    assert (entry.entity_id, entry.action, entry.key_id) == (
        uuid.UUID(source_id),
        "replace",
        writer.id,
    )
    assert entry.changed_fields == ["sha256", "title"]
    assert entry.after is not None and entry.after["title"] == "Talks resume"


async def test_replacing_with_the_text_of_another_source_is_a_conflict(
    client: AsyncClient, writer: Key
) -> None:
    one = await client.post("/sources", json=_submission(FIRST, "wire-3"), headers=writer.auth)
    two = await client.post("/sources", json=_submission(SECOND, "wire-4"), headers=writer.auth)
    url = f"/sources/{two.json()['source']['id']}"
    etag = (await client.get(url)).headers["etag"]
    clash = await client.put(
        url, json=_submission(FIRST, "x"), headers=writer.auth | {"If-Match": etag}
    )
    assert clash.status_code == 409
    assert clash.json()["source_id"] == one.json()["source"]["id"]


async def test_a_deleted_event_stays_deleted_and_new_mentions_form_a_live_one(
    client: AsyncClient, session: AsyncSession, writer: Key
) -> None:
    first = await client.post("/sources", json=_submission(FIRST, "one"), headers=writer.auth)
    second = await client.post(
        "/sources",
        json=_submission(f"Geneva meeting\n\n{MEETING}Geneva on Monday on the ceasefire.\n", "two"),
        headers=writer.auth,
    )
    (event,) = first.json()["events"]
    assert second.json()["events"] == [event]  # one happening, merged
    gone = uuid.UUID(event["id"])
    version = await session.scalar(select(Event.version).where(Event.id == gone))
    assert version is not None
    removal = await client.delete(
        f"/events/{gone}", headers=writer.auth | {"If-Match": resource_etag(gone, version)}
    )
    assert removal.status_code == 204

    third = await client.post(
        "/sources",
        json=_submission(
            f"Ceasefire talks\n\n{MEETING}Geneva on Monday about the ceasefire.\n", "three"
        ),
        headers=writer.auth,
    )
    assert third.status_code == 201
    (live,) = third.json()["events"]
    assert live["id"] != event["id"]
    assert (await client.get(f"/events/{live['id']}")).status_code == 200
    assert (await client.get(f"/events/{gone}")).status_code == 404
    deleted_at = await session.scalar(
        select(Event.deleted_at).where(Event.id == gone).execution_options(populate_existing=True)
    )
    assert deleted_at is not None
