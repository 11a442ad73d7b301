"""Publication dates of undated articles, inferred from the text and from dated articles.

1. Anchors: a relative expression ("Mangoush said Sunday", "Last week, X said ...") or an
   undated lead ("X said ...", the news of the last days) that reports the same happening a
   dated article places on a known day constrains the publication date ("said Sunday" of a
   Sunday statement: that Sunday .. six days later; "last week": the week after that week; a
   lead: that day .. a week later). What "the same happening" takes is in seed.link.anchors.
   Constraints are intersected. A happening that
   names no person a dated source names may be anchored by its words alone
   (seed.link.word_anchors): the weakest evidence, used only when there is no other.
2. Bounds from the text (seed.link.text_bounds, seed.link.elapsed): no earlier than the latest
   past date it states with a year (or than its dateline's day, placed after that); a plan
   still ahead bounds it loosely from above; "ten years since the 2011 uprising" bounds both.
3. Without anchors the interval stays as wide as those bounds and says so: the interval must
   contain the true date, so it is never narrowed on a guess.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from seed.extract.candidate import Candidate
from seed.extract.inverse_dates import publication_constraint
from seed.extract.parse import ParsedArticle
from seed.extract.tense import direction_at
from seed.extract.types import DateInterval, PublicationDate
from seed.link.anchors import (
    ANCHORED_KINDS,
    UNDATED_NEWS,
    Anchor,
    AnchorIndex,
    best_anchor,
    compatible,
)
from seed.link.dateline_year import dateline_interval
from seed.link.elapsed import elapsed_bounds
from seed.link.merge import DISTINCT_ACTS, SIGNATURES
from seed.link.text_bounds import lower_bound, upper_bound
from seed.link.vague_days import named_weekday
from seed.link.word_anchors import (
    day_matches,
    gathering_match,
    named_gatherings,
    weekday_matches,
    year_offset,
    year_window,
)

WIDE_YEARS = 2


# An undated copy of a dated article (see seed.link.copies) appeared about when it did:
# syndication runs a day or two either way, a late reprint up to a week later.
COPY_BEFORE = timedelta(days=2)
COPY_AFTER = timedelta(days=7)


def infer_publication(
    article: ParsedArticle,
    candidates: Sequence[Candidate],
    anchors: AnchorIndex,
    *,
    person_keys: set[str],
    name_words: frozenset[str] = frozenset(),
    copies: Sequence[tuple[str, DateInterval]] = (),
    today: date | None = None,
    actor_words: frozenset[str] = frozenset(),
) -> PublicationDate:
    """`candidates` were extracted with a provisional wide publication interval.

    `name_words` are the content tokens of actor names: they do not count as shared content
    (two stories naming the same minister are not the same story). `copies` are the (narrowly)
    dated articles this one copies; `actor_words` those of every actor's name (matching by
    words alone does not count them either). Evidence in order of strength: anchors, then copies; a
    yearless wire dateline then fixes the day and the evidence only its year."""
    today = today or date.today()
    upper = upper_bound(article)
    end = min(upper[0], today) if upper else today
    lower, end, upper = _within_elapsed(article, lower_bound(article), end, upper)
    # Anchors first: a partial copy may have run days before or after its original.
    named, by_words, worded_from = _anchor_evidence(
        candidates, anchors, person_keys, (name_words, name_words | actor_words), lower
    )
    # Words alone (no shared person) are the weakest evidence: used only when nothing else is,
    # or to narrow a copy's window when they find the same tellings in the articles it copies.
    copied = _copy_evidence(copies)
    if copied is not None and by_words is not None and worded_from <= {n for n, _ in copies}:
        copied = _narrowed(copied, by_words)
    evidence = named or copied or by_words
    if article.dateline_day is not None:
        floor = lower[0] if lower else EARLIEST
        found = dateline_interval(article, article.dateline_day, evidence, floor, end)
        if found is not None:
            return found
    if evidence is not None:
        start, end, reason = evidence
        return PublicationDate(
            DateInterval(start, end, "day" if start == end else "range"),
            explicit=False,
            reason=reason,
        )
    if lower is not None and lower[0] <= end:
        day, why = lower
        reason = (
            f"no publication date and no dated source reports the same statements; {why}, so "
            f"it was published between {day.isoformat()} and {end.isoformat()}"
        )
        if upper is not None and upper[0] == end:
            reason += f" ({upper[1]})"
        return PublicationDate(DateInterval(day, end, "range"), explicit=False, reason=reason)
    return PublicationDate(
        DateInterval(EARLIEST, end, "range"),
        explicit=False,
        reason="no publication date and no dated reference in the text"
        + (f"; at most {upper[0].isoformat()} because {upper[1]}" if upper else ""),
    )


def _within_elapsed(
    article: ParsedArticle,
    lower: tuple[date, str] | None,
    end: date,
    upper: tuple[date, str] | None,
) -> tuple[tuple[date, str] | None, date, tuple[date, str] | None]:
    """The bounds narrowed by the time the text counts since dated happenings, when that
    agrees with them ("ten years since the 2011 uprising")."""
    elapsed = elapsed_bounds(article)
    if elapsed is None:
        return lower, end, upper
    start, last, why = elapsed
    new_lower = lower if lower is not None and lower[0] >= start else (start, why)
    new_end = min(end, last) if last is not None else end
    if new_lower[0] > new_end:
        return lower, end, upper  # they contradict each other: keep the wider reading
    if new_end < end:
        upper = (new_end, why)
    return new_lower, new_end, upper


# The earliest publication considered for an article without any dated reference.
EARLIEST = date(2011, 1, 1)
Evidence = tuple[date, date, str]


def _copy_evidence(copies: Sequence[tuple[str, DateInterval]]) -> Evidence | None:
    if not copies:
        return None
    start = min(i.start for _, i in copies) - COPY_BEFORE
    end = max(i.end for _, i in copies) + COPY_AFTER
    names = ", ".join(sorted(name for name, _ in copies))
    return start, end, f"inferred from copies of the text: {names}"


def _narrowed(copied: Evidence, worded: Evidence) -> Evidence:
    """A copy's window narrowed by what its relative dates say, anchored on the same tellings
    in the articles it copies ("announced Wednesday" where the original dates the
    announcement): both hold, unless they contradict each other."""
    start, end = max(copied[0], worded[0]), min(copied[1], worded[1])
    if start > end:
        return copied
    return start, end, f"{copied[2]}; {worded[2]}"


def _anchor_evidence(
    candidates: Sequence[Candidate],
    anchors: AnchorIndex,
    person_keys: set[str],
    names: tuple[frozenset[str], frozenset[str]],
    lower: tuple[date, str] | None,
) -> tuple[Evidence | None, Evidence | None, set[str]]:
    """What dated happenings of the persons the text names say, (weaker) what dated
    happenings found by their words alone say, and the articles of the latter."""
    constraints: list[tuple[date, date, str]] = []
    worded: list[tuple[date, date, str]] = []
    worded_from: list[str] = []
    name_words, all_names = names
    for cand in candidates:
        if cand.hit is None:
            continue
        if cand.hit.kind not in ANCHORED_KINDS:
            counted = year_window(cand, anchors.words)  # "December 24 this year"
            if counted is not None:
                worded.append((counted[0], counted[1], _told(cand, counted[2])))
                worded_from.append(counted[2].file_name)
            continue
        anchor = best_anchor(cand, anchors, person_keys, name_words)
        if anchor is None:
            found = _by_words(cand, anchors, person_keys, all_names)
            if found is not None:
                worded.append(found[:3])
                worded_from.append(found[3])
            continue
        if cand.hit.kind in UNDATED_NEWS:
            window = _news_window(cand, anchor)
        else:
            direction = direction_at(cand.summary, cand.hit.start)
            window = publication_constraint(cand.hit, anchor.date, direction)
        if window is not None:
            constraints.append((window[0], window[1], _told(cand, anchor)))
    # (the articles of the worded constraints that `_joined` keeps)
    kept = {f for c, f in zip(worded, worded_from, strict=True) if _after(c, lower)}
    return _joined(constraints, lower), _joined(worded, lower), kept


def weighed(cand: Candidate) -> bool:
    """Whether inference may match `cand` with anchors (`may_weigh`): a relative date or an
    undated lead, or a day "this year" (`year_window`)."""
    hit = cand.hit
    return hit is not None and (hit.kind in ANCHORED_KINDS or year_offset(cand) is not None)


def may_weigh(
    candidates: Sequence[Candidate],
    anchors: AnchorIndex,
    *,
    person_keys: set[str],
    name_words: frozenset[str],
    actor_words: frozenset[str],
) -> bool:
    """Whether inferring the publication of an article from its (provisional) `candidates`
    may weigh one of `anchors`; when it may not, adding them to the anchors it is inferred
    from leaves its date as it was. Per candidate, inference takes the best of the anchors
    that fit it, else the first found by its words, or the years of the happenings on its
    month and day: an anchor that fits none of those changes none of them. (Given the
    anchors of a new dated article alone, against each stored undated article it may date.)"""
    all_names: frozenset[str] | None = None  # (made when a candidate first needs it)
    for cand in candidates:
        if cand.hit is None:
            continue
        if cand.hit.kind not in ANCHORED_KINDS:
            if day_matches(cand, anchors.words):
                return True
            continue
        if best_anchor(cand, anchors, person_keys, name_words) is not None:
            return True
        weekday = named_weekday(cand)
        if weekday is None:
            continue
        if all_names is None:
            all_names = name_words | actor_words
        if next(_worded_anchors(cand, weekday, anchors, person_keys, all_names), None):
            return True
        # (one more gathering of that name on another day leaves the match ambiguous)
        if named_gatherings(cand, weekday, anchors.words):
            return True
    return False


def _after(constraint: tuple[date, date, str], lower: tuple[date, str] | None) -> bool:
    """Whether `constraint` ends on or after the text's own lower bound (`_joined` drops the
    others)."""
    return lower is None or constraint[1] >= lower[0]


def _joined(
    constraints: list[tuple[date, date, str]], lower: tuple[date, str] | None
) -> Evidence | None:
    constraints = [c for c in constraints if _after(c, lower)]
    if not constraints:
        return None
    start = max(c[0] for c in constraints)
    end = min(c[1] for c in constraints)
    if start > end:
        # Inconsistent anchors: keep the span covering all of them rather than guess.
        start, end = min(c[0] for c in constraints), max(c[1] for c in constraints)
    reasons = "; ".join(c[2] for c in constraints)
    return start, end, f"inferred from other sources: {reasons}"


def _by_words(
    cand: Candidate, anchors: AnchorIndex, person_keys: set[str], name_words: frozenset[str]
) -> tuple[date, date, str, str] | None:
    """A constraint from a dated happening of the same weekday found by its words
    (seed.link.word_anchors), for a happening no dated source of a person it names tells,
    with the article of that happening."""
    weekday = named_weekday(cand)
    if weekday is None:
        return None
    assert cand.hit is not None
    for anchor in _worded_anchors(cand, weekday, anchors, person_keys, name_words):
        direction = direction_at(cand.summary, cand.hit.start)
        found = publication_constraint(cand.hit, anchor.date, direction)
        if found is not None:
            return found[0], found[1], _told(cand, anchor), anchor.file_name
    return None


def _worded_anchors(
    cand: Candidate,
    weekday: int,
    anchors: AnchorIndex,
    person_keys: set[str],
    name_words: frozenset[str],
) -> Iterator[Anchor]:
    """The dated happenings of `weekday` that `cand`'s words find, best first: those sharing
    its words, then the gathering it names ("Wednesday's Tunis conference")."""
    mine = {key for key, _ in cand.actors} & person_keys
    matches = weekday_matches(cand.tokens - name_words, weekday, anchors.words, cand.file_name)
    for _, anchor in matches:
        if mine & anchor.persons or not compatible(cand.type, anchor.type):
            continue  # a shared person's happenings were weighed by `best_anchor`
        acts = SIGNATURES.get(anchor.type, set())
        if (
            anchor.type in DISTINCT_ACTS
            and cand.tokens & acts
            and not cand.tokens & anchor.words & acts
        ):
            continue
        yield anchor
    gathering = gathering_match(cand, weekday, anchors.words)
    if gathering is not None:
        yield gathering


def _told(cand: Candidate, anchor: Anchor) -> str:
    return (
        f"{cand.date_text or 'the undated lead'!r} in {cand.quote[:60]!r}... reports what "
        f"{anchor.file_name} dates {anchor.date.start.isoformat()}"
    )


def _news_window(cand: Candidate, anchor: Anchor) -> tuple[date, date] | None:
    """Publication for an undated lead reporting what a dated source places on one day: that
    day to a week after (a lead reports the news of the last days)."""
    if anchor.date.start != anchor.date.end:
        return None
    return anchor.date.start, anchor.date.end + timedelta(days=7)


def wide_interval(lower: tuple[date, str] | None) -> DateInterval:
    start = lower[0] if lower else date(2011, 1, 1)
    return DateInterval(start, start + timedelta(days=365 * WIDE_YEARS), "range")
