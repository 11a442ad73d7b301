"""Member readings: what the merge step reads of each stored mention, kept per mention so that
an incremental linking reads the mentions of the events a new article can touch instead of
the whole readings of their sources (pure: readings in, bytes out, and back).

A mention is keyed by (file name, kind, quote start, quote end, date text); its reading is
every candidate (or pledge) of its source's reading with that key, with its place in that
reading (pickled, compressed), so that the readings rebuilt from them (`stand_ins`) hold, in
the same order, the candidates a reading cut down to those mentions would hold.
"""

from __future__ import annotations

import dataclasses
import pickle
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from operator import attrgetter

from seed.extract.article import ArticleExtraction
from seed.extract.candidate import Candidate
from seed.extract.parse import ParsedArticle
from seed.extract.pledges import PledgeCandidate
from seed.extract.types import (
    DateInterval,
    DatePrecision,
    PublicationDate,
    RawArticle,
    TimelineEvent,
    TimelinePledge,
)

# (file name, "event" or "pledge", quote start, quote end, date text or "").
MemberKey = tuple[str, str, int, int, str]
EVENT, PLEDGE = "event", "pledge"


def event_key(file_name: str, start: int, end: int, date_text: str | None) -> MemberKey:
    return (file_name, EVENT, start, end, date_text or "")


def pledge_key(file_name: str, start: int, end: int) -> MemberKey:
    return (file_name, PLEDGE, start, end, "")


def member_payloads(
    readings: Iterable[ArticleExtraction],
    events: Iterable[TimelineEvent],
    pledges: Iterable[TimelinePledge],
    only: set[str] | None = None,
) -> dict[MemberKey, bytes]:
    """The reading of each mention of `events` and `pledges` (of the articles in `only`; all
    when None), serialised: its candidates (pledges) as (place in the reading, item)."""
    items: dict[MemberKey, list[tuple[int, Candidate | PledgeCandidate]]] = {}
    for reading in readings:
        if only is not None and reading.file_name not in only:
            continue
        name = reading.file_name
        for i, cand in enumerate(reading.candidates):
            key = event_key(name, cand.quote_start, cand.quote_end, cand.date_text)
            items.setdefault(key, []).append((i, cand))
        for i, pledge in enumerate(reading.pledges):
            items.setdefault(pledge_key(name, pledge.quote_start, pledge.quote_end), []).append(
                (i, pledge)
            )
    wanted = {
        event_key(m.file_name, m.quote.char_start, m.quote.char_end, m.date_text)
        for e in events
        for m in e.mentions
    }
    wanted |= {
        pledge_key(m.file_name, m.quote.char_start, m.quote.char_end)
        for p in pledges
        for m in p.mentions
    }
    return {
        key: zlib.compress(pickle.dumps(items[key], protocol=pickle.HIGHEST_PROTOCOL), 1)
        for key in sorted(wanted)
        if key in items
    }


@dataclass(frozen=True, slots=True)
class StoredSource:
    """What linking reads of a stored source besides its mentions."""

    file_name: str
    sha256: str
    publication: PublicationDate

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as plain values: a neighbourhood ships a thousand to a worker process, and
        # three dataclasses each took four times as long there and back.
        interval, publication = self.publication.interval, self.publication
        return (
            stored_source,
            (self.file_name, self.sha256, interval.start, interval.end, interval.precision,
             publication.explicit, publication.reason),
        )  # fmt: skip


def stored_source(
    file_name: str,
    sha256: str,
    start: date,
    end: date,
    precision: DatePrecision,
    explicit: bool,
    reason: str,
) -> StoredSource:
    """A `StoredSource` of its values, as `db.repositories.link_keys.stored_sources` reads
    them after the source's id."""
    publication = PublicationDate(DateInterval(start, end, precision), explicit, reason)
    return StoredSource(file_name, sha256, publication)


# A mention's reading: each of its candidates (pledges) with its place in the source's reading.
MemberReading = list[tuple[int, Candidate | PledgeCandidate]]


def decode_member(payload: bytes) -> MemberReading:
    """A mention's reading as `member_payloads` serialised it."""
    # Only ever payloads this pipeline wrote into its own database.
    decoded: MemberReading = pickle.loads(zlib.decompress(payload))
    return decoded


def stand_ins(
    sources: Sequence[StoredSource],
    payloads: Iterable[tuple[str, str, bytes]],
    decode: Callable[[bytes], MemberReading] = decode_member,
) -> list[ArticleExtraction]:
    """Per stored source, a reading holding only the mentions given as (file name, kind,
    serialised reading), in their places in the source's reading; no text, paragraphs or
    sentences (their near-duplicate groups are given as stored, see `seed.incremental`).
    `decode` may hand back what it decoded before (`seed.link_members`): the readings hold
    its very candidates (no two payloads are alike: each names its mention's article and
    offsets)."""
    found: dict[tuple[str, str], dict[int, Candidate | PledgeCandidate]] = {}
    for name, kind, payload in payloads:
        for place, item in decode(payload):
            found.setdefault((name, kind), {})[place] = item
    readings = []
    for source in sources:
        name = source.file_name
        cands = found.get((name, EVENT), {})
        pledges = found.get((name, PLEDGE), {})
        _share_events(
            [c for c in cands.values() if isinstance(c, Candidate)],
            [p for p in pledges.values() if isinstance(p, PledgeCandidate)],
        )
        readings.append(
            ArticleExtraction(
                parsed=ParsedArticle(
                    raw=RawArticle(file_name=name, text=""),
                    published=None,
                    title=None,
                    publisher=None,
                    paragraphs=(),
                    sentences=(),
                ),
                discovered={},
                publication=source.publication,
                candidates=[c for _, c in sorted(cands.items()) if isinstance(c, Candidate)],
                pledges=[p for _, p in sorted(pledges.items()) if isinstance(p, PledgeCandidate)],
            )
        )
    return readings


def _share_events(candidates: Sequence[Candidate], pledges: Sequence[PledgeCandidate]) -> None:
    """A pledge made at one of the reading's candidates points at that very candidate, as in
    the source's reading (linking finds a pledge's event by the candidate's identity); read
    back apart, it holds a copy: point it at the candidate again, when it is among them."""
    same = {_identity(c): c for c in candidates}
    for pledge in pledges:
        if pledge.event is not None:
            pledge.event = same.get(_identity(pledge.event), pledge.event)


def _identity(c: Candidate) -> tuple[object, ...]:
    return (c.quote_start, c.quote_end, c.date_text, c.sentence_index, c.date, c.type, c.title)


def as_decoded(readings: Sequence[ArticleExtraction]) -> Callable[[], None]:
    """A function that puts every field of the readings' candidates and pledges back as it is
    now. Linking annotates them (their near-duplicate groups, a recycled day's year): a second
    linking of the same stand-ins starts from them as decoded once this is called, which
    costs a tenth of decoding them again."""
    saved: list[tuple[Candidate | PledgeCandidate, _Fields, tuple[object, ...]]] = []
    for reading in readings:
        items: list[Candidate | PledgeCandidate] = [*reading.candidates, *reading.pledges]
        for item in items:
            kind: type = type(item)
            fields = _fields(kind)
            saved.append((item, fields, fields.get(item)))

    def restore() -> None:
        for item, fields, values in saved:
            # Most are as they were (a tuple compares identical values without calling ==):
            # only the others are set again.
            if fields.get(item) != values:
                for name, value in zip(fields.names, values, strict=True):
                    setattr(item, name, value)

    return restore


@dataclass(frozen=True, slots=True)
class _Fields:
    names: tuple[str, ...]
    get: Callable[[object], tuple[object, ...]]


@cache
def _fields(kind: type) -> _Fields:
    names = tuple(f.name for f in dataclasses.fields(kind))
    return _Fields(names, attrgetter(*names))
