"""A named speaker's words that the sentence does not date: the statement of the report's days.

"'We will host a conference on 12 November,' the minister said at a news conference": the only
date dates what the minister spoke of (the conference), not the speaking. Read only through its
date, the sentence makes the conference and loses the statement. The statement is a happening
too: a speaker named before or right after the speech verb, outside any quotation, made it on
the day of the report or the day before ([publication - 1 day, publication], as for a
speaker's "today", see `seed.extract.events`).

A sentence without any date is read the same way when the report's days are known to within
two weeks: "X told reporters that ..." in the body of a dated report is X's statement of those
days (when they are not known, it would join any statement of X's and is left out).

Only a speaker's first undated statement in the article is one: "he added", "she said" and
more of the same speaker's words carry on the statement already made; a spokesperson speaking
for a body or a leader whose words were told before ("a spokesman for the presidency said")
makes a statement of their own. A sentence whose own
date dates the speech verb ("said on Tuesday") is dated by it and is left alone.

"X was speaking at the summit, which opened on Friday": the speaker spoke at a gathering that
a relative clause dates, so the statement takes that date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from seed.extract.candidate import Candidate, actor_roles
from seed.extract.dates import DateHit
from seed.extract.event_titles import make_title
from seed.extract.governing import governing_span
from seed.extract.layout import Sentence
from seed.extract.registry import ActorHit
from seed.extract.tokens import content_tokens
from seed.extract.types import DateInterval

# The date kind of such a statement: no expression of the sentence states it.
KIND = "spoken"

# Verbs of speaking that open a statement (not "added", "explained": they carry one on).
_VERB = re.compile(
    r"\b(?:said|says|told|stated|announced|declared|warned|urged|called\s+(?:on|for)|"
    r"(?:was|were)\s+speaking|spoke)\b"
)
# A verb that is not one act of the speaker: "will say", "declined to say", "who said", "which
# he said" (a relative clause), "did not say", "has repeatedly warned" (said again and again).
_NOT_ACT_BEFORE = re.compile(
    r"(?:\b(?:will|would|to|may|might|could|should|must|shall|not|who|which|that|whom|he|she|"
    r"they|it|we|i|has|have|had)\s+(?:[a-z]+ly\s+)?)\Z",
    re.IGNORECASE,
)
# A subject named only by its role: "The chairman of the committee said", "The envoy called on"
# (not "a spokesman", "an official": someone unnamed).
_ROLE_SUBJECT = re.compile(
    r"\A\s*the\s+(?:[\w.'\u2019-]+\s+){0,3}?(?:spokes(?:man|woman|person)|minister|"
    r"envoy|ambassador|chair(?:man|woman)?|head|president|secretary|official|representative|"
    r"commander|ministry|mission|committee|commission|council|presidency|government)\b",
    re.IGNORECASE,
)
# One who speaks for a body or a leader: their words are a statement of their own.
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person)\b", re.IGNORECASE)
_QUOTE_MARKS = '"\u201c\u201d'
# Where a speaker's stretch of the sentence stops: a quotation mark, a clause's punctuation.
_BOUNDARY = re.compile(
    r"[\"\u201c\u201d;:\u2014\u2013(]|,\s+(?:and|but|while|as|whereas)\s|,\s|\s-\s"
)
# "at the opening session of the summit, which began on Friday": a gathering a relative clause
# dates, right after the speech verb.
_AT_DATED_GATHERING = re.compile(
    r"\A\s+(?:at|during|to)\s+[^,;\"\u201c\u201d]{3,120}?,\s+(?:which|that)\s+[^,;]*\Z"
)
# What may follow the verb within the speaker's stretch: where and to whom they spoke.
_CIRCUMSTANCE = re.compile(r"\s+(?:at|during|in|to|before|on|from|via|while)\s+(?:an?|the)\b")
# Hits that date a report's news, not the words of its sentence: "X says forces have left" (a
# lead in the present perfect) tells the news and its telling, both that day.
_NEWS = frozenset({"perfect"})
# A date in the possessive: "Wednesday's conference", "last week's vote".
_POSSESSIVE = re.compile(r"['\u2019]s\s+[a-z]", re.IGNORECASE)
# How far before its verb a speaker may be named (characters): "X, its spokesman, said".
_SUBJECT_REACH = 25
# The widest publication interval an undated sentence's statement is dated by: a statement
# reported without a day was made on the report's days, when those are known.
REPORT_REACH = timedelta(days=14)


def report_days_known(publication: DateInterval) -> bool:
    """Whether the report's days are known closely enough (within `REPORT_REACH`) to date what
    a sentence tells without a date of its own; else it would join any of its actors'
    happenings of a whole year."""
    return publication.end - publication.start <= REPORT_REACH


# Words that place a sentence's happening in a time of its own.
OTHER_TIME = re.compile(
    r"\b(?:days?|weeks?|months?|years?|decades?|ago|earlier|previously|formerly|once|then|eve|"
    r"mornings?|evenings?|nights?|weekends?)\b",
    re.IGNORECASE,
)

# A length of time: "for another 18 months", "for two weeks", "a one-year mandate".
_DURATION = re.compile(
    r"\bfor\s+(?:(?:another|a\s+further|the\s+next|up\s+to|about|some)\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)\s+"
    r"(?:days?|weeks?|months?|years?)\b|\b[\w]+-(?:day|week|month|year)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Spoken:
    """A statement found in a sentence: its speaker's and verb's stretch `start`..`end` (sentence
    offsets), the speakers named there, and the date (`at` the hit that dates it, if any)."""

    start: int
    end: int
    verb_start: int
    verb_end: int
    speakers: tuple[ActorHit, ...]


def undated_statement(
    sentence: str,
    actors: list[ActorHit],
    quoted: Sequence[tuple[int, int]],
) -> Spoken | None:
    """The first speech verb of `sentence` outside quotations whose speaker is named (an actor,
    or a subject named by its role), with the stretch that tells who spoke; None when there is
    none. `quoted` are the quotation spans of the sentence."""
    for verb in _VERB.finditer(sentence):
        at = verb.start()
        if any(s < at < e for s, e in quoted):
            continue
        before = sentence[:at]
        if _NOT_ACT_BEFORE.search(before):
            continue
        inverted = before.rstrip().endswith((",", *_QUOTE_MARKS))
        end = _segment_end(sentence, verb.end(), inverted)
        if inverted:
            # '"...," said the minister Jane Doe, ...', "..., says the minister": the speaker
            # follows the verb
            start = at
            speakers = tuple(h for h in actors if verb.end() <= h.start < end)
            subject = sentence[verb.end() : end]
        else:
            start = _segment_start(sentence, at, actors)
            speakers = tuple(h for h in actors if start <= h.start < at)
            if speakers and at - speakers[-1].end > _SUBJECT_REACH:
                speakers = ()  # the subject is the nearest name, right before the verb
            subject = sentence[start:at]
        if not speakers and not _ROLE_SUBJECT.match(subject):
            continue
        return Spoken(start, end, at, verb.end(), speakers)
    return None


def _segment_start(sentence: str, position: int, actors: list[ActorHit]) -> int:
    """Where the speaker's stretch before the verb at `position` starts: after the last
    quotation or clause mark, or after the last comma whose stretch names someone ("<news>,
    UN leaders said"); "X, the head of Y, said" keeps its apposition."""
    start, commas = 0, []
    for m in _BOUNDARY.finditer(sentence, 0, position):
        if m.group().strip() == "," and not _closes_quote(sentence, m.start()):
            commas.append(m.end())
        else:
            start, commas = m.end(), []
    for comma in reversed(commas):
        if any(comma <= h.start < position for h in actors) or _ROLE_SUBJECT.match(
            sentence[comma:position]
        ):
            start = comma
            break
    return len(sentence) - len(sentence[start:].lstrip())


def _closes_quote(sentence: str, comma: int) -> bool:
    return sentence[max(0, comma - 1) : comma + 2].strip(" ,") in _QUOTE_MARKS or (
        comma + 1 < len(sentence) and sentence[comma + 1] in _QUOTE_MARKS
    )


def _segment_end(sentence: str, position: int, inverted: bool) -> int:
    if not inverted and not _CIRCUMSTANCE.match(sentence, position):
        return position  # "X says forces have left": what follows is what was said
    m = _BOUNDARY.search(sentence, position)
    end = m.start() if m is not None else len(sentence)
    if m is not None and m.group().startswith(","):
        # '"...," said the minister, Jane Doe, during a news conference': the speaker's
        # stretch runs on over an apposition and a trailing circumstance
        nxt = _BOUNDARY.search(sentence, m.end())
        tail = sentence[m.end() : nxt.start() if nxt is not None else len(sentence)]
        if not re.match(r"\s*(?:that|who|which|adding|saying)\b", tail):
            end = nxt.start() if nxt is not None else len(sentence)
    return len(sentence[:end].rstrip(" .,"))


def _subject(sentence: str, spoken: Spoken) -> str:
    """The words of `spoken`'s stretch that name its speaker (before the verb, or after it
    when the speaker follows the verb)."""
    if spoken.start == spoken.verb_start:
        return sentence[spoken.verb_end : spoken.end]
    return sentence[spoken.start : spoken.verb_start]


def _spokesperson(words: str) -> bool:
    return _SPOKESPERSON.search(words) is not None


def _principal(spoken: Spoken) -> set[str]:
    """Who speaks: of the names in the speaker's stretch, the one nearest the verb. "Turkish
    Vice President X told": the state only qualifies the person's title, so the state's own
    earlier statement does not make this one more of the same."""
    if not spoken.speakers:
        return set()
    nearest = min(
        spoken.speakers,
        key=lambda h: spoken.verb_start - h.end if h.end <= spoken.verb_start else h.start,
    )
    return {nearest.actor_key}


def names_other_time(sentence: str) -> bool:
    """Whether `sentence` places what it tells in a time of its own ("years ago", "that
    evening"); a length of time ("for another six months", "a one-year mandate") does not."""
    return OTHER_TIME.search(_DURATION.sub(" ", sentence)) is not None


def took_part(speakers: set[str], earlier: list[Candidate], days: DateInterval) -> bool:
    """Whether one of `speakers` is an actor of an `earlier` candidate dated within `days`."""
    return any(
        days.start <= c.date.start
        and c.date.end <= days.end
        and speakers & {key for key, _ in c.actors}
        for c in earlier
    )


def possessive(sentence: str, hit: DateHit) -> bool:
    """Whether the date `hit` is a possessive naming a happening by its day ("ahead of
    Wednesday's conference"): it dates that happening, never the sentence's speech verb."""
    return _POSSESSIVE.match(sentence, hit.end) is not None


def only_possessive(sentence: str, hits: Sequence[DateHit]) -> bool:
    """Whether `hits` are dates and all of them possessives: a lead that dates only what it
    names ("X called ... ahead of Wednesday's summit") still makes its speaker's statement."""
    return bool(hits) and all(possessive(sentence, h) for h in hits)


def spoken_interval(publication: DateInterval) -> DateInterval:
    """The days an undated statement of a report was made: that of the report or the day
    before."""
    return DateInterval(publication.start - timedelta(days=1), publication.end, "range")


def dated_gathering(sentence: str, verb_end: int, hit_start: int) -> bool:
    """Whether the date at `hit_start` dates the gathering the speaker spoke at ("was speaking
    at the summit, which opened on Friday")."""
    return hit_start > verb_end and bool(_AT_DATED_GATHERING.match(sentence[verb_end:hit_start]))


def sentence_statement(
    file_name: str,
    at: tuple[int, Sentence],
    hits: list[DateHit],
    earlier: list[Candidate],
    actors: list[ActorHit],
    publication: DateInterval,
    quoted: Sequence[tuple[int, int]],
) -> Candidate | None:
    """The candidate of a named speaker's first statement in the article (`earlier`: the
    candidates made so far) that no date of the sentence (`hits`) dates; None when there is
    none. `at`: the sentence and its index; `quoted`: its quotation spans."""
    index, sentence = at
    if not hits and (not report_days_known(publication) or names_other_time(sentence.text)):
        # a sentence without a date has only the report's days to go by; when those are not
        # known to within about two weeks, its statement would join any of the speaker's; and
        # a time the sentence names but no date resolves ("on the same day as the vote",
        # "years ago") is not the report's days
        return None
    text = sentence.text
    spoken = undated_statement(text, actors, quoted)
    if spoken is None:
        return None
    if any(c.sentence_index == index and c.type == "statement" for c in earlier):
        return None  # the sentence dates its statement itself
    for hit in hits:
        if (
            hit.kind in _NEWS
            or hit.kind == "quoted"
            or any(s < hit.start < e for s, e in quoted)
            or possessive(text, hit)
        ):
            continue
        start, end = governing_span(text, hit.start, hit.end)
        if start <= spoken.verb_start < end and not dated_gathering(
            text, spoken.verb_end, hit.start
        ):
            return None  # "said on Tuesday": the speech is dated
    if any(
        h.kind != "quoted"
        and h.end <= spoken.start
        and not any(s < h.start < e for s, e in quoted)
        and h.interval.end <= publication.end
        for h in hits
    ):
        # "<news dated in the past>, X said": the telling of that news, which the news's
        # event stands for (a dated telling is split off, see seed.extract.attribution)
        return None
    speakers = _principal(spoken)
    through = _spokesperson(_subject(text, spoken))
    if speakers and any(
        c.type == "statement"
        and speakers & {key for key, _ in c.actors}
        and (not through or _spokesperson(c.summary))
        for c in earlier
    ):
        # more words of a statement already made; a body's spokesperson speaking after its
        # head ("X warned ... A spokesman for X's office said") makes a statement of their own
        return None
    if (
        not hits
        and speakers
        and not through
        and took_part(speakers, earlier, spoken_interval(publication))
    ):
        # "X met Y on Thursday. After the talks, X told reporters ...": an undated sentence
        # goes on about a happening of the report's days its speaker took part in
        return None
    gathering = next((h for h in hits if dated_gathering(text, spoken.verb_end, h.start)), None)
    news = next((h for h in hits if h.kind in _NEWS and h.start > spoken.verb_start), None)
    if gathering is not None:
        when = gathering.interval
    elif news is not None:
        when = news.interval  # "X says forces have left": told the day it is news
    else:
        when = spoken_interval(publication)
    return statement_candidate(file_name, at, spoken, when, gathering, actors)


def statement_candidate(
    file_name: str,
    at: tuple[int, Sentence],
    spoken: Spoken,
    date: DateInterval,
    hit: DateHit | None,
    actors: list[ActorHit],
) -> Candidate:
    """The candidate of the statement `spoken` of the sentence `at` (its index and itself),
    made at `date` (`hit`: the date expression that dates it, if any)."""
    index, sentence = at
    text = sentence.text
    # at a dated gathering, the speaker's words are the speaking, not the gathering
    end = spoken.verb_end if hit is not None else spoken.end
    stretch = text[spoken.start : end]
    speakers = [(h.actor_key, "speaker") for h in spoken.speakers]
    named = {key for key, _ in speakers}
    others = [r for r in actor_roles(actors, text) if r[0] not in named]
    roles = list(dict(speakers + [(k, "participant") for k, _ in others]).items())
    return Candidate(
        file_name=file_name,
        sentence_index=index,
        paragraph=sentence.paragraph,
        quote_start=sentence.start + spoken.start,
        quote_end=sentence.start + end,
        quote=stretch,
        date=date,
        date_text=hit.text if hit is not None else None,
        date_kind=hit.kind if hit is not None else KIND,
        type="statement",
        title=make_title(text[spoken.start : spoken.end]),
        summary=text,
        actors=roles,
        location=None,
        # what was said names the statement, as a telling's words do (seed.extract.attribution)
        tokens=content_tokens(text),
        # no date expression of its own: an empty span at the sentence's start
        hit=hit or DateHit(0, 0, "", KIND, date),
    )
