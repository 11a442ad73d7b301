"""Contract of /changes on the sample corpus: creations, an edit, a soft and a hard deletion."""

from __future__ import annotations

from collections import Counter

from curation.support import make_key
from httpx import AsyncClient
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.caching import resource_etag
from api.schemas.changes import ChangePage
from api.settings import PROJECT_ROOT
from db.models import Actor, Event, Pledge, Source
from seed.pipeline import expand_paths, ingest, read_articles


async def _all_changes(client: AsyncClient, since: str | None = None) -> tuple[list[dict], str]:
    """Every change after `since`, following `next` links 50 at a time."""
    items: list[dict] = []
    params = {"limit": 50, **({"since": since} if since else {})}
    url: str | None = "/changes"
    while url is not None:
        response = await client.get(url, params=params if url == "/changes" else None)
        assert response.status_code == 200, response.text
        body = response.json()
        ChangePage.model_validate(body)
        items += body["items"]
        url = body["next"]
        if url is not None:
            assert response.headers["link"] == f'<{url}>; rel="next"'
        since = body["since"]
    assert since is not None
    return items, since


async def test_changes_list_the_ingestion_then_an_edit_and_deletions(
    client: AsyncClient, session: AsyncSession
) -> None:
    # The corpus is ingested in the test's own transaction: /changes shows a transaction's own
    # changes at once, and others' only once every older transaction on the server has ended
    # (a test server shared with other runs would make that moment unpredictable).
    articles, problems = read_articles(expand_paths([PROJECT_ROOT / "seed" / "corpus"]))
    await ingest(session, articles, problems)
    await session.commit()
    items, since = await _all_changes(client)
    # The ingestion of the sample corpus: every stored entity once, as created, version 1
    # (an event given its counts later in the same run is still one creation).
    stored = {
        entity: await session.scalar(select(func.count()).select_from(model))
        for entity, model in (
            ("actor", Actor),
            ("event", Event),
            ("pledge", Pledge),
            ("source", Source),
        )
    }
    assert (stored["event"], stored["source"]) == (22, 5)
    assert Counter((i["entity"], i["change"], i["version"]) for i in items) == {
        (entity, "created", 1): count for entity, count in stored.items()
    }
    assert len({(i["entity"], i["id"]) for i in items}) == sum(stored.values())
    # Nothing new since the last answer: an empty page that keeps the cursor.
    again = (await client.get("/changes", params={"since": since})).json()
    assert again == {"items": [], "next": None, "since": since}

    writer = await make_key(session, "write")
    first, second = (
        await session.scalars(
            select(Event).where(Event.deleted_at.is_(None)).order_by(Event.date_start).limit(2)
        )
    ).all()
    edited, deleted = first.id, second.id
    patch = await client.patch(
        f"/events/{edited}",
        json={"title": "Editor's title"},
        headers=writer.auth | {"If-Match": resource_etag(edited, 1)},
    )
    assert patch.status_code == 200
    removal = await client.delete(
        f"/events/{deleted}", headers=writer.auth | {"If-Match": resource_etag(deleted, 1)}
    )
    assert removal.status_code == 204
    # A hard delete, as a maintenance script would run it, leaves a tombstone too.
    pledge = await session.scalar(select(Pledge.id).order_by(Pledge.made_start, Pledge.id))
    await session.execute(delete(Pledge).where(Pledge.id == pledge))
    await session.commit()

    changes, _ = await _all_changes(client, since)
    edited_at = await session.scalar(select(Event.updated_at).where(Event.id == edited))
    assert [(c["entity"], c["id"], c["change"], c["version"]) for c in changes] == [
        ("event", str(edited), "updated", 2),
        ("event", str(deleted), "deleted", 2),
        ("pledge", str(pledge), "deleted", 1),
    ]
    assert changes[0]["at"] == edited_at.isoformat()
    # The deleted event's history is its tombstone: it is gone from reads.
    assert (await client.get(f"/events/{deleted}")).status_code == 404


async def test_updated_since_on_lists(
    corpus_client: AsyncClient, corpus_session: AsyncSession
) -> None:
    client, session = corpus_client, corpus_session
    writer = await make_key(session, "write")
    event = await session.scalar(select(Event).order_by(Event.date_start).limit(1))
    assert event is not None
    event_id, stored_at = event.id, event.updated_at
    patch = await client.patch(
        f"/events/{event_id}",
        json={"summary": "An editor's summary."},
        headers=writer.auth | {"If-Match": resource_etag(event_id, 1)},
    )
    assert patch.status_code == 200
    edited_at = await session.scalar(select(Event.updated_at).where(Event.id == event_id))
    assert edited_at is not None and edited_at > stored_at
    since = {"updated_since": edited_at.isoformat()}
    body = (await client.get("/events", params=since)).json()
    assert [e["id"] for e in body["items"]] == [str(event_id)]
    assert (await client.get("/pledges", params=since)).json()["items"] == []
    assert (await client.get("/actors", params=since)).json()["items"] == []
    assert (await client.get("/sources", params=since)).json()["items"] == []
    everything = {"updated_since": stored_at.isoformat()}
    assert len((await client.get("/sources", params=everything)).json()["items"]) == 5


async def test_a_modified_cursor_is_a_400(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/changes", params={"since": "WyJjaGFuZ2VzIl0"})
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "cursor"
