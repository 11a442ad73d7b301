"""The near-duplicate groups new paragraphs join, worked out from the stored sketch buckets
(`seed.link.keys`) instead of from the whole corpus.

`seed.link.origins` gives each paragraph the id of its group: paragraphs alike within a
shared sketch bucket, connected, named by the smallest normalised text among them. Starting
from the new paragraphs, the stored paragraphs of their buckets that are alike are taken in,
then those alike in the buckets of these, until no bucket adds one: the groups the new
paragraphs join, complete. When those groups leave every stored paragraph's id as it was (a
new paragraph joins one group and does not rename it), the new quotes get the origins linking
the whole corpus gives them and no stored quote changes origins, so the neighbourhood of
`seed.incremental` stays what it is. A new paragraph whose text sorts before a group's renames
it, and no stored paragraph changes group: the stored ids are renamed in place
(`seed.origin_renames`). Otherwise (a new paragraph joins stored groups together, a bucket
stops being compared, or the groups reach over `MAX_STORED` stored paragraphs) None: the
whole corpus is linked.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import link_keys as keys_repo
from seed.extract.article import ArticleExtraction
from seed.extract.candidate import Candidate
from seed.extract.pledges import PledgeCandidate
from seed.link import copies, origins
from seed.link.unionfind import UnionFind
from seed.origin_renames import Renames

log = logging.getLogger(__name__)

# Stored paragraphs of the groups new ones join beyond which linking the corpus is cheaper.
MAX_STORED = 400

# A paragraph: (owner, start, end); the owner is a new article's file name, or a stored
# source's id prefixed with "stored:" (never a file name: those end in an extension).
Para = tuple[str, int, int]
_STORED = "stored:"
# Per article: (quote start, quote end) -> its origins (`seed.link.timeline.Origins`).
Origins = dict[str, dict[tuple[int, int], tuple[str, ...]]]


async def fresh_origins(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    joined: dict[str, set[uuid.UUID]] | None = None,
    renames: Renames | None = None,
    copy_ids: Mapping[str, str] | None = None,
) -> Origins | None:
    """Per new article, the origins of its quotes and pledges by (start, end) as linking the
    whole corpus assigns them, when a paragraph of it joins a stored group ({} when none
    does); None when stored groups would change (see the module's docstring). `joined`
    receives the ids of the stored groups its paragraphs join (as they are named after), each
    with the stored sources holding a paragraph of it;
    `renames`, the stored groups a new paragraph renames, to be renamed in place
    (`seed.origin_renames`; without it, a rename links the whole corpus). `copy_ids`: the
    stored copy group each new article joins (`seed.fresh_copies`), among its origins too."""
    groups = _Groups()
    own: dict[str, list[Para]] = {}
    for x in fresh:
        for paragraph in x.parsed.paragraphs:
            para = (x.file_name, paragraph.start, paragraph.end)
            groups.add(para, paragraph.text)
            own.setdefault(x.file_name, []).append(para)
    mine: dict[int, list[Para]] = {}
    for para in groups.texts:
        for h in groups.sketch(para):
            mine.setdefault(h, []).append(para)
    # Bucket -> its members (new and stored) that are compared, read once each.
    buckets: dict[int, list[Para]] = {}
    closure: set[Para] = set(groups.texts)
    unread = sorted(mine)
    while unread:
        sizes, stored = await keys_repo.paragraph_buckets(session, unread, origins.BUCKET_CAP)
        for h in unread:
            size, members = sizes.get(h, 0), list(mine.get(h, []))
            if size + len(members) > origins.BUCKET_CAP:
                if 0 < size <= origins.BUCKET_CAP:
                    # The new paragraphs make a compared bucket too large to compare: the
                    # stored groups it joined may come apart.
                    return _whole("a stored sketch bucket grows past the cap")
                continue  # compared neither before nor after
            for source, start, end, text in stored.get(h, []):
                para = (f"{_STORED}{source}", start, end)
                groups.add(para, text)
                members.append(para)
            buckets[h] = members
        grown = groups.close(buckets.values(), closure)
        if sum(1 for para in closure if para[0].startswith(_STORED)) > MAX_STORED:
            return _whole("the near-duplicate groups of its paragraphs are too large")
        unread = sorted({h for para in grown for h in groups.sketch(para)} - set(buckets))
    stored_paras = [para for para in closure if para[0].startswith(_STORED)]
    if not stored_paras:
        if not copy_ids:
            return {}
        return _quote_origins(fresh, own, groups.ids(buckets.values(), closure), copy_ids)
    after = groups.ids(buckets.values(), closure)
    before = groups.ids(buckets.values(), set(stored_paras))
    # Adding paragraphs only unites groups: each stored group lies in one group after.
    moved = {before[para]: after[para] for para in stored_paras}
    if len(set(moved.values())) < len(moved):
        return _whole("a paragraph joins stored near-duplicate groups together")
    if any(old != new for old, new in moved.items()):
        if renames is None:
            return _whole("a paragraph renames a stored near-duplicate group")
        renames.ids.update((old, new) for old, new in moved.items() if old != new)
        renames.sources.update(
            _source_of(para) for para in stored_paras if before[para] != after[para]
        )
    if joined is not None:
        for para in stored_paras:
            joined.setdefault(after[para], set()).add(_source_of(para))
    return _quote_origins(fresh, own, after, copy_ids or {})


def _source_of(para: Para) -> uuid.UUID:
    """The stored source holding a stored paragraph."""
    return uuid.UUID(para[0].removeprefix(_STORED))


class _Groups:
    """Paragraph texts, their normalised keys and shingles, and which are alike."""

    def __init__(self) -> None:
        self.texts: dict[Para, str] = {}
        self.keys: dict[Para, str] = {}
        self.shingles: dict[Para, frozenset[int]] = {}

    def add(self, para: Para, text: str) -> None:
        if para not in self.texts:
            self.texts[para] = text
            self.keys[para] = origins.text_key(text)
            self.shingles[para] = origins.shingles(text)

    def sketch(self, para: Para) -> tuple[int, ...]:
        return origins.sketch(self.shingles[para])

    def alike(self, a: Para, b: Para) -> bool:
        # As `seed.link.origins` unites two paragraphs: the same text, or similar shingles.
        if self.keys[a] == self.keys[b]:
            return True
        return origins.jaccard(self.shingles[a], self.shingles[b]) >= origins.THRESHOLD

    def close(self, buckets: object, closure: set[Para]) -> list[Para]:
        """Take into `closure` every member of `buckets` alike to one in it, until none is
        added; the members added. Every bucket is visited again after a round that added
        one: a member added through one bucket may be alike to others of a bucket seen."""
        added: list[Para] = []
        grew = True
        while grew:
            grew = False
            for members in buckets:  # type: ignore[attr-defined]
                inside = [m for m in members if m in closure]
                for b in members:
                    if b not in closure and any(self.alike(a, b) for a in inside):
                        closure.add(b)
                        inside.append(b)
                        added.append(b)
                        grew = True
        return added

    def ids(self, buckets: object, within: set[Para]) -> dict[Para, str]:
        """The group id of each paragraph `within`, from its alike pairs in `buckets`."""
        found: UnionFind[tuple[str, Para]] = UnionFind()
        for para in within:
            found.find((self.keys[para], para))
        for members in buckets:  # type: ignore[attr-defined]
            inside = sorted(m for m in members if m in within)
            for a, b in itertools.combinations(inside, 2):
                if self.alike(a, b):
                    found.union((self.keys[a], a), (self.keys[b], b))
        # The smallest key of a group is its root (`UnionFind`): the group is named by it.
        return {para: origins.origin_id(found.find((self.keys[para], para))[0]) for para in within}


def _quote_origins(
    fresh: Sequence[ArticleExtraction],
    own: dict[str, list[Para]],
    ids: dict[Para, str],
    copy_ids: Mapping[str, str],
) -> Origins:
    """Origins of the new quotes and pledges as `seed.link.timeline` assigns them: the
    groups of the paragraphs each spans, then its copy group among the new articles, or the
    stored one it joins (`copy_ids`)."""
    copied = copies.copy_groups({x.file_name: copies.reporting_text(x) for x in fresh})
    found: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}
    for x in fresh:
        name = x.file_name
        spans = [(start, end, ids[(owner, start, end)]) for owner, start, end in own.get(name, [])]
        group = copied.get(name) or copy_ids.get(name)
        if group is not None:
            spans.append((0, len(x.parsed.raw.text) + 1, group))
        quotes = found.setdefault(name, {})
        items: list[Candidate | PledgeCandidate] = [*x.candidates, *x.pledges]
        for item in items:
            quotes[(item.quote_start, item.quote_end)] = tuple(
                origin for start, end, origin in spans
                if start < item.quote_end and item.quote_start < end
            ) or (f"{name}:{item.quote_start}",)  # fmt: skip
    return found


def _whole(reason: str) -> Origins | None:
    log.info("linking the whole corpus: %s", reason)
    return None
