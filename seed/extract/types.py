"""Typed results of the extraction pipeline.

Extraction is pure: article text goes in, these dataclasses come out, no database involved.
`seed.pipeline` writes them through the repositories. Every extracted fact carries a `Quote`
whose offsets index the article text exactly (`text[char_start:char_end] == quote.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from seed.extract.pickled import by_fields

DatePrecision = Literal["day", "week", "month", "season", "quarter", "year", "range", "unknown"]
ActorType = Literal[
    "person", "state", "armed_group", "government", "organization", "intergovernmental"
]
PledgeStatus = Literal["not_yet_rated", "in_the_works", "stalled", "compromise", "kept", "broken"]


@by_fields
@dataclass(frozen=True, slots=True)
class DateInterval:
    """Earliest and latest possible day (both inclusive), and how precise the text was."""

    start: date
    end: date
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class Quote:
    """An exact span of an article's text."""

    char_start: int
    char_end: int
    text: str


@by_fields
@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as handed to the pipeline (a file, or the body of an API request).

    `published`, `title`, `publisher` and `url` are caller-supplied metadata; when given they
    win over what the pipeline would read from the text.
    """

    file_name: str
    text: str
    published: date | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class PublicationDate:
    interval: DateInterval
    explicit: bool
    reason: str


@dataclass(frozen=True, slots=True)
class SourceResult:
    file_name: str
    text: str
    sha256: str
    title: str | None
    publisher: str | None
    url: str | None
    publication: PublicationDate


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A curated (registry) or discovered actor. `key` is a stable slug of the canonical name."""

    key: str
    name: str
    type: ActorType
    aliases: tuple[str, ...]
    discovered: bool
    description: str | None = None
    # Forms a reader may search by but that do not name the actor in running text on their
    # own: a state's demonyms ("Turkish" finds Turkey; "Turkish fighters" are not Turkey).
    lookup_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRelation:
    """`subject_key` <relation> `object_key`, e.g. libyan-national-army backed_by russia."""

    subject_key: str
    relation: Literal["backed_by", "member_of", "leads", "part_of", "opposed_to"]
    object_key: str


@dataclass(frozen=True, slots=True)
class ActorLink:
    """An actor's part in an event or pledge (role: speaker, participant, subject, pledger...)."""

    actor_key: str
    role: str


@dataclass(frozen=True, slots=True)
class Mention:
    """Where one article states an event or pledge."""

    file_name: str
    quote: Quote
    date_text: str | None
    # Mentions whose paragraphs are near-identical (copied wire text, syndicated reprints)
    # share one origin id; the number of distinct origins is the independent source count.
    origin: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    key: str
    title: str
    summary: str
    type: str
    date: DateInterval
    date_resolved: bool
    location: str | None
    actors: tuple[ActorLink, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class TimelinePledge:
    key: str
    text: str
    actors: tuple[ActorLink, ...]
    made: DateInterval
    deadline: DateInterval | None
    quantity: int | None
    unit: str | None
    status: PledgeStatus
    status_reason: str
    mentions: tuple[Mention, ...]
    event_key: str | None = None
    # Later events its status rests on: (event key, "fulfils" | "progress").
    evidence: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleProblem:
    """Why one input could not be ingested; the other inputs still are."""

    file_name: str
    reason: str


@dataclass(slots=True)
class Timeline:
    sources: list[SourceResult] = field(default_factory=list)
    actors: list[ActorRecord] = field(default_factory=list)
    relations: list[ActorRelation] = field(default_factory=list)
    events: list[TimelineEvent] = field(default_factory=list)
    pledges: list[TimelinePledge] = field(default_factory=list)
    problems: list[ArticleProblem] = field(default_factory=list)
    # The final reading of each article (`seed.extract.article.ArticleExtraction`, against the
    # publication linking settled on), and the keys of incremental linking computed from them
    # (`seed.link.keys.LinkKeys`): set by the linking process, not stored as such.
    readings: list[Any] = field(default_factory=list, repr=False)
    keys: Any = field(default=None, repr=False)
    # Undated articles the first round of inference left wide (the second dated them again,
    # reading the others as the first left them: `seed.link.timeline.link_timeline`), with
    # their readings after the first round: set by the linking process, stored through `keys`.
    first_round: dict[str, Any] = field(default_factory=dict, repr=False)
