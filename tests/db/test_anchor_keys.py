"""Reads of the anchor keys of stored dated sources (`db.repositories.anchor_keys`)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id
from db.models import Actor, Source, SourceSketch
from db.repositories import anchor_keys
from tests.db.rows import sketch_row, source_row

FIRST, SECOND, THIRD = (uuid.UUID(int=n) for n in (1, 2, 3))


async def _store(
    session: AsyncSession,
    keys: dict[uuid.UUID, list[str] | None],
    undated: frozenset[uuid.UUID] = frozenset(),
    wide: frozenset[uuid.UUID] = frozenset(),
) -> None:
    """Sources holding `keys`; those `undated` were dated by inference, those `wide` left wide
    by its first round."""
    for n, (source, anchors) in enumerate(sorted(keys.items())):
        await session.execute(
            insert(Source).values(
                {
                    **source_row(source, f"s{n}", f"Text {n}.", date(2021, 3, 10 + n)),
                    "sha256": f"{n:064d}",
                    "published_explicit": source not in undated,
                }
            )
        )
        await session.execute(
            insert(SourceSketch).values(
                sketch_row(source, anchor_keys=anchors, first_round_wide=source in wide)
            )
        )


async def test_each_key_is_counted_over_the_sources_holding_it(session: AsyncSession) -> None:
    await _store(
        session,
        {
            FIRST: ["word:2:cairo", "word:2:meet", "jan-kubis@2"],
            SECOND: ["word:2:cairo", "jan-kubis@*"],
            THIRD: [],
        },
    )
    wanted = ["word:2:meet", "word:2:cairo", "word:3:cairo"]
    counted = await anchor_keys.counts(session, wanted, stated=False)
    assert counted == {"word:2:cairo": 2, "word:2:meet": 1, "word:3:cairo": 0}
    assert await anchor_keys.counts(session, [], stated=False) == {}


async def test_the_sources_holding_one_of_the_keys_are_found_once_each(
    session: AsyncSession,
) -> None:
    await _store(
        session,
        {
            FIRST: ["word:2:cairo", "word:2:meet", "jan-kubis@2"],
            SECOND: ["word:2:cairo", "jan-kubis@*"],
            THIRD: ["word:5:tunis"],
        },
    )
    found = await anchor_keys.sources_holding(
        session, ["jan-kubis@*", "word:2:cairo"], stated=False
    )
    assert found == [FIRST, SECOND]
    assert await anchor_keys.sources_holding(session, ["jan-kubis@3"], stated=False) == []


async def test_the_first_round_reads_only_the_sources_stating_their_publication(
    session: AsyncSession,
) -> None:
    await _store(
        session,
        {FIRST: ["word:2:cairo"], SECOND: ["word:2:cairo"], THIRD: ["word:2:cairo"]},
        undated=frozenset({SECOND}),
    )
    found = await anchor_keys.sources_holding(session, ["word:2:cairo"], stated=True)
    assert found == [FIRST, THIRD]
    counted = await anchor_keys.counts(session, ["word:2:cairo"], stated=True)
    assert counted == {"word:2:cairo": 2}


async def test_sources_stored_before_their_anchor_keys_were_kept_are_told(
    session: AsyncSession,
) -> None:
    await _store(session, {FIRST: ["word:2:cairo"], SECOND: []})
    assert await anchor_keys.unrecorded(session) is False
    await session.execute(
        update(SourceSketch).where(SourceSketch.source_id == SECOND).values(anchor_keys=None)
    )
    assert await anchor_keys.unrecorded(session) is True


async def test_the_persons_among_actor_keys_are_those_stored_as_persons(
    session: AsyncSession,
) -> None:
    await session.execute(
        insert(Actor),
        [
            {"id": actor_id(key), "key": key, "name": key.title(), "type": kind}
            for key, kind in (("jan-kubis", "person"), ("egypt", "state"), ("ali", "person"))
        ],
    )
    found = await anchor_keys.persons_among(session, ["egypt", "jan-kubis", "nobody"])
    assert found == {"jan-kubis"}
