"""Event candidates of one article: a dated clause, its type, actors, location and quote.

A candidate is made for each date expression in reporting text (not captions, not boilerplate,
not inside quotation marks, where "today" is the speaker's day, not the article's). The lead
sentence of a report without a date ("X said they had agreed ...") is dated to the week before
publication, the usual reach of a news lead. Sentences without any date produce no event of
what they tell: background facts must not enter the timeline with an invented date (a named
speaker's words are the report's, see seed.extract.spoken).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.actors import ArticleActors
from seed.extract.body_perfect import body_perfect_hit
from seed.extract.candidate import Candidate, actor_roles
from seed.extract.carried_words import carried_statement
from seed.extract.chaining import DayAnchor, chained_hits, lasted_hits, latest_day, span_hits
from seed.extract.clauses import relative_clause_at, without_asides
from seed.extract.dates import PROBE, DateHit, find_dates
from seed.extract.eve import reach_back_to_eve, stated_days
from seed.extract.event_actors import add_bodies_spoken_for, complete_actors
from seed.extract.event_kinds import SPEECH, event_type, lead_type
from seed.extract.event_titles import SUBJECTLESS, clause_span, make_title, subject_title
from seed.extract.falls import KIND as FALL
from seed.extract.falls import dated_otherwise, fall_hit
from seed.extract.mandates import mandate_end
from seed.extract.named_acts import split_named_act
from seed.extract.narration import narrated_hit, narrates_past, step_kind, stepped_back
from seed.extract.offsets import as_counted, offset_hits
from seed.extract.parse import ParsedArticle, Sentence
from seed.extract.predicates import predicate_type
from seed.extract.pronoun_speaker import pronoun_statement
from seed.extract.quoted_dates import inside_quotes, quoted_spans, speaker_dates
from seed.extract.registry import ActorHit
from seed.extract.reported_news import reported_news_hit
from seed.extract.responses import responders, response_hit
from seed.extract.spoken import KIND as SPOKEN
from seed.extract.spoken import (
    names_other_time,
    only_possessive,
    report_days_known,
    sentence_statement,
)
from seed.extract.talks_before import is_talks, share_with_talks, talks_before
from seed.extract.tokens import content_tokens
from seed.extract.told import told_when
from seed.extract.tolls import KIND as TOLL
from seed.extract.tolls import toll_hit
from seed.extract.two_happenings import after_telling, split_telling, when_clause_candidate
from seed.extract.types import DateInterval

# The present perfect of a news lead: "has approved", "have left", "has been appointed".
_NEWS_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|just|also|finally|officially)\s+)?(?:been\s+)?"
    r"(?!been\b|had\b)[a-z]+(?:ed|en|wn|ne|ht|ft|ld|ot|un|ung)\b"
)
# Date kinds the reporting text does not state itself: a speaker's date inside a quotation, a
# day counted from another date ("the next day"), talks that ended on another date.
# A happening told in a when-clause ("thrown into disarray when X said") takes the date of
# the clause it is told in (see seed.extract.told).
UNSTATED_KINDS = frozenset(
    {"quoted", "chained", "span", "told", "attributed", "fall", "toll", SPOKEN}
)
# Hits that no expression of the sentence states: no clause of theirs tells another happening.
_NOT_STATED = frozenset({"lead", "perfect", "span"})
# Besides speech verbs, what an undated lead reports someone made known or asked of others.
_DISCLOSURE = re.compile(r"\b(?:revealed|disclosed|called\s+(?:on|for)|calls\s+(?:on|for))\b", re.I)


def extract_candidates(
    article: ParsedArticle,
    publication: DateInterval,
    actors: ArticleActors,
    default_actor: str | None,
) -> list[Candidate]:
    sentences = article.sentences
    candidates: list[Candidate] = []
    spoken: list[Candidate] = []  # undated statements (see seed.extract.spoken)
    last_said: Candidate | None = None  # the undated statement of the sentence before
    previous_actors: list[tuple[str, str]] = []
    narrow = (publication.end - publication.start).days <= MAX_PUBLICATION_WIDTH
    anchor: DayAnchor | None = None
    back: DayAnchor | None = None  # a chronicle's step back (see seed.extract.narration)
    historical = False
    days: set[date] = set()  # the single days the reporting text states (see seed.extract.eve)
    for index, sentence in enumerate(sentences):
        found = find_dates(sentence.text, publication)
        hits = [h for h in found if not inside_quotes(sentence, h)]
        days |= stated_days(hits)
        if not hits:
            hits = speaker_dates(sentence, found, publication)
        chained = chained_hits(sentence.text, index, tuple(hits), anchor)
        chained += span_hits(sentence.text, tuple(hits))
        counted = offset_hits(sentence.text, tuple(hits))
        chained += counted
        stated_day = latest_day(tuple(hits), len(sentence.text), index)
        # "X says on April 4 ... Y said the previous day ...": steps told next may be either day
        back = None if stated_day else stepped_back(chained, anchor, index) or back
        anchor = stated_day or anchor
        # "the two-day conference ended on Tuesday": its two days (the end stays the anchor)
        hits = sorted([*lasted_hits(sentence.text, hits), *chained], key=lambda h: h.start)
        if hits:
            historical = historical or narrates_past(sentence.text, tuple(hits), publication)
        elif historical:
            # a chronicle in the present: an undated step follows the day named before it
            hits = [h for h in [narrated_hit(sentence.text, index, back or anchor)] if h]
        if not hits:
            # "The deal came after ten hours of talks": the talks that led to it
            hits = [h for h in [talks_before(sentence.text, index, anchor)] if h is not None]
        if not hits:
            # "In response to the advance, groups mobilised": after the day named before
            response = response_hit(sentence.text, index, anchor, publication)
            hits = [response] if response is not None else []
        sentence_actors = actors.find(sentence.text)
        inherited = previous_actors[:1]
        lead = index == 0
        toll = None if hits else toll_hit(sentence.text, publication)
        if toll is not None and not inside_quotes(sentence, toll):
            # "At least 27 people have been killed so far": the toll of the day of the report
            hits = [toll]
        perfect = _NEWS_PERFECT.search(sentence.text) if lead and not hits else None
        if perfect is not None and not quoted_spans(sentence.text):
            # "The parliament has approved ...": a lead in the present perfect is the day's news.
            hits = [DateHit(perfect.start(), perfect.end(), "", "perfect", publication)]
        elif not lead and (
            body := body_perfect_hit(
                sentence.text, hits, sentence_actors, quoted_spans(sentence.text), publication
            )
        ):
            # "The council has approved ..." further down: news of the report's days too
            hits = sorted([*hits, body], key=lambda h: h.start)
        elif (
            not hits
            and not lead
            and (news := reported_news_hit(sentence.text, sentence_actors, publication))
        ):
            # "<news>, the chancellor said": news a speaker of the report passes on
            hits = [news]
        elif (
            not hits
            and lead
            and (SPEECH.search(sentence.text) or _DISCLOSURE.search(sentence.text))
        ):
            # An undated lead reports something of the last few days.
            interval = DateInterval(publication.start - timedelta(days=7), publication.end, "range")
            hits = [DateHit(0, 0, "", "lead", interval)]
        fall = fall_hit(sentence.text, sentence_actors, actors.registry)
        if (
            fall is not None
            and not dated_otherwise(sentence.text, fall, hits)
            and not inside_quotes(sentence, fall)
        ):
            # "since a NATO-backed uprising toppled dictator X": a fall the registry dates
            hits = sorted([*hits, fall], key=lambda h: h.start)
        # talks that ended on a happening of the sentence do not split it into clauses
        stated = sum(1 for h in hits if h.kind != "span")
        mandate = None
        for hit in hits:
            made = _candidates(
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
                multi=stated > 1,
                resolved=hit.fixed or narrow,
            )
            if hit in counted:
                as_counted(made[0], sentence.start, hit)
            if (responding := responders(sentence.text, hit, sentence_actors)) is not None:
                made[0].actors = actor_roles(responding, sentence.text) or made[0].actors
            if len(made) == 1:
                # "welcomed on Friday the truce reached between ...": the truce besides
                made = split_named_act(made[0], sentence, sentence_actors, actors)
            candidates.extend(made)
            telling = made[0]
            # "approved on Thursday a one-year mandate": the mandate runs out a year later
            mandate = mandate or mandate_end(
                telling, sentence, quoted_spans(sentence.text), actors.registry.relations
            )
            # "<news>, the ministry announced on Wednesday": the news and its telling (a
            # sentence already split at its when-clause is not split again at its attribution)
            if len(made) == 1:
                told = split_telling(article, sentence, telling, hits, sentence_actors, inherited)
                if told is not None:
                    candidates.append(told)
        if mandate is not None:
            candidates.append(mandate)
        if narrow and (not lead or perfect is not None or only_possessive(sentence.text, hits)):
            said = sentence_statement(
                article.raw.file_name,
                (index, sentence),
                hits,
                [*candidates, *spoken],
                sentence_actors,
                publication,
                quoted_spans(sentence.text),
            )
            if said is not None:
                mine = [c for c in candidates if c.sentence_index == index]
                after_telling(article, sentence, said, mine)
                spoken.append(said)
            elif not hits and not names_other_time(sentence.text):
                # "She added that ...": the same speaker's words of the sentence before
                said = carried_statement(sentence, index, last_said, actors)
                if said is None and report_days_known(publication):
                    # "Speaking to reporters he said ...": the person the sentence before was about
                    said = pronoun_statement(
                        article.raw.file_name,
                        (index, sentence),
                        sentences[index - 1] if index else None,
                        [*candidates, *spoken],
                        actors,
                        publication,
                    )
                if said is not None:
                    spoken.append(said)
            last_said = said
        if sentence_actors:
            previous_actors = actor_roles(sentence_actors, sentence.text)
    # talks counted back from a happening take its actors, once those are complete
    complete_actors([c for c in candidates if c.date_kind != "span"], article, actors)
    # statements beside the dated happenings of their sentence leave those their actors
    complete_actors(spoken, article, actors)
    if spoken:
        named = {h.actor_key for s in sentences for h in actors.find(s.text)}
        add_bodies_spoken_for(spoken, named, actors.registry.relations)
    share_with_talks(candidates)
    # "X has left the capital" in a report that tells what X did yesterday: the eve too
    reach_back_to_eve(candidates, days)
    return sorted([*candidates, *spoken], key=lambda c: (c.sentence_index, c.quote_start))


def _candidates(
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
) -> list[Candidate]:
    """The candidate of `hit`, and the one of a happening its clause tells with "when"."""
    text = sentence.text
    if hit.kind == "named_day" and hit.text.lower().startswith("on the eve of"):
        # "X comes on the eve of <the summit>": the dated happening is what follows.
        c_start, c_end = hit.end, clause_span(text, hit.end)[1]
    else:
        c_start, c_end = clause_span(text, hit.start)
    relative = None
    if hit.kind not in {"lead", "named_day", "perfect"}:
        relative = relative_clause_at(text, c_start, c_end, hit.start)
    if relative is not None:
        # "the conference, which was held ... on Wednesday": the date dates the antecedent.
        c_start, c_end = relative.start, relative.end
    told = None
    if relative is None and hit.kind not in _NOT_STATED:
        told = told_when(text, hit.start, hit.end, c_end)
    if told is not None and not any(told.start <= h.start < told.end for h in sentence_actors):
        told = None  # "when it became clear": no one who did it, no happening of its own
    if told is not None:
        c_end = told.main_end  # the dated clause stops where the told one begins
    clause = text[c_start:c_end]
    anchor = hit.start - c_start if hit.kind != "lead" else 0
    title = make_title(relative.title if relative else without_asides(clause, anchor))
    # "Forces loyal to Haftar launched an offensive in April 2019, but were pushed back in June
    # 2020": the clause opens with its verb, so its subject is named before it.
    subjectless = relative is None and c_start > 0 and SUBJECTLESS.match(clause) is not None
    if subjectless:
        title = subject_title(text, c_start, clause, sentence_actors)
    anchor_end = hit.end - c_start if hit.kind != "lead" else 0
    kind = predicate_type(clause, anchor, anchor_end, event_type)
    if hit.kind == "lead":
        # what someone made known or called for is their statement, not what it is about
        disclosed = not SPEECH.search(clause) and _DISCLOSURE.search(clause)
        kind = "statement" if disclosed else lead_type(clause)
    elif hit.kind == "span" or is_talks(text, hit):
        kind = "meeting"  # the talks themselves, whatever they ended with
    elif hit.kind == TOLL:
        kind = "report"  # a count as it stands, not the fighting it sums up
    elif hit.kind == FALL:
        kind = "political"  # a ruler's fall, whatever violence came with it
    kind = step_kind(text, hit, kind)
    clause_hits = [h for h in sentence_actors if c_start <= h.start < c_end]
    if subjectless:
        subject = actor_roles([h for h in sentence_actors if h.start < c_start], text[:c_start])
        roles = [(key, "subject") for key, _ in subject[:1]]
        roles += [r for r in actor_roles(clause_hits, clause) if r[0] not in dict(roles)]
        roles = roles or actor_roles(sentence_actors, text)
    else:
        # the actors of a told happening are its own, not the dated clause's
        outside = [h for h in sentence_actors if told is None or not told.start <= h.start]
        roles = actor_roles(clause_hits, clause) or actor_roles(outside, text)
    location_text = clause
    quote_start, quote_end = sentence.start, sentence.end
    if multi or relative is not None or told is not None:
        quote_start, quote_end = sentence.start + c_start, sentence.start + c_end
    follow = _following(sentences, index)
    if lead and follow is not None and not find_dates(follow.text, PROBE):
        # News leads name people in the second paragraph ("Russia's top diplomat ...").
        known = {key for key, _ in roles}
        for key, _ in actor_roles(actors.find(follow.text), follow.text):
            record = actors.record(key)
            if key not in known and record is not None and record.type == "person":
                roles.append((key, "participant"))
                known.add(key)
        location_text += " " + follow.text
    if kind == "statement" or SPEECH.search(clause):
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
    main = Candidate(
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
        tokens=content_tokens(clause if multi or told is not None else text),
        lead=lead,
        resolved=resolved,
        hit=hit,
    )
    if told is None:
        return [main]
    return [main, when_clause_candidate(main, told, sentence, sentence_actors, actors)]


# Relative dates ("on Thursday") of an article whose publication is known to within about a
# year are dated events, with the whole range of days they may be (an undated article's news
# must not vanish); with a wider publication interval they join only dated events they clearly
# report, or stand alone (joined by none), as such ranges would join unrelated happenings.
MAX_PUBLICATION_WIDTH = 400


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
