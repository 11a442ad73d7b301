"""The stored pledges a new pledge shares a stored group of paragraphs or copies with.

The pledges of one paragraph's copies (a reprint, copied wire text) are grouped whoever made
them (`seed.link.pledge_groups`): a new pledge in a paragraph of a stored near-duplicate group,
or in a copy of stored articles, is linked again with the stored pledges quoted there, and the
events they were made at (`seed.incremental`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import link_keys as keys_repo
from seed.extract.article import ArticleExtraction
from seed.near_duplicates import Origins


async def pledges_in_joined_groups(
    session: AsyncSession,
    fresh: Sequence[ArticleExtraction],
    fresh_origins: Origins,
    joined: Mapping[str, set[uuid.UUID]],
) -> dict[uuid.UUID, uuid.UUID | None]:
    """Stored pledge -> the event it was made at, of the stored pledges that share with a new
    pledge one of the stored groups `joined` names (id -> the stored sources holding it). They
    are found among those sources, by their quotes' stored origins."""
    groups = {
        origin
        for x in fresh
        for p in x.pledges
        for origin in fresh_origins.get(x.file_name, {}).get((p.quote_start, p.quote_end), ())
        if origin in joined
    }
    if not groups:
        return {}
    sources = set().union(*(joined[group] for group in groups))
    rows = await keys_repo.pledges_quoted_by(session, sources)
    stored = await keys_repo.origins_of(session, [(s, start, end) for _, _, s, start, end in rows])
    return {
        pledge: event
        for pledge, event, source, start, end in rows
        if groups.intersection(stored.get(source, {}).get((start, end), ()))
    }
