"""Pledges across articles: candidates telling the same pledge become one, dated by its
earliest telling (or the event it was made at), attributed to whoever made that event, and
rated as of the newest source (`seed.link.withdrawal_index`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date

from seed.extract.dates import add_duration
from seed.extract.pledges import PledgeCandidate, same_dated_deadline
from seed.extract.types import (
    ActorLink,
    DateInterval,
    Mention,
    Quote,
    TimelineEvent,
    TimelinePledge,
)
from seed.link.merge import Cluster, months_of, overlaps, width
from seed.link.origins import independent_origins, jaccard
from seed.link.pledge_status import Withdrawal, in_report_order
from seed.link.withdrawal_index import WithdrawalIndex


def _same_pledge(
    a: PledgeCandidate,
    b: PledgeCandidate,
    event_of: dict[int, str],
    hashed: dict[int, frozenset[int]] | None = None,
) -> bool:
    """`hashed`: each pledge's hashed tokens by `id`, kept between calls (a pledge is compared
    with up to PLEDGE_LOOKBACK groups per key, and each group's first pledge with many)."""
    a_event = event_of.get(id(a.event)) if a.event else None
    b_event = event_of.get(id(b.event)) if b.event else None
    if a.quantity is not None and a.quantity == b.quantity and a.unit == b.unit:
        return bool(set(a.actors) & set(b.actors)) and overlaps(a.made, b.made)
    memo = {} if hashed is None else hashed
    similar = jaccard(_hashed(a, memo), _hashed(b, memo)) >= 0.35
    if same_dated_deadline(a, b):
        # The same actor promising the same act for the same day: one pledge, whenever each
        # article says it was made.
        return similar
    if a_event is not None and a_event == b_event:
        return (a.duration is not None and a.duration == b.duration) or similar
    if similar and set(a.origins) & set(b.origins) and _consistent(a, b):
        # The same paragraph in two articles (a reprint, copied wire text): one pledge, even
        # when neither names who made it and each dates it by its own publication day.
        return True
    related = bool(set(a.actors) & set(b.actors)) or (
        a.file_name == b.file_name and not (a.actors and b.actors)
    )
    return similar and overlaps(a.made, b.made) and related


def _hashed(pledge: PledgeCandidate, memo: dict[int, frozenset[int]]) -> frozenset[int]:
    found = memo.get(id(pledge))
    if found is None:
        found = memo[id(pledge)] = frozenset(map(hash, pledge.tokens))
    return found


def _consistent(a: PledgeCandidate, b: PledgeCandidate) -> bool:
    """Nothing the two tellings both state differs: how many, within how long, and who."""

    def agree(x: object, y: object) -> bool:
        return x is None or y is None or x == y

    return (
        agree(a.quantity, b.quantity)
        and agree(a.duration, b.duration)
        and (not (a.actors and b.actors) or bool(set(a.actors) & set(b.actors)))
    )


PLEDGE_LOOKBACK = 64

Key = tuple[object, ...]


def _pledge_index_keys(pledge: PledgeCandidate, event_of: dict[int, str]) -> list[list[Key]]:
    """The keys a pledge's group is indexed under and found by, in the order they are looked
    up; the keys of one entry are looked up together (their groups in the order they were
    founded). A shared quantity or actor ties two tellings only when the days they say it was
    made overlap (or, for an actor, both are due on the same stated day: `_same_pledge`), so
    those keys hold the month: a frequent actor's groups of other months are not compared, and
    the `PLEDGE_LOOKBACK` most recent ones of its month are all of them."""
    months = months_of(pledge.made)
    keys: list[list[Key]] = [[("file", pledge.file_name)]]
    if pledge.event is not None and id(pledge.event) in event_of:
        keys.append([("event", event_of[id(pledge.event)])])
    if pledge.quantity is not None:
        keys.append([("quantity", pledge.quantity, m) for m in months])
    due = stated_due_day(pledge)
    for actor in pledge.actors:
        by_actor: list[Key] = [("actor", actor, m) for m in months]
        if due is not None:
            by_actor.append(("due", actor, due))
        keys.append(by_actor)
    keys += [[("origin", o)] for o in pledge.origins]
    return keys


def stated_due_day(pledge: PledgeCandidate) -> DateInterval | None:
    """The day a pledge is due by, when it states one ("by March 25", not "within 90 days"):
    two tellings by one actor due on that day are one pledge (`same_dated_deadline`)."""
    due = pledge.deadline
    if due is None or due.precision != "day" or pledge.duration is not None:
        return None
    return due


def _merged(index: dict[Key, list[int]], keys: list[Key]) -> list[int]:
    """The groups indexed under any of `keys`, once each, in the order they were founded."""
    if len(keys) == 1:
        return index.get(keys[0], [])  # (kept in that order)
    return sorted({number for key in keys for number in index.get(key, ())})


def reported_withdrawals(
    events: Sequence[TimelineEvent], related: Callable[[str], set[str]], default_actor: str | None
) -> tuple[list[str], list[Withdrawal]]:
    """The withdrawal events' keys and what rating reads of them (`in_report_order`): their
    dates, summaries and actors as they are stored, which is what re-rating a stored pledge
    reads (`seed.rerate`)."""
    withdrawn = (
        (e.key, e.date, [a.actor_key for a in e.actors], e.summary)
        for e in events
        if e.type == "withdrawal"
    )
    return in_report_order(withdrawn, related, default_actor)


def group_pledges(
    found: list[PledgeCandidate],
    clusters: list[Cluster],
    event_of: dict[int, str],
    as_of: date,
    default_actor: str | None,
    withdrawals: tuple[list[str], list[Withdrawal]],
) -> list[TimelinePledge]:
    """Pledge candidates that tell one pledge, grouped (across articles, with the events they
    were made at), dated, attributed and rated as of `as_of` with `withdrawals`
    (`reported_withdrawals` of the events the clusters became)."""
    cluster_of_key = {event_of[id(c.members[0])]: c for c in clusters}
    groups: list[list[PledgeCandidate]] = []
    hashed: dict[int, frozenset[int]] = {}  # (the pledges of `found` live as long as it does)
    # Only groups sharing an event, a quantity or an actor can match: index them by those
    # (each group by the number it was founded with).
    index: dict[Key, list[int]] = {}
    for pledge in sorted(found, key=lambda p: (width(p.made), p.file_name, p.quote_start)):
        keys = _pledge_index_keys(pledge, event_of)
        seen: set[int] = set()
        for entry in keys:
            numbers = _merged(index, entry)
            # The most recent groups of a key: a pledge repeats near its first telling, and a
            # frequent actor must not make grouping quadratic.
            for number in numbers[-PLEDGE_LOOKBACK:]:
                if number in seen:
                    continue
                seen.add(number)
                group = groups[number]
                if _same_pledge(group[0], pledge, event_of, hashed):
                    group.append(pledge)
                    break
            else:
                continue
            break
        else:
            for entry in keys:
                for key in entry:
                    index.setdefault(key, []).append(len(groups))
            groups.append([pledge])
    withdrawal_keys, reported = withdrawals
    # Only a withdrawal by one of a pledge's makers can rate it: each pledge is rated with
    # those alone, in their order, not with every withdrawal of the corpus.
    rated = WithdrawalIndex(reported)
    result: list[TimelinePledge] = []
    for group in groups:
        first = group[0]
        event_key = next((event_of.get(id(p.event)) for p in group if p.event), None)
        made = first.made
        earliest = min(group, key=lambda p: (p.made.end, width(p.made))).made
        if made.start > earliest.end:
            # A reprint's own (later) day: the pledge was told by the earliest telling's end.
            made = earliest
        if event_key is not None:
            cluster_date = cluster_of_key[event_key].date
            if cluster_date is not None and width(cluster_date) < width(made):
                made = cluster_date
        duration = next((p.duration for p in group if p.duration), None)
        deadline = add_duration(made, *duration) if duration else None
        if deadline is None:
            # A dated deadline ("by March 25") does not move with when the pledge was made.
            deadline = next((p.deadline for p in group if p.deadline is not None), None)
        actors: list[str] = []
        for p in group:
            actors += [a for a in p.actors if a not in actors]
        if event_key is not None:
            # Who made a pledge is who made the agreement it comes from, whichever source says so.
            actors += sorted(a for a in cluster_of_key[event_key].actors if a not in actors)
        quantity = next((p.quantity for p in group if p.quantity is not None), None)
        unit = next((p.unit for p in group if p.unit), None)
        # The country itself is party to everything: it links no withdrawal to a pledge.
        pledgers = set(actors) - {default_actor}
        status, reason, shown = rated.rating(
            made, deadline, pledgers, {p.quote for p in group}, as_of
        )
        evidence = tuple((withdrawal_keys[i], relation) for i, relation in shown)
        ordered = sorted(group, key=lambda p: (p.file_name, p.quote_start))
        origin = independent_origins([(p.file_name, p.origins) for p in ordered])
        mentions = tuple(
            Mention(
                p.file_name,
                Quote(p.quote_start, p.quote_end, p.quote),
                None,
                origin[p.file_name],
            )
            for p in ordered
        )
        digest = hashlib.blake2b(
            f"{first.file_name}:{first.quote_start}".encode(), digest_size=8
        ).hexdigest()
        result.append(
            TimelinePledge(
                key="p" + digest,
                text=first.text,
                actors=tuple(ActorLink(a, "pledger") for a in actors),
                made=made,
                deadline=deadline,
                quantity=quantity,
                unit=unit,
                status=status,
                status_reason=reason,
                mentions=mentions,
                event_key=event_key,
                evidence=evidence,
            )
        )
    result.sort(key=lambda p: (p.made.start, p.key))
    return result
