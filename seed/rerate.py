"""Pledge ratings after an incremental linking: a withdrawal the neighbourhood added, changed
or dropped re-rates the earlier pledges of its actors, as linking the corpus would
(`seed.link.withdrawal_index`, fed with every withdrawal event stored)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import ratings
from seed.extract.registry import Registry
from seed.extract.types import DateInterval
from seed.link.pledge_status import Withdrawal, in_report_order, related_actors
from seed.link.withdrawal_index import WithdrawalIndex


async def touched_withdrawals(
    session: AsyncSession, event_ids: Collection[uuid.UUID]
) -> list[dict[str, Any]]:
    """The withdrawals among stored events an incremental run is about to rewrite."""
    return await ratings.withdrawals(session, event_ids) if event_ids else []


def changed_withdrawals(
    before: Sequence[dict[str, Any]], after: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The withdrawals of `before` (as stored before a run) and `after` (as stored after it)
    whose rows differ: one stored as before (id, days, summary, actors) rates and evidences
    every pledge as it did, so only the others can change a pledge."""
    same = {_row(w) for w in before} & {_row(w) for w in after}
    return [w for w in before if _row(w) not in same], [w for w in after if _row(w) not in same]


def _row(w: dict[str, Any]) -> tuple[object, ...]:
    """What of a stored withdrawal bears on a pledge's rating and evidence."""
    return (w["id"], w["start"], w["end"], w["precision"], w["summary"] or "", *sorted(w["actors"]))


async def rerate(
    session: AsyncSession,
    registry: Registry,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    as_of: date,
    pledges: Collection[uuid.UUID] = (),
    *,
    everything: bool = False,
    relinked: Collection[uuid.UUID] | None = None,
) -> None:
    """Re-rate `pledges` and those the withdrawals `before` (as stored) and `after` (as
    re-linked) can bear on: the pledges of their actors, made before them; all of them when
    `everything` (the day they are rated as of moved).

    `relinked`, when given, holds every withdrawal the run changed (`changed_withdrawals`,
    as stored before and after): the evidence of a pledge outside `pledges` can only change
    on those, and is compared only there; a busy actor's pledge has evidence in each of their
    later withdrawals."""
    changed = [*before, *after]
    if everything:
        found = await ratings.pledges_all(session)
    else:
        found = await ratings.pledges_by_id(session, pledges)
    if changed:
        keys = [key for w in changed for key in w["actors"]]
        actors = related_actors(keys, registry.related, registry.default_actor)
        latest = max(w["start"] for w in changed)
        found += await ratings.pledges_of(session, sorted(actors), latest)
    if not found:
        return
    # A pledge is rated by withdrawals reported after the day it was made (`WithdrawalIndex`):
    # those up to the earliest such day of these pledges bear on none and are not read.
    earliest = min(p["made_end"] for p in found)
    stored = (
        (w["id"], DateInterval(w["start"], w["end"], w["precision"]), w["actors"], w["summary"])
        for w in await ratings.withdrawals(session, after=earliest)
    )
    ids, reported = in_report_order(stored, registry.related, registry.default_actor)
    unique = {p["id"]: p for p in found}
    # A pledge's own quotes matter only where one is a withdrawal's summary (its rating).
    summaries = {summary for _, _, summary in reported if summary is not None}
    own_quotes = await ratings.pledge_quotes(session, unique, among=summaries)
    whole = set(unique) if relinked is None else set(pledges) & set(unique)
    touched = set(relinked or ())
    only = {i for i, withdrawal in enumerate(ids) if withdrawal in touched}
    # Every pledge against its actors' withdrawals: pure Python, done away from the event loop
    # so that other requests are answered. In a thread, not a worker process: shipping the
    # pledges and every withdrawal there and the evidence back cost more than rating them
    # (1,000 pledges at 10,000 stored articles: 30 ms to rate, 20 more through a worker).
    args = (list(unique.values()), reported, own_quotes, registry.default_actor, as_of, whole, only)
    updates, shown = await asyncio.to_thread(rate, *args)
    evidence = [
        {"pledge_id": p, "event_id": ids[i], "relation": relation, "note": None}
        for p, i, relation in shown
    ]
    await ratings.set_ratings(session, updates)
    await ratings.replace_withdrawal_evidence(
        session, sorted(whole), [e for e in evidence if e["pledge_id"] in whole]
    )
    await ratings.replace_withdrawal_evidence(
        session,
        sorted(set(unique) - whole),
        [e for e in evidence if e["pledge_id"] not in whole],
        events=sorted(touched),
    )


def rate(
    pledges: list[dict[str, Any]],
    reported: list[Withdrawal],
    own_quotes: dict[uuid.UUID, set[str]],
    default_actor: str | None,
    as_of: date,
    whole: Collection[uuid.UUID],
    only: Collection[int],
) -> tuple[list[dict[str, Any]], list[tuple[uuid.UUID, int, str]]]:
    """The changed ratings of `pledges` (as `ratings.set_ratings` takes them), and their
    evidence as (pledge, index into `reported`, relation): all of it for the pledges in
    `whole`, for the others only on the withdrawals indexed in `only`. `reported` comes in
    report order (`withdrawal_order`)."""
    # A withdrawal bears only on the pledges of its actors: each pledge is rated against
    # those sharing one of its pledgers, in their given order, through the index.
    rated = WithdrawalIndex(reported)
    updates, evidence = [], []
    for p in pledges:
        made = DateInterval(p["made_start"], p["made_end"], p["made_precision"])
        deadline = (
            DateInterval(p["deadline_start"], p["deadline_end"], p["deadline_precision"])
            if p["deadline_start"] is not None
            else None
        )
        pledgers = set(p["pledgers"] or ()) - {default_actor}
        status, reason, shown = rated.rating(
            made, deadline, pledgers, own_quotes[p["id"]], as_of, None if p["id"] in whole else only
        )
        if (status, reason) != (p["status"], p["status_reason"]):
            updates.append({"id": p["id"], "status": status, "status_reason": reason})
        evidence += [(p["id"], i, relation) for i, relation in shown]
    return updates, evidence
