"""Event candidates of one article: a dated clause, its type, actors, location and quote.

A candidate is made for each date expression in reporting text (not captions, not boilerplate,
not inside quotation marks, where "today" is the speaker's day, not the article's). The lead
sentence of a report without a date ("X said they had agreed ...") is dated to the week before
publication, the usual reach of a news lead. Sentences without any date produce no event:
background facts must not enter the timeline with an invented date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from seed.extract.actors import ArticleActors
from seed.extract.clauses import attributed_content_end, relative_clause_at, without_asides
from seed.extract.dates import PROBE, DateHit, find_dates
from seed.extract.event_actors import complete_actors
from seed.extract.parse import ParsedArticle, Sentence
from seed.extract.predicates import predicate_type
from seed.extract.registry import ActorHit
from seed.extract.types import DateInterval

# Trigger stems per event type; the trigger nearest to the date expression decides the type.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "election": ("election", "elect", "vote", "voter", "ballot", "poll", "referendum"),
    "agreement": (
        "agree", "agreement", "ceasefire", "cease-fire", "truce", "deal", "accord", "signed",
        "sign", "roadmap", "mediated", "memorandum", "brokered",
    ),
    "meeting": (
        "meeting", "met ", "meet", "talks", "summit", "conference", "visit", "hosted", "forum",
        "dialogue",
    ),
    "withdrawal": (
        "withdraw", "withdrawal", "withdrawn", "leave", "left", "leaving", "depart", "departure",
        "pull out", "pulled out", "evacuat", "deport", "exit", "repatriat",
    ),
    "military": (
        "offensive", "attack", "assault", "clash", "fighting", "battle", "airstrike", "strike",
        "march on", "captur", "seize", "shell", "drone", "militar", "besieg", "siege", "blockad",
        "pushed back", "bombard", "rocket", "mortar", "killed", "wounded", "ambush", "erupted",
        "deployed", "deployment", "advance",
    ),
    "report": (
        "report", "estimat", "reveal", "investigat", "assessment", "found", "document", "study",
        "panel of experts", "released", "publish",
    ),
    "political": (
        "uprising", "ousted", "toppled", "deposed", "government", "split", "install",
        "formation", "appoint", "resign", "parliament", "sworn", "swore", "oath", "rebellion",
        "revolution", "designat", "took office", "dismiss", "sacked", "confidence", "cabinet",
        "approved", "mandate", "nominat",
    ),
    "statement": (
        "said", "says", "told", "stated", "announced", "declared", "warned", "urged",
        "called", "stressed", "added", "insisted", "statement", "assure", "condemned",
        "welcomed", "affirmed", "accused", "denied",
    ),
}  # fmt: skip
# Nouns that name the circumstances more often than the happening ("the government",
# "military support"): they decide the type only when nothing else is near.
_WEAK = re.compile(r"\b(?:government|militar\w*|parliament|found|document\w*|report)\b", re.I)
# A participle modifying a plural noun ("mercenaries fighting on their side") is not the
# predicate; "a meeting", "are fighting", "the fighting" are.
_MODIFIED_NOUN = re.compile(r"\b(?!(?:is|was|has|does|this|its|as|us)\b)[a-z]+s\s+\Z")
# An announced departure is the withdrawal event ("declared that 300 mercenaries will leave").
_ANNOUNCED_WITHDRAWAL = re.compile(
    r"\b(?:will|would|are\s+to|is\s+to)\s+(?:be\s+)?(?:leave|withdraw|withdrawn|depart|"
    r"deported|evacuated|repatriated|pull\s+out)\b",
    re.IGNORECASE,
)
_TRIGGER_RE = {
    kind: re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)
    for kind, stems in TRIGGERS.items()
}
_SPEECH = re.compile(
    r"\b(?:said|says|told|stated|announced|declared|warned|urged|added|insisted|assured?)\b", re.I
)
# The present perfect of a news lead: "has approved", "have left", "has been appointed".
_NEWS_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|just|also|finally|officially)\s+)?(?:been\s+)?"
    r"(?!been\b|had\b)[a-z]+(?:ed|en|wn|ne|ht|ft|ld|ot|un|ung)\b"
)
# Finite auxiliaries: what follows a subject in a main clause ("it would", "they had").
_AUXILIARY = (
    r"(?:would|will|had|has|have|was|were|is|are|did|does|do|could|should|might|must|can|"
    r"cannot)\b"
)
# Clause boundaries: coordinating conjunctions, semicolons, dashes, and a comma before a
# participle (", splitting the country ..."), which states a consequence, not the same event.
_CLAUSE_SPLIT = re.compile(
    r",\s+(?:but|while|with|whereas|although|as)\s+|;\s+|\s+[\u2013\u2014]\s+|,\s+(?=[a-z]+ing\b)|"
    # ", and it will meet again": a second main clause with a subject of its own
    rf",\s+and\s+(?=(?:it|they|he|she|we|the\s+\w+)\s+(?:{_AUXILIARY}|said\b|says\b))"
)
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_CONJUNCTION = r"(?:but|and|then|later)\s+"
_CONJUNCTIONS = re.compile(rf"\A(?:{_CONJUNCTION})+", re.IGNORECASE)
# A clause that opens with a finite verb or auxiliary shares the sentence's subject.
_SUBJECTLESS = re.compile(rf"(?:{_CONJUNCTION})*{_AUXILIARY}", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:but|and|also|however|meanwhile|then|so)\b[\s,]*|(?:in|on|since|during|last|this|"
    r"following|after)\s+[^,]{0,30},\s*|which\s+[^,]{0,60},\s*)",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "not",
        "no",
        "but",
        "also",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "than",
        "then",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "after",
        "before",
        "since",
        "during",
        "into",
        "over",
        "under",
        "about",
        "against",
        "between",
        "among",
        "more",
        "most",
        "some",
        "any",
        "all",
        "other",
        "such",
        "only",
        "very",
        "just",
        "last",
        "next",
        "week",
        "month",
        "year",
        "years",
        "day",
        "days",
        "ago",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "libya",
        "libyan",
        "country",
    ]
)
_SYNONYMS = {
    "cease": "ceasefire", "truce": "ceasefire", "ceasefire": "ceasefire",
    "withdrawn": "withdraw", "withdrawal": "withdraw", "leave": "withdraw", "left": "withdraw",
    "leaving": "withdraw", "depart": "withdraw", "departure": "withdraw", "exit": "withdraw",
    "elections": "elect", "election": "elect", "vote": "elect", "voter": "elect",
    "meeting": "meet", "met": "meet", "talks": "meet", "ousted": "oust", "toppled": "oust",
    "deposed": "oust", "uprising": "rebellion", "offensive": "assault", "march": "assault",
    "ouster": "oust", "overthrow": "oust", "overthrew": "oust", "overthrown": "oust",
    "resign": "resign", "resigned": "resign", "resigns": "resign", "resignation": "resign",
    "appointed": "appoint", "appointment": "appoint", "appoints": "appoint",
    "nominated": "nominat", "nomination": "nominat", "nominates": "nominat",
}  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(slots=True)
class Candidate:
    """One dated happening as one article states it."""

    file_name: str
    sentence_index: int
    paragraph: int
    quote_start: int
    quote_end: int
    quote: str
    date: DateInterval
    date_text: str | None
    date_kind: str
    type: str
    title: str
    summary: str
    actors: list[tuple[str, str]]
    location: str | None
    tokens: frozenset[str]
    lead: bool = False
    # False when the date only resolves against a wide inferred publication interval ("on
    # Thursday" in an article of unknown year): such a candidate may join a dated event as a
    # mention but never found one.
    resolved: bool = True
    # Ids of the near-duplicate groups of the paragraphs the quote spans (see seed.link.origins).
    origins: tuple[str, ...] = ()
    hit: DateHit | None = field(default=None, repr=False)


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower().replace("-", " "))
    out = set()
    for w in words:
        w = w.strip("'")
        if len(w) < 3 or w in _STOP:
            continue
        out.add(_SYNONYMS.get(w, w[:7]))
    return frozenset(out)


@lru_cache(maxsize=65536)
def event_type(clause: str, anchor: int, anchor_end: int | None = None) -> str:
    """The type whose trigger is nearest to the date expression; statement only as a fallback.

    `anchor`/`anchor_end` delimit the date expression in the clause. When the date dates a
    speech verb whose complement is reported speech ("said last month it would take part in a
    conference"), the happening is the statement, not what it talks about; said to a
    counterpart, it is a meeting.
    """
    announced = _ANNOUNCED_WITHDRAWAL.search(clause)
    if announced is not None and announced.start() > anchor:
        return "withdrawal"
    reported = _reported_speech(clause, anchor, anchor if anchor_end is None else anchor_end)
    if reported is not None:
        return reported
    content_end = attributed_content_end(clause, anchor)
    if content_end is not None:
        # "X has resigned ..., the UN said on Tuesday": the kind is that of the content's
        # predicate, which comes first, not of whatever word ends the content.
        return event_type(clause[:content_end], 0)
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(_TRIGGER_RE.items()):
        for m in pattern.finditer(clause):
            distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if kind == "statement":
                distance += 40  # a speech verb says how we know, rarely what happened
            if _WEAK.match(clause, m.start()):
                distance += 30
            word_end = clause.find(" ", m.start())
            word = clause[m.start() : word_end if word_end != -1 else len(clause)]
            if word.endswith("ing") and _MODIFIED_NOUN.search(
                clause, max(0, m.start() - 24), m.start()
            ):
                distance += 60
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, kind)
    return best[2] if best else "other"


# What reported speech opens with: "that ...", or a short subject and an auxiliary ("it
# would", "the deal did not").
_COMPLEMENT = re.compile(
    rf"\s*,?\s*(?:(?:\S+\s+){{0,3}}?that\b|(?:[\w'\u2019-]+\s+){{1,3}}{_AUXILIARY})",
    re.IGNORECASE,
)
_ADDRESSEE_WORDS = 4
_SUBJECT_WORDS = 12


def _reported_speech(clause: str, start: int, end: int) -> str | None:
    """ "statement" (or "meeting", said to a counterpart) when the date at [start, end) dates a
    speech verb of the clause that introduces reported speech; None otherwise."""
    for verb in _SPEECH.finditer(clause):
        if verb.end() <= start:
            # "said last month it would ...", "assured his counterpart on Thursday that ..."
            between, complement_at = clause[verb.end() : start], end
            if len(between.split()) > _ADDRESSEE_WORDS:
                continue
        elif verb.start() >= end:
            # "Last month, the UN envoy said that ..."
            between, complement_at = clause[end : verb.start()], verb.end()
            if len(between.split()) > _SUBJECT_WORDS:
                continue
        else:
            continue
        if _has_trigger(between) or not _COMPLEMENT.match(clause, complement_at):
            continue
        addressed = clause[verb.end() : max(complement_at, verb.end())]
        return "meeting" if re.search(r"\bcounterparts?\b", addressed, re.I) else "statement"
    return None


def _has_trigger(text: str) -> bool:
    return any(pattern.search(text) for kind, pattern in _TRIGGER_RE.items() if kind != "statement")


@lru_cache(maxsize=65536)
def _quoted_spans(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _QUOTES.finditer(text)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _clause(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    if len(sentence[start:end].split()) < 4:
        return 0, len(sentence)
    return start, end


def _subject_title(text: str, c_start: int, clause: str, hits: list[ActorHit]) -> str:
    """Title of a clause without its own subject: the sentence's opening noun phrase (up to the
    actor it names) and the clause's predicate; else the sentence up to the clause's end."""
    first = next((h for h in hits if h.start < c_start), None)
    predicate = _CONJUNCTIONS.sub("", clause, count=1)
    if first is not None and len(text[: first.start].split()) <= 8:
        return make_title(text[: first.end] + " " + predicate)
    return make_title(text[: c_start + len(clause)])


@lru_cache(maxsize=65536)
def make_title(clause: str) -> str:
    text = clause.strip().strip("\"'\u201c\u201d ")
    for _ in range(2):
        text = _LEADING.sub("", text).strip()
    text = text.rstrip(".;:, ")
    if len(text) > 120:
        text = text[:117].rsplit(" ", 1)[0] + "..."
    return text[:1].upper() + text[1:] if text else clause.strip()[:120]


@lru_cache(maxsize=65536)
def _speech_at(clause: str) -> re.Match[str] | None:
    return _SPEECH.search(clause)


def _roles(hits: list[ActorHit], clause: str) -> list[tuple[str, str]]:
    speech = _speech_at(clause)
    roles: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, hit in enumerate(hits):
        if hit.actor_key in seen:
            continue
        seen.add(hit.actor_key)
        if speech is not None and abs(hit.end - speech.start()) <= 25:
            role = "speaker"
        elif index == 0:
            role = "subject"
        else:
            role = "participant"
        roles.append((hit.actor_key, role))
    return roles


def extract_candidates(
    article: ParsedArticle,
    publication: DateInterval,
    actors: ArticleActors,
    default_actor: str | None,
) -> list[Candidate]:
    sentences = article.sentences
    candidates: list[Candidate] = []
    previous_actors: list[tuple[str, str]] = []
    narrow = (publication.end - publication.start).days <= MAX_PUBLICATION_WIDTH
    for index, sentence in enumerate(sentences):
        hits = [
            h for h in find_dates(sentence.text, publication) if not _inside_quotes(sentence, h)
        ]
        sentence_actors = actors.find(sentence.text)
        inherited = previous_actors[:1]
        lead = index == 0
        perfect = _NEWS_PERFECT.search(sentence.text) if lead and not hits else None
        if perfect is not None and not _quoted_spans(sentence.text):
            # "The parliament has approved ...": a lead in the present perfect is the day's news.
            hits = [DateHit(perfect.start(), perfect.end(), "", "perfect", publication)]
        elif not hits and lead and _SPEECH.search(sentence.text):
            # An undated lead reports something of the last few days.
            interval = DateInterval(publication.start - timedelta(days=7), publication.end, "range")
            hits = [DateHit(0, 0, "", "lead", interval)]
        for hit in hits:
            candidates.append(
                _candidate(
                    article,
                    sentences,
                    index,
                    sentence,
                    hit,
                    sentence_actors,
                    inherited,
                    default_actor,
                    actors,
                    lead=lead,
                    multi=len(hits) > 1,
                    resolved=hit.fixed or narrow,
                )
            )
        if sentence_actors:
            previous_actors = _roles(sentence_actors, sentence.text)
    complete_actors(candidates, article, actors)
    return candidates


def _inside_quotes(sentence: Sentence, hit: DateHit) -> bool:
    return any(s < hit.start < e for s, e in _quoted_spans(sentence.text))


def _candidate(
    article: ParsedArticle,
    sentences: tuple[Sentence, ...],
    index: int,
    sentence: Sentence,
    hit: DateHit,
    sentence_actors: list[ActorHit],
    inherited: list[tuple[str, str]],
    default_actor: str | None,
    actors: ArticleActors,
    *,
    lead: bool,
    multi: bool,
    resolved: bool,
) -> Candidate:
    text = sentence.text
    if hit.kind == "named_day" and hit.text.lower().startswith("on the eve of"):
        # "X comes on the eve of <the summit>": the dated happening is what follows.
        c_start, c_end = hit.end, _clause(text, hit.end)[1]
    else:
        c_start, c_end = _clause(text, hit.start)
    relative = None
    if hit.kind not in {"lead", "named_day", "perfect"}:
        relative = relative_clause_at(text, c_start, c_end, hit.start)
    if relative is not None:
        # "the conference, which was held ... on Wednesday": the date dates the antecedent.
        c_start, c_end = relative.start, relative.end
    clause = text[c_start:c_end]
    anchor = hit.start - c_start if hit.kind != "lead" else 0
    title = make_title(relative.title if relative else without_asides(clause, anchor))
    # "Forces loyal to Haftar launched an offensive in April 2019, but were pushed back in June
    # 2020": the clause opens with its verb, so its subject is named before it.
    subjectless = relative is None and c_start > 0 and _SUBJECTLESS.match(clause) is not None
    if subjectless:
        title = _subject_title(text, c_start, clause, sentence_actors)
    anchor_end = hit.end - c_start if hit.kind != "lead" else 0
    kind = predicate_type(clause, anchor, anchor_end, event_type)
    if hit.kind == "lead":
        kind = _lead_type(clause)
    clause_hits = [h for h in sentence_actors if c_start <= h.start < c_end]
    if subjectless:
        subject = _roles([h for h in sentence_actors if h.start < c_start], text[:c_start])
        roles = [(key, "subject") for key, _ in subject[:1]]
        roles += [r for r in _roles(clause_hits, clause) if r[0] not in dict(roles)]
        roles = roles or _roles(sentence_actors, text)
    else:
        roles = _roles(clause_hits, clause) or _roles(sentence_actors, text)
    location_text = clause
    quote_start, quote_end = sentence.start, sentence.end
    if multi or relative is not None:
        quote_start, quote_end = sentence.start + c_start, sentence.start + c_end
    follow = _following(sentences, index)
    if lead and follow is not None and not find_dates(follow.text, PROBE):
        # News leads name people in the second paragraph ("Russia's top diplomat ...").
        known = {key for key, _ in roles}
        for key, _ in _roles(actors.find(follow.text), follow.text):
            record = actors.record(key)
            if key not in known and record is not None and record.type == "person":
                roles.append((key, "participant"))
                known.add(key)
        location_text += " " + follow.text
    if kind == "statement" or _SPEECH.search(clause):
        quote_end = _extend_statement(sentences, index, roles, actors, quote_end)
        location_text += " " + article.raw.text[sentence.end : quote_end]
    if not roles:
        roles = [(key, "subject") for key, _ in inherited] or (
            [(default_actor, "subject")] if default_actor else []
        )
    places = actors.registry.find_places(location_text)
    if kind == "meeting" and places:
        # A summit in a capital is hosted by that state.
        host = actors.registry.state_of_capital(places[0][1])
        if host is not None and all(key != host for key, _ in roles):
            roles.append((host, "host"))
    quote = article.raw.text[quote_start:quote_end]
    return Candidate(
        file_name=article.raw.file_name,
        sentence_index=index,
        paragraph=sentence.paragraph,
        quote_start=quote_start,
        quote_end=quote_end,
        quote=quote,
        date=hit.interval,
        date_text=hit.text or None,
        date_kind=hit.kind,
        type=kind,
        title=title,
        summary=text,
        actors=roles,
        location=places[0][1] if places else None,
        tokens=content_tokens(clause if multi else text),
        lead=lead,
        resolved=resolved,
        hit=hit,
    )


# Relative dates ("on Thursday") of an article whose publication is known to within a month
# are dated events; with a wider publication interval they are only mentions of dated ones.
MAX_PUBLICATION_WIDTH = 31


def _lead_type(clause: str) -> str:
    for kind in ("withdrawal", "agreement", "meeting", "election", "military", "report"):
        if _TRIGGER_RE[kind].search(clause):
            return kind if kind != "withdrawal" or "agree" not in clause.lower() else "agreement"
    return "statement"


def _following(sentences: tuple[Sentence, ...], index: int) -> Sentence | None:
    if index + 1 >= len(sentences):
        return None
    nxt = sentences[index + 1]
    return nxt if nxt.paragraph == sentences[index].paragraph + 1 else None


def _extend_statement(
    sentences: tuple[Sentence, ...],
    index: int,
    roles: list[tuple[str, str]],
    actors: ArticleActors,
    quote_end: int,
) -> int:
    """Take in the next paragraphs while they carry on the same speaker's words."""
    speakers = {key for key, _ in roles}
    paragraph = sentences[index].paragraph
    for nxt in sentences[index + 1 : index + 6]:
        if nxt.paragraph > paragraph + 2:
            break
        said_by_same = {h.actor_key for h in actors.find(nxt.text)} & speakers
        pronoun = re.search(r"\b(?:she|he|they)\s+(?:said|added)\b", nxt.text)
        opens_quote = nxt.text[:1] in '"\u201c'
        if not (said_by_same or pronoun or opens_quote) or find_dates(nxt.text, PROBE):
            break
        quote_end = nxt.end
    return quote_end
