"""A pledge reported by one article is linked to the later withdrawal another article reports,
and its status (derived, not set) follows from it."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from api.settings import Settings
from curation.support import Key

PLEDGE = {
    "text": "Ankara pledges troop pullout\n\nTurkey pledged on Monday to withdraw all its troops "
    "from Libya by March 31, 2021, Defence Minister Hulusi Akar said.\n",
    "published": "2021-02-02",
    "file_name": "pledge.txt",
}
WITHDRAWAL = {
    "text": "Turkish troops leave Libya\n\nThe last Turkish troops left Libya on Sunday.\n",
    "published": "2021-03-30",
    "file_name": "withdrawal.txt",
}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Both reads of the pledge must see the database: the rolled-back test transaction never
    # commits, so the change notice that clears cached responses never comes.
    return settings.model_copy(update={"response_cache": False})


async def _ingest(client: AsyncClient, writer: Key, article: dict[str, str]) -> dict[str, Any]:
    response = await client.post("/sources", json=article, headers=writer.auth)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_later_reported_withdrawal_is_the_evidence_that_keeps_a_pledge(
    client: AsyncClient, writer: Key
) -> None:
    first = await _ingest(client, writer, PLEDGE)
    (pledge,) = first["pledges"]
    before = (await client.get(f"/pledges/{pledge['id']}")).json()
    assert before["status"] == "not_yet_rated"
    assert [e["relation"] for e in before["evidence"]] == ["made_at"]

    second = await _ingest(client, writer, WITHDRAWAL)
    (withdrawal,) = second["events"]
    after = (await client.get(f"/pledges/{pledge['id']}")).json()
    assert after["status"] == "kept"
    assert [(e["relation"], e["event"]["id"]) for e in after["evidence"]] == [
        ("made_at", before["evidence"][0]["event"]["id"]),
        ("fulfils", withdrawal["id"]),
    ]
    fulfils = after["evidence"][1]
    assert fulfils["event"]["date_start"] == "2021-03-28"
    assert [q["quote"] for q in fulfils["quotes"]] == [
        "The last Turkish troops left Libya on Sunday."
    ]
