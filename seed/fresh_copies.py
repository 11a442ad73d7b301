"""The copy group a new article joins, worked out from the stored copy samples
(`seed.link.keys`) instead of from the whole corpus.

`seed.link.copies` unites two articles when most word shingles of the shorter one occur in the
longer one, comparing only the pairs that share enough of a sample of shingles (a sampled
shingle held by more than `MAX_POSTINGS` articles is boilerplate and not counted); a group is
named by the smallest normalised text among its members, and every quote of a member carries
that name among its origins. Starting from the new article, the stored articles it copies are
taken in, then those these copy, until none is added: the group, complete. Its stored members'
quotes take the group's name in place (`seed.origin_renames.relabel`), and the events they are
quoted in are linked again with the new article (`seed.incremental`).

A new undated article is dated by its dated copies as linking the corpus dates it
(`seed.fresh_undated.date_fresh`). None (the whole corpus is linked) where that would not be
exact or not bounded: a member's publication was inferred (the new copy may date it again);
the new article joins stored groups
together, or stored articles that copied none; a sampled shingle of it makes one of the stored
articles' boilerplate (pairs of them stop counting it); the group holds more than
`MAX_MEMBERS` stored articles.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import copy_samples
from db.repositories import link_keys as keys_repo
from db.repositories import origin_renames as renames_repo
from seed.extract.article import ArticleExtraction
from seed.extract.types import DateInterval
from seed.link import copies
from seed.link.keys import copy_sample
from seed.link.members import stored_source
from seed.link.undated import is_wide
from seed.link.unionfind import UnionFind
from seed.origin_renames import relabel, renamed
from seed.stored_extractions import load

log = logging.getLogger(__name__)

# Stored members of a copy group beyond which linking the corpus is cheaper.
MAX_MEMBERS = 50


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """The group of copies a new article joins: its `name`, the name its stored members had
    (None: one stored article that copied none), and those members; `name` "" when the new
    article copies none."""

    name: str
    old: str | None
    sources: frozenset[uuid.UUID]
    # The members' file names and publications, by file name: the copies that date an
    # undated new one (`seed.link.undated.infer_undated`).
    dated: tuple[tuple[str, DateInterval], ...] = ()


NO_COPY = CopyGroup("", None, frozenset())


@dataclass(frozen=True, slots=True)
class _Text:
    """An article's reporting text, its shingles, its sample and how many shingles it has."""

    text: str
    shingles: frozenset[int]
    sample: frozenset[int]
    size: int


def _read(text: str) -> _Text:
    found = copies.shingles(text)
    sample, size = copies.sample(found)
    return _Text(text, found, sample, size)


async def joined_copy_group(
    session: AsyncSession, fresh: Sequence[ArticleExtraction], version: str
) -> CopyGroup | None:
    """The stored group of copies the new articles `fresh` join (`NO_COPY`: none), or None
    (the whole corpus is linked): also where several new articles may copy stored ones (they
    may copy each other as well)."""
    if len(fresh) > 1:
        for x in fresh:
            sample, size = copy_sample(x)
            for _, shared, other in await copy_samples.copy_candidates(session, sorted(sample)):
                if _may_copy(shared, size, other):
                    return _whole("an article arriving with others may copy a stored one")
        return NO_COPY
    return await copy_group(session, fresh[0], version)


def _may_copy(shared: int, size: int, other: int) -> bool:
    """Whether two texts of `size` and `other` shingles sharing `shared` of their sampled ones
    pass the bar `seed.link.copies` sets before it compares them."""
    return shared >= copies.CONTAINMENT * min(size, other) / copies.SAMPLE / 2


async def copy_group(
    session: AsyncSession, fresh: ArticleExtraction, version: str
) -> CopyGroup | None:
    """The copy group the new article `fresh` joins (`NO_COPY` when it copies none), or None
    where the whole corpus must be linked (see the module's docstring)."""
    new = await asyncio.to_thread(_read, copies.reporting_text(fresh))
    if not new.sample:
        return NO_COPY  # too short to be taken for a copy, or to be copied
    # As linking the corpus counts them: the stored postings of a shingle, and the new one's.
    counted = await copy_samples.copy_postings(session, sorted(new.sample))
    if any(n == copies.MAX_POSTINGS for n in counted.values()):
        return _whole("a shingle of it becomes boilerplate between stored copies")
    texts: dict[str, _Text] = {fresh.file_name: new}
    edges: list[tuple[str, str]] = []
    frontier = [fresh.file_name]
    expanded: set[str] = set()
    while frontier:
        name = frontier.pop(0)
        expanded.add(name)
        mine = texts[name]
        if name != fresh.file_name:
            counted |= await copy_samples.copy_postings(
                session, sorted(mine.sample - counted.keys())
            )
        wanted = sorted(
            h for h in mine.sample if counted.get(h, 0) + (h in new.sample) <= copies.MAX_POSTINGS
        )
        found = [
            (str(source), source)
            for source, shared, size in await copy_samples.copy_candidates(session, wanted)
            if str(source) != name and _may_copy(shared, mine.size, size)
        ]
        unread = [source for key, source in found if key not in texts]
        for source, text in (await _stored_texts(session, unread, version)).items():
            texts[str(source)] = text
        for key, _ in found:
            if key not in texts:
                return _whole("a stored reading is of another extractor version")
            if copies.containment(mine.shingles, texts[key].shingles) >= copies.CONTAINMENT:
                edges.append((name, key))
                if key not in expanded and key not in frontier:
                    frontier.append(key)
        if len(texts) - 1 > MAX_MEMBERS:
            return _whole("its group of copies is too large")
    members = _connected(fresh.file_name, edges)
    if len(members) == 1:
        return NO_COPY
    stored = sorted(uuid.UUID(key) for key in members if key != fresh.file_name)
    members_read = [
        stored_source(*row[1:]) for row in await keys_repo.stored_sources(session, stored)
    ]
    if not all(s.publication.explicit for s in members_read):
        return _whole("a copy of it was dated by inference")
    before = _connected(str(stored[0]), [e for e in edges if fresh.file_name not in e])
    if len(before) != len(stored):
        return _whole("it copies stored articles that are not copies of each other")
    return CopyGroup(
        copies.group_id(texts[key].text for key in members),
        copies.group_id(texts[key].text for key in before) if len(before) > 1 else None,
        frozenset(stored),
        # (as inference weighs the dated copies: those dated narrowly)
        tuple(
            (s.file_name, s.publication.interval)
            for s in sorted(members_read, key=lambda s: s.file_name)
            if not is_wide(s.publication)
        ),
    )


def _connected(start: str, edges: Sequence[tuple[str, str]]) -> set[str]:
    """The members of `start`'s group, of the copy pairs `edges`."""
    groups: UnionFind[str] = UnionFind()
    groups.find(start)
    for a, b in edges:
        groups.union(a, b)
    return set(groups.groups()[groups.find(start)])


async def _stored_texts(
    session: AsyncSession, sources: Sequence[uuid.UUID], version: str
) -> dict[uuid.UUID, _Text]:
    """The reporting texts of stored sources, from their readings (of this extractor version:
    those of another are left out)."""
    if not sources:
        return {}
    payloads = await keys_repo.readings(session, sources, version)
    return await asyncio.to_thread(
        lambda: {
            source: _read(copies.reporting_text(load(payload)))
            for source, (_, payload) in payloads.items()
        }
    )


async def store_copy_group(session: AsyncSession, group: CopyGroup) -> None:
    """Give the quotes of the group's stored members the group's name among their origins
    (renaming the one they had), and their mentions the labels that gives."""
    changed: dict[uuid.UUID, list[str]] = {}
    stored = await renames_repo.span_origins(session, group.sources)
    for source, (_, found) in stored.items():
        if group.old is None:
            # A member that copied none: each quote's paragraphs' groups, then the copy's
            # (which covers the whole text: a quote of no paragraph has it alone).
            now = [" ".join([*(o for o in j.split() if ":" not in o), group.name]) for j in found]
        else:
            now = [renamed(j, {group.old: group.name}) for j in found]
        if now != found:
            changed[source] = now
    labels = await relabel(session, changed)
    log.info(
        "copy group %s: %d stored articles, %d mentions relabelled",
        group.name, len(group.sources), labels,
    )  # fmt: skip


def _whole(reason: str) -> CopyGroup | None:
    log.info("linking the whole corpus: %s", reason)
    return None
