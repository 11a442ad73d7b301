"""Incremental linking: a new article is linked against the neighbourhood it can touch, found
through indexed keys (`seed.link.keys`, `db.repositories.link_keys`), not by loading the corpus.

The neighbourhood is the stored events sharing a (month, key) block with one of its quotes
(the only ones the merge step would compare them with). Their quotes are linked again together
with the new article's by the same `link_timeline`, and only those events are rewritten. The
merge step decides each quote by the clusters it is compared with, so re-linking the complete
events a new quote can meet gives what linking the whole corpus gives for them.

A new undated article is first dated from the stored dated articles that may anchor it
(`seed.fresh_undated`), then linked as a dated one.

Where a new article can reach beyond that, the whole corpus is linked instead (None): it is
undated and those leave it wide (or it arrives with others); its happenings may anchor a
stored undated article's date (`seed.stored_undated`; naming what one tells is not
enough); it copies stored articles whose group of copies cannot be found and renamed in
place (`seed.fresh_copies`); a paragraph of it would join stored near-duplicate groups
together (a paragraph that joins one group takes its id, and one that renames it renames it
in place: `seed.near_duplicates`).

The pledges made at a touched event whose mentions change are linked again, grouped against
the events as linked (in the same worker call, once that linking has shown which events
change: `seed.link_members`); so are the stored pledges of the actors of a new pledge, and
those quoted in a stored near-duplicate group its paragraph joins (pledges of one paragraph's
copies are grouped whoever made them), with the events they were made at
(`seed.related_pledges`). A withdrawal the
neighbourhood adds or changes re-rates the pledges of its actors, and an article newer than
every stored one (pledges are rated as of the newest) re-rates all of them (`seed.rerate`).
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import link_keys as keys_repo
from db.repositories import quoted_in
from seed import near_duplicates
from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry
from seed.extract.types import DateInterval, Timeline
from seed.fresh_copies import CopyGroup, joined_copy_group, store_copy_group
from seed.fresh_undated import FreshDating, date_fresh, redates_stored
from seed.link import word_anchors
from seed.link.keys import anchor_actors, candidate_blocks, keep_first_round
from seed.link.members import EVENT, PLEDGE, StoredSource, stored_source
from seed.link.recycled_years import earlier_days, moving_keys, moving_window
from seed.link.regroup import QuoteKey
from seed.link.stored_origins import restore_origins
from seed.link_members import StoredNeighbourhood, StoredReadings, link_in_pool
from seed.near_duplicates import Origins
from seed.origin_renames import Renames, rename
from seed.related_pledges import pledges_in_joined_groups, related_pledges
from seed.rerate import changed_withdrawals, rerate, touched_withdrawals
from seed.store import Scope, Stored
from seed.stored_extractions import dump as dump_extraction
from seed.stored_undated import weighed_stored
from seed.workers import Keep, default_registry

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Neighbourhood:
    timeline: Timeline
    scope: Scope
    # Withdrawals among the re-linked events as stored before (see `seed.rerate`).
    withdrawals: list[dict[str, Any]]
    as_of: date
    # Whether `as_of` moved: every pledge is rated again.
    moved: bool


async def link_neighbourhood(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    registry: Registry | None,
    version: str,
    pool: Executor | None,
) -> Neighbourhood | None:
    """The timeline of the neighbourhood of the `fresh` (new) articles and what storing it
    rewrites; None when the whole corpus must be linked (see the module's docstring)."""
    chosen = registry or default_registry()
    # (Pledges are rated as of the newest publication stored: read once, here.)
    stored_latest = await keys_repo.latest_publication(session)
    if stored_latest is None:
        _whole("nothing is stored")
        return None
    if await keys_repo.other_versions(session, version):
        _whole("stored readings are of another extractor version")
        return None
    inferred: dict[str, FreshDating] = {}
    # A copy of stored articles joins their group of copies, which dates it if it is undated
    # (`seed.fresh_copies`).
    group = await joined_copy_group(session, fresh, version)
    if group is None:
        return None
    if any(not x.dated for x in fresh):
        # (Articles of one call date each other: a lone one is dated by the stored ones.)
        if len(fresh) > 1:
            _whole("an undated article arrives with others")
            return None
        dating = await date_fresh(session, fresh[0], chosen, version, group.dated)
        if dating is None:
            _whole("the stored articles cannot date the undated one alone")
            return None
        inferred[dating.reading.file_name] = dating
        fresh = [dating.reading]
    found = await _neighbourhood(session, fresh, chosen, version, inferred, group)
    if found is None:
        return None
    touched, fresh_origins, copied = found
    # The stored pledges a new pledge may be grouped with, and the events they were made at
    # (a pledge is dated and attributed through its event's cluster).
    related = await related_pledges(session, fresh) | copied
    touched |= {event for event in related.values() if event is not None}
    # Pledges are rated as of the newest publication: a newer article moves that day for all.
    as_of = max([stored_latest, *(x.publication.interval.end for x in fresh if x.publication)])
    # The touched events' mentions; the pledges made at them (linked again where an event's
    # mentions change: `seed.link_members`).
    events: dict[uuid.UUID, set[tuple[object, ...]]] = {}
    event_members = await keys_repo.members(session, touched)
    for _, source, start, end, date_text in event_members:
        events.setdefault(source, set()).add((start, end, date_text or ""))
    made_at: dict[uuid.UUID, uuid.UUID | None] = {
        **related,
        **await keys_repo.pledges_made_at(session, touched),
    }
    pledge_members = await keys_repo.pledge_members(session, made_at)
    everything = {source: set(keys) for source, keys in events.items()}
    for _, source, start, end in pledge_members:
        everything.setdefault(source, set()).add(("pledge", start, end))
    read = await _read(session, everything, version)
    if read is None:
        _whole("a stored reading is of another extractor version")
        return None
    stored, names, by_name = read
    by_name.update(fresh_origins)
    pledged: dict[uuid.UUID, tuple[uuid.UUID | None, Keep]] = {
        p: (e, {}) for p, e in made_at.items()
    }
    for pledge, source, start, end in pledge_members:
        pledged[pledge][1].setdefault(names[source], set()).add(("pledge", start, end))
    neighbourhood = StoredNeighbourhood(
        _mentions_by_event(touched, event_members, names), pledged, frozenset(related)
    )
    linked = await link_in_pool(
        stored,
        fresh,
        registry,
        pool,
        {names[source]: keys for source, keys in events.items()},
        by_name,
        neighbourhood,
    )
    timeline = linked.timeline
    restore_origins(timeline, by_name)
    # Events the new articles left as they were are not stored again (nor their mentions,
    # actors, search text and keys): what is stored stays flat in the size of those events.
    rewritten = set(touched) - set(linked.same.values())
    log.info(
        "neighbourhood: %d events (%d changed), %d pledges, %d stored articles",
        len(touched), len(rewritten), len(linked.pledges), len(events),
    )  # fmt: skip
    assert timeline.keys is not None
    fresh_names = frozenset(x.file_name for x in fresh)
    timeline.keys.dated = {n: p for n, p in timeline.keys.dated.items() if n in fresh_names}
    # A new article the first round of inference left wide is dated here, not by that linking.
    wide = {name: dating.first for name, dating in inferred.items() if dating.first_round_wide}
    keep_first_round(timeline.keys, wide, chosen, dump_extraction)
    return Neighbourhood(
        timeline,
        Scope(
            fresh=fresh_names,
            events=frozenset(rewritten),
            pledges=linked.pledges,
            kept=linked.kept,
        ),
        await touched_withdrawals(session, rewritten),
        as_of,
        as_of > stored_latest,
    )


def _mentions_by_event(
    events: Iterable[uuid.UUID],
    rows: Sequence[tuple[uuid.UUID, uuid.UUID, int, int, str | None]],
    names: dict[uuid.UUID, str],
) -> dict[uuid.UUID, frozenset[QuoteKey]]:
    """Each of `events`'s mentions as quote keys, from (event, source, start, end, date text)
    rows (none for an event without any)."""
    found: dict[uuid.UUID, set[QuoteKey]] = {event: set() for event in events}
    for event, source, start, end, date_text in rows:
        found[event].add((names[source], start, end, date_text or ""))
    return {event: frozenset(keys) for event, keys in found.items()}


def _member_keys(members: dict[uuid.UUID, set[tuple[object, ...]]]) -> list[_Member]:
    """The stored mentions `members` names ((start, end, date text) of a quote, ("pledge",
    start, end) of a pledge), as member readings are keyed."""
    found: list[_Member] = []
    for source, keys in members.items():
        for key in keys:
            if key[0] == "pledge":
                _, start, end = key
                found.append((source, PLEDGE, cast(int, start), cast(int, end), ""))
            else:
                start, end, text = key
                found.append((source, EVENT, cast(int, start), cast(int, end), cast(str, text)))
    return sorted(found)


_Member = tuple[uuid.UUID, str, int, int, str]


def _span(key: tuple[object, ...]) -> tuple[int, int]:
    """(start, end) of a stored mention as `members` names it (see `_member_keys`)."""
    start, end = key[1:] if key[0] == "pledge" else key[:2]
    return cast(int, start), cast(int, end)


async def _read(
    session: AsyncSession, members: dict[uuid.UUID, set[tuple[object, ...]]], version: str
) -> tuple[StoredReadings, dict[uuid.UUID, str], Origins] | None:
    """What linking reads of the stored sources for their `members` (quotes and pledges): the
    readings of those mentions (`seed.link.members`), else, for mentions stored before those
    were kept, the sources' whole readings (None when one is out of date: link everything);
    the sources' file names; the near-duplicate groups of the mentions as the corpus-wide
    linking assigned them (the neighbourhood holds only part of those groups, and none of the
    stored texts are read)."""
    spans = sorted({(source, *_span(key)) for source, keys in members.items() for key in keys})
    origins: dict[uuid.UUID, dict[tuple[int, int], tuple[str, ...]]] = {}
    for source, found in (await keys_repo.origins_of(session, spans)).items():
        origins.setdefault(source, {}).update(found)
    sources: dict[uuid.UUID, StoredSource] = {}
    for row in await keys_repo.stored_sources(session, list(members)):
        sources[row[0]] = stored_source(*row[1:])
    names = {source: sources[source].file_name for source in members}
    by_name = {names[source]: origins.get(source, {}) for source in members}
    wanted = _member_keys(members)
    readings = await keys_repo.member_readings(session, wanted)
    if all(key in readings for key in wanted):
        payloads = [(names[key[0]], key[1], readings[key]) for key in wanted]
        return StoredReadings([sources[s] for s in members], payloads), names, by_name
    # Mentions stored before their readings were kept: their sources' whole readings (the
    # mentions' readings are stored with the result, for the next time).
    log.info("neighbourhood read from whole readings: mentions without their own reading")
    whole = await keys_repo.readings(session, list(members), version)
    if any(source not in whole for source in members):
        return None
    return StoredReadings(whole=dict(whole.values())), names, by_name


async def rerate_after(
    session: AsyncSession,
    registry: Registry | None,
    linked: Neighbourhood,
    stored: Stored,
) -> None:
    """Once the neighbourhood is `stored`: re-rate its pledges as of the corpus's latest
    publication, and the pledges its withdrawals bear on."""
    stored_before = linked.withdrawals
    now = await touched_withdrawals(session, sorted({*linked.scope.events, *stored.events}))
    # Only a withdrawal whose stored row changed (id, days, summary, actors) rates or evidences
    # a pledge otherwise: one stored as before bears on every pledge as it did, and its actors'
    # pledges (thousands in a large corpus) are not looked up for it.
    before, after = changed_withdrawals(stored_before, now)
    if not before and not after:
        log.info("withdrawals stored as before: no other pledge re-rated")
    chosen = registry or default_registry()
    await rerate(
        session,
        chosen,
        before,
        after,
        linked.as_of,
        stored.pledges,
        everything=linked.moved,
        relinked=sorted({w["id"] for w in [*before, *after]}),
    )


async def _neighbourhood(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    registry: Registry,
    version: str,
    inferred: Mapping[str, FreshDating],
    group: CopyGroup,
) -> tuple[set[uuid.UUID], Origins, dict[uuid.UUID, uuid.UUID | None]] | None:
    """The stored events the fresh articles' quotes can meet, the origins of the fresh
    quotes whose paragraphs join stored near-duplicate groups, and the stored pledges a new
    pledge shares such a group with (with the events they were made at); or None (see the
    docstring)."""
    # A paragraph like a stored one joins its near-duplicate group: the new quotes carry the
    # group's id, found through the sketch buckets (`seed.near_duplicates`).
    joined: dict[str, set[uuid.UUID]] = {}
    renames = Renames()
    fresh_origins = await near_duplicates.fresh_origins(
        session, fresh, joined, renames, {fresh[0].file_name: group.name} if group.name else None
    )
    if fresh_origins is None:
        return None
    # An article stating its publication anchors the undated ones in both rounds of inference;
    # one dated by inference, only in the second, as the first round read it, those the first
    # round left wide (`seed.fresh_undated`).
    stated = [x for x in fresh if x.file_name not in inferred]
    if stated:
        undated = await _undated_named(session, stated, registry, first_round_wide=False)
        weighed = await weighed_stored(session, stated, undated, registry, version)
        if weighed is None or (
            weighed
            and (
                len(stated) > 1
                or await redates_stored(session, stated[0], weighed, registry, version, stated=True)
            )
        ):
            _whole("an article may date an undated one")
            return None
    for dating in inferred.values():
        first = [dating.first]
        wide = await _undated_named(session, first, registry, first_round_wide=True)
        weighed = await weighed_stored(session, first, wide, registry, version)
        if weighed is None or (
            weighed and await redates_stored(session, dating.first, weighed, registry, version)
        ):
            _whole("an undated article dates again one the first round left wide")
            return None
    touched: set[uuid.UUID] = set()
    # (Before the neighbourhood's stored origins are read.)
    if renames.ids:
        await rename(session, renames)
    if group.name:
        await store_copy_group(session, group)
        # Their quotes now share an origin with the new article's: what merging compares
        # (`seed.link.merge.score`) and how pledges are grouped.
        touched |= await quoted_in.events_quoting(session, group.sources)
        joined.setdefault(group.name, set()).update(group.sources)
    copied = await pledges_in_joined_groups(session, fresh, fresh_origins, joined)
    # Per date a quote was read with, the blocks of the quotes of that date: the merge step
    # compares a quote only with clusters (and their members) of an overlapping date.
    blocks: dict[DateInterval, set[str]] = {}
    for x in fresh:
        for cand in x.candidates:
            blocks.setdefault(cand.date, set()).update(
                candidate_blocks(cand, registry.related, registry.default_actor)
            )
            # A yearless background day may take the year of a stored telling of the same
            # month and day in an earlier year (`seed.link.recycled_years`): those tellings.
            for day in earlier_days(cand, x.publication):
                moved = dataclasses.replace(cand, date=DateInterval(day, day, "day"))
                blocks.setdefault(moved.date, set()).update(
                    candidate_blocks(moved, registry.related, registry.default_actor)
                )
    for when, keys in sorted(blocks.items(), key=lambda item: (item[0].start, item[0].end)):
        touched |= await keys_repo.events_in_blocks(session, sorted(keys), when.start, when.end)
    # A telling with its year may move a stored yearless day of the same month and day, its
    # kind and an actor, to an earlier year (`seed.link.recycled_years`): its events, whatever
    # year their dates now hold.
    for x in fresh:
        for cand in x.candidates:
            if moving := moving_keys(cand):
                start, end = moving_window(cand)
                touched |= await keys_repo.events_in_blocks(session, sorted(moving), start, end)
    return touched, fresh_origins, copied


async def _undated_named(
    session: AsyncSession,
    readings: Sequence[ArticleExtraction],
    registry: Registry,
    *,
    first_round_wide: bool,
) -> list[uuid.UUID]:
    """The stored undated sources sharing a key with the happenings of `readings` that may
    anchor them (of those the first round of inference left wide, when `first_round_wide`)."""
    anchors = set().union(*(anchor_actors(x, registry) for x in readings))
    words = sorted(k for k in anchors if k.startswith(word_anchors.WORD_KEY))
    named = sorted(anchors.difference(words))
    return await keys_repo.undated_naming(
        session, named, words, word_anchors.MIN_WORDS, first_round_wide=first_round_wide
    )


def _whole(reason: str) -> None:
    log.info("linking the whole corpus: %s", reason)
