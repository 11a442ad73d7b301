"""Stored per-article extractions: those read from the text a source holds now, by version."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Source, SourceExtraction
from db.repositories.extractions import hashes, load_with_hashes
from tests.db.rows import source_row


async def test_payloads_and_hashes_are_those_of_the_version_and_the_text_stored(
    session: AsyncSession,
) -> None:
    ids = [uuid.UUID(int=n) for n in (31, 32, 33, 34)]
    sha = [str(n) * 64 for n in range(4)]
    rows = [
        {**source_row(i, f"s{n}", f"Convoys left Sirte {n}.", date(2021, 10, 9)), "sha256": sha[n]}
        for n, i in enumerate(ids)
    ]
    await session.execute(insert(Source).values(rows))
    await session.execute(
        insert(SourceExtraction).values(
            [
                # (read, then dated: the reading read from the text is the one returned)
                {"source_id": ids[0], "sha256": sha[0], "extractor_version": "v2",
                 "payload": b"first", "dated_payload": b"first dated"},
                {"source_id": ids[1], "sha256": sha[1], "extractor_version": "v1",
                 "payload": b"older version", "dated_payload": None},
                {"source_id": ids[2], "sha256": "9" * 64, "extractor_version": "v2",
                 "payload": b"older text", "dated_payload": None},
                {"source_id": ids[3], "sha256": sha[3], "extractor_version": "v2",
                 "payload": b"fourth", "dated_payload": None},
            ]
        )
    )  # fmt: skip

    wanted = [ids[3], ids[2], ids[1], ids[0], ids[3]]
    found = await load_with_hashes(session, wanted, "v2")
    found_hashes = await hashes(session, wanted, "v2")

    assert found == {ids[0]: (sha[0], b"first"), ids[3]: (sha[3], b"fourth")}
    assert found_hashes == {ids[0]: sha[0], ids[3]: sha[3]}
