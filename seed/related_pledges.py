"""The stored pledges a new pledge may be grouped with (`seed.link.pledge_groups`), linked
again with it and the events they were made at (`seed.incremental`): those of its actors made
about when it was, and those quoted in a stored group of paragraphs or copies it joins (the
pledges of one paragraph's copies, a reprint or copied wire text, are grouped whoever made
them).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import actor_id
from db.repositories import link_keys as keys_repo
from db.repositories import quoted_in
from seed.extract.article import ArticleExtraction
from seed.link.pledge_groups import stated_due_day
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
    rows = await quoted_in.pledges_quoted_by(session, sources)
    stored = await keys_repo.origins_of(session, [(s, start, end) for _, _, s, start, end in rows])
    return {
        pledge: event
        for pledge, event, source, start, end in rows
        if groups.intersection(stored.get(source, {}).get((start, end), ()))
    }


# How far from a new pledge's day made a stored one of the same actor is still read with it.
# Two tellings of one pledge are grouped by a shared actor only when the days they say it was
# made overlap (or it is due on the same stated day: `seed.link.pledge_groups`); a stored
# pledge is dated by its first telling, or its event, which may lie a little apart. Without a
# bound, a frequent actor's new pledge would read all their pledges and the events they were
# made at (a tenth of a 10,000-article corpus). `timeline relink` regroups whatever lies beyond.
RELATED_PLEDGE_DAYS = 31


async def related_pledges(
    session: AsyncSession, fresh: Sequence[ArticleExtraction]
) -> dict[uuid.UUID, uuid.UUID | None]:
    """Stored pledge -> the event it was made at, of the stored pledges a new pledge may be
    grouped with (`seed.link.pledge_groups`): those of an actor of a new pledge made within
    `RELATED_PLEDGE_DAYS` of it, or due on the day it states. (Grouping compares pledges
    through a shared actor, a shared paragraph, or the event they were made at; the pledges of
    the events a new article touches are read with those events, and those of a shared
    paragraph are `pledges_in_joined_groups`.)"""
    found: dict[uuid.UUID, uuid.UUID | None] = {}
    margin = timedelta(days=RELATED_PLEDGE_DAYS)
    for x in fresh:
        for pledge in x.pledges:
            due = stated_due_day(pledge)
            found.update(
                await keys_repo.pledges_of_actors(
                    session,
                    [actor_id(a) for a in sorted(pledge.actors)],
                    pledge.made.start - margin,
                    pledge.made.end + margin,
                    due.start if due is not None else None,
                )
            )
    return found
