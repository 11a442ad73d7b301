"""The keys of incremental linking (see `seed.link.keys`): written with each linking, and the
indexed queries that find a new article's neighbourhood in the stored corpus."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Text, any_, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import TextClause

from db.models import (
    EventBlock,
    MemberReading,
    Mention,
    Pledge,
    PledgeActor,
    Source,
    SourceExtraction,
    SourceSketch,
)
from db.repositories.arrays import array_param
from db.repositories.copy_rows import upsert_by_copy


async def save_source_keys(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    columns = [
        "paragraphs",
        "paragraph_spans",
        "copies",
        "copy_size",
        "undated_persons",
        "anchor_keys",
        "first_round_wide",
        "spans",
        "origins",
    ]
    # By COPY: arrays of every source of a bulk run, as multi-row VALUES, were tens of
    # thousands of bound parameters to compile.
    await upsert_by_copy(
        session,
        SourceSketch.__tablename__,
        ["source_id", *columns],
        rows,
        conflict="pk_source_sketches",
        update=columns,
    )


async def save_event_blocks(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    # An event's blocks and the days its mentions cover (see seed.link.keys).
    columns = ["blocks", "member_starts", "member_ends"]
    await upsert_by_copy(
        session,
        EventBlock.__tablename__,
        ["event_id", *columns],
        rows,
        conflict="pk_event_blocks",
        update=columns,
        changed_only=True,
    )


async def save_member_readings(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """(source_id, kind, char_start, char_end, date_text, sha256, payload) rows; a stored row
    holding the same values is left as is."""
    columns = ["sha256", "payload"]
    await upsert_by_copy(
        session,
        MemberReading.__tablename__,
        ["source_id", "kind", "char_start", "char_end", "date_text", *columns],
        rows,
        conflict="pk_member_readings",
        update=columns,
        changed_only=True,
    )


_MEMBER_READINGS = text(
    "SELECT w.source_id, w.kind, w.char_start, w.char_end, w.date_text, mr.payload"
    " FROM unnest(CAST(:sources AS uuid[]), CAST(:kinds AS text[]), CAST(:starts AS int[]),"
    " CAST(:ends AS int[]), CAST(:texts AS text[])) AS w(source_id, kind, char_start, char_end,"
    " date_text)"
    " JOIN member_readings mr ON mr.source_id = w.source_id AND mr.kind = w.kind"
    " AND mr.char_start = w.char_start AND mr.char_end = w.char_end"
    " AND mr.date_text = w.date_text"
    " JOIN sources s ON s.id = mr.source_id AND s.sha256 = mr.sha256"
)


async def member_readings(
    session: AsyncSession, wanted: Sequence[tuple[uuid.UUID, str, int, int, str]]
) -> dict[tuple[uuid.UUID, str, int, int, str], bytes]:
    """The stored reading of each (source, kind, start, end, date text) wanted, of the
    source's current text; those without one are absent."""
    if not wanted:
        return {}
    rows = await session.execute(
        _MEMBER_READINGS,
        {
            "sources": [w[0] for w in wanted],
            "kinds": [w[1] for w in wanted],
            "starts": [w[2] for w in wanted],
            "ends": [w[3] for w in wanted],
            "texts": [w[4] for w in wanted],
        },
    )
    return {(s, k, a, b, t): payload for s, k, a, b, t, payload in rows.tuples()}


async def stored_sources(
    session: AsyncSession, source_ids: Iterable[uuid.UUID]
) -> list[tuple[Any, ...]]:
    """(id, file name, sha256, published start, end, precision, explicit, reason) of each."""
    wanted = list(source_ids)
    if not wanted:
        return []
    rows = await session.execute(
        select(
            Source.id,
            Source.file_name,
            Source.sha256,
            Source.published_start,
            Source.published_end,
            Source.published_precision,
            Source.published_explicit,
            Source.published_reason,
        ).where(Source.id == any_(array_param(wanted)))
    )
    return [tuple(r) for r in rows.tuples()]


@cache
def _bucket_sizes(over: int) -> TextClause:
    """The bucket sizes, counted up to `over`, written into the statement rather than bound:
    from the sixth run of a prepared statement on, PostgreSQL may plan it for any limit, and
    for a limit it must guess it scans every sketch (60 ms at 10,000 sources) where the index
    finds the few holding the hash (3 ms)."""
    return text(
        "SELECT w.h, (SELECT count(*) FROM (SELECT 1 FROM source_sketches ss"
        f" WHERE ss.paragraphs @> ARRAY[w.h] LIMIT {int(over)}) AS x)"
        " FROM unnest(CAST(:hashes AS bigint[])) AS w(h)"
    )


_BUCKET_PARAGRAPHS = text(
    "SELECT w.h, s.id, ss.paragraph_spans[2 * p.i - 1], ss.paragraph_spans[2 * p.i],"
    " substr(s.text, ss.paragraph_spans[2 * p.i - 1] + 1,"
    " ss.paragraph_spans[2 * p.i] - ss.paragraph_spans[2 * p.i - 1])"
    " FROM unnest(CAST(:hashes AS bigint[])) AS w(h)"
    " JOIN source_sketches ss ON ss.paragraphs @> ARRAY[w.h]"
    " CROSS JOIN LATERAL unnest(ss.paragraphs) WITH ORDINALITY AS p(v, i)"
    " JOIN sources s ON s.id = ss.source_id"
    " WHERE p.v = w.h"
)

# A stored paragraph of a sketch bucket: (source, start, end, text).
BucketParagraph = tuple[uuid.UUID, int, int, str]


async def paragraph_buckets(
    session: AsyncSession, hashes: Sequence[int], cap: int
) -> tuple[dict[int, int], dict[int, list[BucketParagraph]]]:
    """Per sketch hash: how many stored sources hold it (counted up to `cap + 1`), and of
    those held by at most `cap`, each stored paragraph in its bucket. A larger bucket is never
    read beyond its first `cap + 1` members (it is not compared: see `seed.link.origins`)."""
    if not hashes:
        return {}, {}
    rows = await session.execute(_bucket_sizes(cap + 1), {"hashes": list(hashes)})
    sizes = {h: int(n) for h, n in rows.tuples()}
    small = sorted(h for h, n in sizes.items() if 0 < n <= cap)
    buckets: dict[int, list[BucketParagraph]] = {}
    if small:
        found = await session.execute(_BUCKET_PARAGRAPHS, {"hashes": small})
        for h, source, start, end, paragraph in found.tuples():
            buckets.setdefault(h, []).append((source, start, end, paragraph))
    return sizes, buckets


async def undated_naming(
    session: AsyncSession,
    actors: Sequence[str],
    words: Sequence[str] = (),
    min_words: int = 1,
    *,
    first_round_wide: bool = False,
) -> list[uuid.UUID]:
    """Undated sources whose relative dates name one of `actors` (or share another such key),
    or share at least `min_words` of `words` (keys of words of a weekday); only those the
    first round of inference left wide when `first_round_wide`."""
    found: set[uuid.UUID] = set()
    if actors:
        query = select(SourceSketch.source_id).where(
            SourceSketch.undated_persons.op("&&")(array_param(actors, Text()))
        )
        if first_round_wide:
            query = query.where(SourceSketch.first_round_wide.is_(True))
        found |= set((await session.scalars(query)).all())
    if words:
        result = await session.execute(
            _SHARING_WORDS,
            {"words": list(words), "least": min_words, "wide": first_round_wide},
        )
        found |= set(result.scalars().all())
    return sorted(found)


_SHARING_WORDS = text(
    "SELECT s.source_id FROM source_sketches s"
    " WHERE s.undated_persons && CAST(:words AS text[])"
    " AND (s.first_round_wide OR NOT :wide)"
    " AND cardinality(ARRAY(SELECT unnest(s.undated_persons)"
    " INTERSECT SELECT unnest(CAST(:words AS text[])))) >= :least"
)


async def events_in_blocks(
    session: AsyncSession, blocks: Sequence[str], start: date, end: date
) -> set[uuid.UUID]:
    """Events sharing one of `blocks` (through the GIN index) one of whose mentions' dates
    overlaps start..end (or whose dates are not known)."""
    if not blocks:
        return set()
    rows = await session.execute(
        _EVENTS_IN_BLOCKS, {"blocks": list(blocks), "start": start, "end": end}
    )
    return set(rows.scalars().all())


_EVENTS_IN_BLOCKS = text(
    "SELECT eb.event_id FROM event_blocks eb"
    " WHERE eb.blocks && CAST(:blocks AS text[])"
    " AND (eb.member_starts IS NULL OR EXISTS (SELECT 1 FROM unnest(eb.member_starts,"
    " eb.member_ends) AS d(s, e) WHERE d.s <= :end AND d.e >= :start))"
)


async def members(
    session: AsyncSession, event_ids: Iterable[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID, int, int, str | None]]:
    """(event, source, char_start, char_end, date_text) of every mention of these events."""
    wanted = list(event_ids)
    if not wanted:
        return []
    rows = await session.execute(
        select(
            Mention.event_id,
            Mention.source_id,
            Mention.char_start,
            Mention.char_end,
            Mention.date_text,
        ).where(Mention.event_id == any_(array_param(wanted)))
    )
    return [tuple(r) for r in rows.tuples()]  # type: ignore[misc]


async def pledges_made_at(
    session: AsyncSession, event_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """Pledge -> the event it was made at, of the pledges made at these events."""
    wanted = list(event_ids)
    if not wanted:
        return {}
    rows = await session.execute(
        select(Pledge.id, Pledge.event_id).where(Pledge.event_id == any_(array_param(wanted)))
    )
    return {pledge: event for pledge, event in rows.tuples() if event is not None}


async def pledge_members(
    session: AsyncSession, pledge_ids: Iterable[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID, int, int]]:
    """(pledge, source, char_start, char_end) of every mention of these pledges."""
    wanted = list(pledge_ids)
    if not wanted:
        return []
    rows = await session.execute(
        select(Mention.pledge_id, Mention.source_id, Mention.char_start, Mention.char_end).where(
            Mention.pledge_id == any_(array_param(wanted))
        )
    )
    return [tuple(r) for r in rows.tuples()]  # type: ignore[misc]


async def pledges_of_actors(
    session: AsyncSession,
    actor_ids: Iterable[uuid.UUID],
    start: date,
    end: date,
    deadline: date | None = None,
) -> dict[uuid.UUID, uuid.UUID | None]:
    """Pledge -> the event it was made at (None if none), of the pledges these actors made
    (through the (actor, pledge) index) within start..end, or due on the day `deadline`."""
    wanted = sorted(set(actor_ids))
    if not wanted:
        return {}
    when = (Pledge.made_start <= end) & (Pledge.made_end >= start)
    if deadline is not None:
        when |= (Pledge.deadline_start == deadline) & (Pledge.deadline_precision == "day")
    rows = await session.execute(
        select(Pledge.id, Pledge.event_id)
        .join(PledgeActor, PledgeActor.pledge_id == Pledge.id)
        .where(PledgeActor.actor_id == any_(array_param(wanted)), when)
        .distinct()
    )
    return dict(rows.tuples().all())


async def any_pledge(session: AsyncSession) -> bool:
    return await session.scalar(select(Pledge.id).limit(1)) is not None


async def other_versions(session: AsyncSession, version: str) -> bool:
    """Whether a stored extraction was read by another extractor version."""
    found = await session.scalar(
        select(SourceExtraction.source_id)
        .where(SourceExtraction.extractor_version != version)
        .limit(1)
    )
    return found is not None


async def latest_publication(session: AsyncSession) -> Any:
    """The end of the latest publication interval stored (what pledges are rated as of)."""
    return await session.scalar(select(func.max(Source.published_end)))


async def readings(
    session: AsyncSession,
    source_ids: Iterable[uuid.UUID],
    version: str,
    *,
    second_round: bool = False,
) -> dict[uuid.UUID, tuple[str, bytes]]:
    """Each source's final reading as the last linking left it: its extraction, or for an
    undated one its reading against the inferred publication (with `second_round`, of one the
    first round of inference left wide, its reading after that round). Sources without one
    are absent."""
    wanted = list(source_ids)
    if not wanted:
        return {}
    kept = [SourceExtraction.dated_payload, SourceExtraction.payload]
    if second_round:
        kept.insert(0, SourceExtraction.first_payload)
    rows = await session.execute(
        select(SourceExtraction.source_id, Source.file_name, func.coalesce(*kept))
        .join(Source, Source.id == SourceExtraction.source_id)
        .where(
            SourceExtraction.source_id == any_(array_param(wanted)),
            SourceExtraction.extractor_version == version,
            SourceExtraction.sha256 == Source.sha256,
            (Source.published_explicit.is_(True)) | SourceExtraction.dated_payload.is_not(None),
        )
    )
    return {source: (name, payload) for source, name, payload in rows.tuples()}


async def origins_of(
    session: AsyncSession, spans: Iterable[tuple[uuid.UUID, int, int]]
) -> dict[uuid.UUID, dict[tuple[int, int], tuple[str, ...]]]:
    """Per source: the origins of each quote and pledge among `spans` (source, start, end) as
    the last linking assigned them (the last one stored for a span that occurs twice). Only
    those: a source's other quotes are not read (a large neighbourhood holds thousands)."""
    wanted = sorted(set(spans))
    if not wanted:
        return {}
    rows = await session.execute(
        _ORIGINS_OF,
        {
            "sources": [w[0] for w in wanted],
            "starts": [w[1] for w in wanted],
            "ends": [w[2] for w in wanted],
        },
    )
    found: dict[uuid.UUID, dict[tuple[int, int], tuple[str, ...]]] = {}
    for source, start, end, joined in rows.tuples():
        found.setdefault(source, {})[(start, end)] = tuple(joined.split())
    return found


_ORIGINS_OF = text(
    "SELECT w.source_id, w.char_start, w.char_end, o.origin"
    " FROM unnest(CAST(:sources AS uuid[]), CAST(:starts AS int[]), CAST(:ends AS int[]))"
    " AS w(source_id, char_start, char_end)"
    " JOIN source_sketches s ON s.source_id = w.source_id"
    # The span's places found by array_positions (in C), not by testing every pair of
    # `spans` in SQL: (start, end) pairs, so a start is at an odd place (1-based).
    " CROSS JOIN LATERAL (SELECT s.origins[(p + 1) / 2] AS origin"
    " FROM unnest(array_positions(s.spans, w.char_start)) AS p"
    " WHERE p % 2 = 1 AND s.spans[p + 1] = w.char_end ORDER BY p DESC LIMIT 1) AS o"
)
