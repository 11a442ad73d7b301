"""A small, hand-built Libya timeline with known ids, dates and sources, for exact assertions.

Three sources: a Reuters dispatch (explicit date), a syndicated copy of it one day later (its
paragraphs share origins with the original), and an undated Libya Herald piece whose
publication date is inferred as a range. Ten live events across 2019-2021 at day, month, year
and range precision, one soft-deleted event, three pledges.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date

from seed.extract.types import (
    ActorLink,
    ActorRecord,
    ActorRelation,
    DateInterval,
    DatePrecision,
    Mention,
    PublicationDate,
    Quote,
    SourceResult,
    Timeline,
    TimelineEvent,
    TimelinePledge,
)

REUTERS = "reuters-geneva-ceasefire.txt"
OBSERVER = "libya-observer-ceasefire.txt"
HERALD = "libya-herald-jmc-plan.txt"

TEXTS = {
    REUTERS: (
        "GENEVA, Oct 23 (Reuters) - Libya's warring sides signed a permanent ceasefire in "
        "Geneva on Friday, the United Nations said.\n\n"
        "The 5+5 Joint Military Commission agreed that all mercenaries and foreign fighters "
        "must leave Libya within three months.\n\n"
        "The sides also agreed to reopen the coastal road between Sirte and Misrata.\n\n"
        "Khalifa Haftar's Libyan National Army launched an offensive on Tripoli on "
        "4 April 2019.\n\n"
        "World powers met in Berlin in January 2020 and pledged to respect the arms embargo.\n"
    ),
    OBSERVER: (
        "Libya's warring sides signed a permanent ceasefire in Geneva on Friday, the U.N. "
        "said.\n\n"
        "Khalifa Haftar's Libyan National Army launched an offensive on Tripoli on "
        "4 April 2019.\n\n"
        "Hifter's forces withdrew from the outskirts of Tripoli in early June 2020.\n"
    ),
    HERALD: (
        "The 5+5 JMC signed an action plan in Geneva on 8 October 2021 for the gradual "
        "withdrawal of mercenaries and foreign fighters.\n\n"
        "The deadline of 23 January 2021 for the departure of foreign forces passed without "
        "any withdrawal.\n\n"
        "Najla Mangoush was sworn in as foreign minister on 15 March 2021.\n\n"
        "Mangoush said Libya would work for the departure of all mercenaries by the end of "
        "2021.\n\n"
        "At the second Berlin conference on 23 June 2021, participants called for foreign "
        "forces to leave.\n\n"
        "The ceasefire agreed in Geneva in October 2020 has largely held.\n\n"
        "The coastal road between Sirte and Misrata reopened in July 2021.\n\n"
        "Throughout 2020, thousands of foreign fighters remained in Libya, the UN said.\n\n"
        "The oil blockade imposed by the LNA was lifted in September 2020.\n"
    ),
}


def _interval(start: str, end: str | None, precision: DatePrecision) -> DateInterval:
    return DateInterval(date.fromisoformat(start), date.fromisoformat(end or start), precision)


def _source(
    file_name: str, title: str, publisher: str, published: DateInterval, explicit: bool, reason: str
) -> SourceResult:
    text = TEXTS[file_name]
    return SourceResult(
        file_name=file_name,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        publisher=publisher,
        url=f"https://news.example/{file_name.removesuffix('.txt')}",
        publication=PublicationDate(published, explicit, reason),
    )


def mention(file_name: str, sentence: str, origin: str, date_text: str | None = None) -> Mention:
    """A mention of `sentence`, which must occur exactly once in the article."""
    text = TEXTS[file_name]
    assert text.count(sentence) == 1, sentence
    start = text.index(sentence)
    return Mention(file_name, Quote(start, start + len(sentence), sentence), date_text, origin)


SOURCES = [
    _source(
        REUTERS,
        "Libya's warring sides sign permanent ceasefire in Geneva",
        "Reuters",
        _interval("2020-10-23", None, "day"),
        True,
        "dateline: GENEVA, Oct 23",
    ),
    _source(
        OBSERVER,
        "Permanent ceasefire signed in Geneva",
        "Libya Observer",
        _interval("2020-10-24", None, "day"),
        True,
        "publication date in the page metadata",
    ),
    _source(
        HERALD,
        "JMC agrees plan for the withdrawal of mercenaries",
        "Libya Herald",
        _interval("2021-10-08", "2021-10-31", "range"),
        False,
        "no dateline; the latest date in the text is 8 October 2021",
    ),
]

ACTORS = [
    ActorRecord(
        "khalifa-haftar", "Khalifa Haftar", "person", ("Haftar", "Hifter", "Khalifa Hifter"), False
    ),
    ActorRecord(
        "libyan-national-army", "Libyan National Army", "armed_group", ("LNA", "LAAF"), False
    ),
    ActorRecord("united-nations", "United Nations", "intergovernmental", ("UN", "U.N."), False),
    ActorRecord(
        "joint-military-commission",
        "5+5 Joint Military Commission",
        "organization",
        ("5+5 JMC", "JMC"),
        False,
    ),
    ActorRecord(
        "najla-mangoush", "Najla Mangoush", "person", ("Mangoush", "Najla el-Mangoush"), False
    ),
    ActorRecord(
        "government-of-national-accord",
        "Government of National Accord",
        "government",
        ("GNA", "Tripoli government"),
        False,
    ),
    ActorRecord(
        "government-of-national-unity",
        "Government of National Unity",
        "government",
        ("GNU", "Tripoli government"),
        False,
    ),
]

RELATIONS = [
    ActorRelation("khalifa-haftar", "leads", "libyan-national-army"),
    ActorRelation("libyan-national-army", "opposed_to", "government-of-national-accord"),
    ActorRelation("najla-mangoush", "member_of", "government-of-national-unity"),
]


def _links(*pairs: tuple[str, str]) -> tuple[ActorLink, ...]:
    return tuple(ActorLink(key, role) for key, role in pairs)


def _event(
    key: str,
    title: str,
    type_: str,
    when: DateInterval,
    location: str | None,
    actors: tuple[ActorLink, ...],
    *mentions: Mention,
    summary: str = "",
) -> TimelineEvent:
    return TimelineEvent(key, title, summary, type_, when, True, location, actors, mentions)


GENEVA_REUTERS = mention(
    REUTERS,
    "Libya's warring sides signed a permanent ceasefire in Geneva on Friday, the United "
    "Nations said.",
    "o-geneva",
    "on Friday",
)
OFFENSIVE = (
    "Khalifa Haftar's Libyan National Army launched an offensive on Tripoli on 4 April 2019."
)

EVENTS = [
    _event(
        "lna-tripoli-offensive",
        "Libyan National Army launches offensive on Tripoli",
        "military_operation",
        _interval("2019-04-04", None, "day"),
        "Tripoli",
        _links(
            ("khalifa-haftar", "commander"),
            ("libyan-national-army", "participant"),
            ("government-of-national-accord", "target"),
        ),
        mention(REUTERS, OFFENSIVE, "o-offensive", "4 April 2019"),
        mention(OBSERVER, OFFENSIVE, "o-offensive", "4 April 2019"),
        summary="Haftar's forces advance on the capital.",
    ),
    _event(
        "berlin-conference-2020",
        "Berlin conference on Libya",
        "meeting",
        _interval("2020-01-01", "2020-01-31", "month"),
        "Berlin",
        _links(("united-nations", "organizer")),
        mention(
            REUTERS,
            "World powers met in Berlin in January 2020 and pledged to respect the arms embargo.",
            "o-berlin-2020",
            "January 2020",
        ),
    ),
    _event(
        "lna-withdraws-from-tripoli",
        "LNA forces withdraw from the outskirts of Tripoli",
        "withdrawal",
        _interval("2020-06-01", "2020-06-10", "range"),
        "Tripoli",
        _links(("khalifa-haftar", "commander"), ("libyan-national-army", "participant")),
        mention(
            OBSERVER,
            "Hifter's forces withdrew from the outskirts of Tripoli in early June 2020.",
            "o-withdrawal",
            "early June 2020",
        ),
    ),
    _event(
        "geneva-ceasefire",
        "Permanent ceasefire agreement signed in Geneva",
        "agreement",
        _interval("2020-10-23", None, "day"),
        "Geneva",
        _links(("joint-military-commission", "signatory"), ("united-nations", "mediator")),
        GENEVA_REUTERS,
        mention(
            OBSERVER,
            "Libya's warring sides signed a permanent ceasefire in Geneva on Friday, the U.N. "
            "said.",
            "o-geneva",
            "on Friday",
        ),
        mention(
            HERALD,
            "The ceasefire agreed in Geneva in October 2020 has largely held.",
            "o-geneva-herald",
            "October 2020",
        ),
        summary="The 5+5 Joint Military Commission signs a nationwide ceasefire.",
    ),
    _event(
        "fighters-remain-2020",
        "Foreign fighters remain in Libya",
        "statement",
        _interval("2020-01-01", "2020-12-31", "year"),
        None,
        _links(("united-nations", "speaker")),
        mention(
            HERALD,
            "Throughout 2020, thousands of foreign fighters remained in Libya, the UN said.",
            "o-remain",
            "Throughout 2020",
        ),
    ),
    _event(
        "withdrawal-deadline-passes",
        "Deadline for the withdrawal of foreign forces passes",
        "deadline",
        _interval("2021-01-23", None, "day"),
        None,
        _links(("joint-military-commission", "subject")),
        mention(
            HERALD,
            "The deadline of 23 January 2021 for the departure of foreign forces passed without "
            "any withdrawal.",
            "o-deadline",
            "23 January 2021",
        ),
    ),
    _event(
        "mangoush-sworn-in",
        "Najla Mangoush sworn in as foreign minister",
        "appointment",
        _interval("2021-03-15", None, "day"),
        "Tripoli",
        _links(("najla-mangoush", "subject"), ("government-of-national-unity", "participant")),
        mention(
            HERALD,
            "Najla Mangoush was sworn in as foreign minister on 15 March 2021.",
            "o-sworn-in",
            "15 March 2021",
        ),
    ),
    _event(
        "berlin-conference-2021",
        "Second Berlin conference calls for foreign forces to leave",
        "meeting",
        _interval("2021-06-23", None, "day"),
        "Berlin",
        _links(("united-nations", "organizer"), ("government-of-national-unity", "participant")),
        mention(
            HERALD,
            "At the second Berlin conference on 23 June 2021, participants called for foreign "
            "forces to leave.",
            "o-berlin-2021",
            "23 June 2021",
        ),
    ),
    _event(
        "coastal-road-reopens",
        "Coastal road between Sirte and Misrata reopens",
        "reopening",
        _interval("2021-07-01", "2021-07-31", "month"),
        "Sirte",
        _links(("joint-military-commission", "participant")),
        mention(
            HERALD,
            "The coastal road between Sirte and Misrata reopened in July 2021.",
            "o-road",
            "July 2021",
        ),
    ),
    _event(
        "jmc-action-plan",
        "JMC signs action plan for the withdrawal of mercenaries",
        "agreement",
        _interval("2021-10-08", None, "day"),
        "Geneva",
        _links(("joint-military-commission", "signatory"), ("united-nations", "mediator")),
        mention(
            HERALD,
            "The 5+5 JMC signed an action plan in Geneva on 8 October 2021 for the gradual "
            "withdrawal of mercenaries and foreign fighters.",
            "o-action-plan",
            "8 October 2021",
        ),
    ),
    # Soft-deleted by the fixture after storing: must never be visible.
    _event(
        "oil-blockade-lifted",
        "LNA lifts oil blockade",
        "blockade",
        _interval("2020-09-01", "2020-09-30", "month"),
        None,
        _links(("khalifa-haftar", "commander"), ("libyan-national-army", "participant")),
        mention(
            HERALD,
            "The oil blockade imposed by the LNA was lifted in September 2020.",
            "o-blockade",
            "September 2020",
        ),
    ),
]

DELETED_EVENT = "oil-blockade-lifted"

PLEDGES = [
    TimelinePledge(
        key="foreign-fighters-withdrawal",
        text="All mercenaries and foreign fighters must leave Libya within three months.",
        actors=_links(("joint-military-commission", "pledger")),
        made=_interval("2020-10-23", None, "day"),
        deadline=_interval("2021-01-23", None, "day"),
        quantity=None,
        unit=None,
        status="broken",
        status_reason="The deadline passed without any withdrawal.",
        mentions=(
            mention(
                REUTERS,
                "The 5+5 Joint Military Commission agreed that all mercenaries and foreign "
                "fighters must leave Libya within three months.",
                "o-pledge-withdrawal",
                "within three months",
            ),
        ),
        event_key="geneva-ceasefire",
    ),
    TimelinePledge(
        key="coastal-road",
        text="Reopen the coastal road between Sirte and Misrata.",
        actors=_links(("joint-military-commission", "pledger")),
        made=_interval("2020-10-23", None, "day"),
        deadline=None,
        quantity=None,
        unit=None,
        status="kept",
        status_reason="The road reopened in July 2021.",
        mentions=(
            mention(
                REUTERS,
                "The sides also agreed to reopen the coastal road between Sirte and Misrata.",
                "o-pledge-road",
            ),
        ),
        event_key="geneva-ceasefire",
    ),
    TimelinePledge(
        key="mangoush-mercenaries",
        text="Libya will work for the departure of all mercenaries by the end of 2021.",
        actors=_links(("najla-mangoush", "pledger")),
        made=_interval("2021-06-23", None, "day"),
        deadline=_interval("2021-12-01", "2021-12-31", "month"),
        quantity=None,
        unit=None,
        status="in_the_works",
        status_reason="Withdrawal plan agreed, departures not yet verified.",
        mentions=(
            mention(
                HERALD,
                "Mangoush said Libya would work for the departure of all mercenaries by the end "
                "of 2021.",
                "o-pledge-mangoush",
                "by the end of 2021",
            ),
        ),
        event_key="berlin-conference-2021",
    ),
]

# Evidence beyond the pipeline's own `made_at` links: what the statuses rest on.
EXTRA_EVIDENCE = [
    ("foreign-fighters-withdrawal", "withdrawal-deadline-passes", "breaks"),
    ("coastal-road", "coastal-road-reopens", "fulfils"),
]


def build_timeline() -> Timeline:
    return Timeline(
        sources=list(SOURCES),
        actors=list(ACTORS),
        relations=list(RELATIONS),
        events=list(EVENTS),
        pledges=list(PLEDGES),
    )


@dataclass(frozen=True, slots=True)
class StoredTimeline:
    """Ids of what the fixture stored, by fixture key (events, pledges) or file name."""

    events: dict[str, uuid.UUID]
    pledges: dict[str, uuid.UUID]
    sources: dict[str, uuid.UUID]
    actors: dict[str, uuid.UUID]

    def event_keys(self, ids: list[str]) -> list[str]:
        by_id = {str(v): k for k, v in self.events.items()}
        return [by_id[i] for i in ids]

    def ordered(self, *keys: str) -> list[str]:
        """Keys in the API's order: date_start, then id."""
        starts = {e.key: e.date.start for e in EVENTS}
        return sorted(keys, key=lambda k: (starts[k], self.events[k]))
