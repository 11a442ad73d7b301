"""Looser actor lookups: titles and "the" ignored, near matches scored, ambiguity a problem."""

from __future__ import annotations

from fixtures_timeline import StoredTimeline
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ActorAlias
from db.repositories.actors import resolve
from seed.extract.types import RawArticle
from seed.pipeline import ingest


async def _keys(client: AsyncClient, q: str) -> list[tuple[str, float | None]]:
    body = (await client.get("/actors", params={"q": q})).json()
    return [(a["key"], a.get("score")) for a in body["items"]]


async def test_q_ignores_a_leading_the_and_titles(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    assert await _keys(client, "the Libyan National Army") == [("libyan-national-army", None)]
    assert await _keys(client, "Mr Hifter") == [("khalifa-haftar", None)]


async def test_q_without_a_substring_match_lists_scored_near_matches(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    assert await _keys(client, "Najla Mangosh") == [("najla-mangoush", 0.72)]
    assert await _keys(client, "zzzz qqqq") == []


async def test_exact_stays_exact_and_a_title_or_forces_noun_is_dropped_only_when_needed(
    session: AsyncSession, timeline: StoredTimeline
) -> None:
    haftar = (timeline.actors["khalifa-haftar"],)
    assert await resolve(session, ref="Hifter") == haftar
    assert await resolve(session, ref="General Hifter") == haftar
    assert await resolve(session, ref="the Hifter forces") == haftar


async def test_a_near_match_of_the_actor_param_is_suggested_not_taken(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events", params={"actor": "Najla Mangosh"})
    assert response.status_code == 404
    body = response.json()
    assert body["detail"] == "No actor is called or identified by 'Najla Mangosh'."
    assert [(c["key"], c["score"]) for c in body["candidates"]] == [("najla-mangoush", 0.72)]


async def test_an_ambiguous_actor_param_is_a_problem_listing_the_candidates(
    client: AsyncClient, timeline: StoredTimeline
) -> None:
    response = await client.get("/events", params={"actor": "Government of Nationl"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["type"], body["title"]) == (
        "https://libya-timeline.example/problems/ambiguous-actor",
        "Ambiguous actor reference",
    )
    assert [(c["key"], c["score"]) for c in body["candidates"]] == [
        ("government-of-national-unity", 0.667),
        ("government-of-national-accord", 0.646),
    ]


async def test_a_states_demonym_is_stored_as_a_lookup_form(session: AsyncSession) -> None:
    await ingest(session, [RawArticle("x.txt", "Turkey and Malta met on 3 May 2021.\n")])
    stored = await session.scalars(
        select(ActorAlias.alias).where(ActorAlias.alias_norm.in_(["turkish", "maltese"]))
    )
    assert sorted(stored.all()) == ["Maltese", "Turkish"]


async def test_punctuation_only_names_nobody(client: AsyncClient, timeline: StoredTimeline) -> None:
    response = await client.get("/events", params={"actor": "!!"})
    assert (response.status_code, response.json()["title"]) == (404, "Not found")
