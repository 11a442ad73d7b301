"""One sentence, two happenings: the second candidate a sentence yields besides its dated one.

- "<news>, the ministry announced on Wednesday": the news and its telling are two events
  (`attributed_news`); the telling keeps only its attribution. When the news states its own
  date ("<news> on 12 October, officials said on Thursday"), the attribution's date dates only
  the telling (`split_telling`).
- "the vote was thrown into disarray when the commission said ...": the when-clause tells a
  happening of its own (`when_clause_candidate`), with its own subject and words.
Each links to its own happening across articles (see seed.link.merge).
"""

from __future__ import annotations

from dataclasses import replace

from seed.extract.actors import ArticleActors
from seed.extract.attribution import attribution_end, news_end, told_news
from seed.extract.calendar_math import month_bounds
from seed.extract.candidate import Candidate, actor_roles
from seed.extract.dates import DateHit
from seed.extract.event_kinds import event_type
from seed.extract.event_titles import make_title
from seed.extract.parse import ParsedArticle, Sentence
from seed.extract.predicates import predicate_type
from seed.extract.registry import ActorHit
from seed.extract.tokens import content_tokens
from seed.extract.told import Told
from seed.extract.types import DateInterval


def split_telling(
    article: ParsedArticle,
    sentence: Sentence,
    telling: Candidate,
    hits: list[DateHit],
    sentence_actors: list[ActorHit],
    inherited: list[tuple[str, str]],
) -> Candidate | None:
    """The news a dated telling passes on, as a candidate of its own (or None). A telling
    whose date stands in a trailing attribution after a news that states its own date is left
    its attribution alone: the news has its own candidate, at its own date."""
    stated = [h for h in hits if h.kind != "span"]
    if len(stated) == 1:
        end = news_end(telling, sentence.text, [h.start for h in sentence_actors])
        if end is None:
            return None
        return attributed_news(article, sentence, telling, end, sentence_actors, inherited)
    end = attribution_end(telling, sentence.text)
    if end is not None and any(h is not telling.hit and h.start < h.end <= end for h in stated):
        _leave_attribution(article, sentence, telling, end)
    return None


def _leave_attribution(
    article: ParsedArticle, sentence: Sentence, telling: Candidate, end: int
) -> None:
    """`telling` becomes the statement of the attribution after the news `sentence.text[:end]`,
    quoting only it."""
    attribution = sentence.text[end:].lstrip(" ,")
    telling.type = "statement"
    telling.quote_start = sentence.end - len(attribution)
    telling.quote_end = sentence.end
    telling.quote = article.raw.text[telling.quote_start : telling.quote_end]


def attributed_news(
    article: ParsedArticle,
    sentence: Sentence,
    telling: Candidate,
    end: int,
    sentence_actors: list[ActorHit],
    inherited: list[tuple[str, str]],
) -> Candidate:
    """The news `sentence.text[:end]` that `telling` passes on, as a candidate; `telling` is
    left its attribution, as a statement."""
    news = sentence.text[:end]
    roles = actor_roles([h for h in sentence_actors if h.start < end], news) or inherited
    # and whom the telling took in from the next paragraph, but not who told it
    told_by = {h.actor_key for h in sentence_actors if h.start >= end}
    named = {key for key, _ in roles} | told_by
    roles += [(key, role) for key, role in telling.actors if key not in named]
    # the paragraphs the telling's quote ran on into tell more of the news
    last = telling.quote_end if telling.quote_end > sentence.end else sentence.start + end
    told = told_news(telling, article.raw.text[sentence.start : last], sentence.start, end, roles)
    _leave_attribution(article, sentence, telling, end)
    return told


def when_clause_candidate(
    main: Candidate,
    told: Told,
    sentence: Sentence,
    sentence_actors: list[ActorHit],
    actors: ArticleActors,
) -> Candidate:
    """The happening a when-clause tells: at the main clause's date, said or done by its own
    subject, named by its own words."""
    clause = sentence.text[told.start : told.end]
    verb = told.verb_start - told.start, told.verb_end - told.start
    kind = "statement" if told.speech else predicate_type(clause, *verb, event_type)
    # Told "when" the main clause's act took place, which the date may not date ("the vote
    # set for 24 December was derailed when ..."): no nearer than the date's month.
    when = main.date
    if when.start.year == when.end.year and when.start.month == when.end.month:
        when = DateInterval(*month_bounds(when.start.year, when.start.month), "month")
    span = (told.start, told.end)
    fixed = main.hit.fixed if main.hit else True
    return told_candidate(main, sentence, span, span, kind, when, fixed, sentence_actors, actors)


def told_candidate(
    main: Candidate,
    sentence: Sentence,
    quote: tuple[int, int],
    words: tuple[int, int],
    kind: str,
    when: DateInterval,
    fixed: bool,
    sentence_actors: list[ActorHit],
    actors: ArticleActors,
) -> Candidate:
    """The second happening of `main`'s sentence, quoted by the `quote` span of the sentence
    and named by its `words` span (its actors, place, title and words), at `when`. Its date
    span is empty, at the quote's start: the clause states no date of its own."""
    text = sentence.text
    phrase = text[words[0] : words[1]]
    hits = [h for h in sentence_actors if words[0] <= h.start < words[1]]
    places = actors.registry.find_places(phrase)
    return replace(
        main,
        quote_start=sentence.start + quote[0],
        quote_end=sentence.start + quote[1],
        quote=text[quote[0] : quote[1]],
        date=when,
        date_text=None,
        date_kind="told",
        type=kind,
        title=make_title(phrase),
        actors=actor_roles(hits, phrase) or main.actors[:1],
        location=places[0][1] if places else None,
        tokens=content_tokens(phrase),
        hit=DateHit(quote[0], quote[0], "", "told", when, fixed),
    )


def after_telling(
    article: ParsedArticle, sentence: Sentence, telling: Candidate, others: list[Candidate]
) -> None:
    """ "The UN says forces have left": the news of a sentence that opens with its telling is
    what follows the telling (each of the two happenings has its own words)."""
    for other in others:
        hit = other.hit
        if (
            other.quote_start == telling.quote_start
            and other.quote_end > telling.quote_end
            and hit is not None
            and sentence.start + hit.start >= telling.quote_end
        ):
            text = article.raw.text
            start = telling.quote_end
            while start < other.quote_end and text[start] in " ,":
                start += 1
            other.quote_start, other.quote = start, text[start : other.quote_end]
