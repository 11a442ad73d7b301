"""A happening the body tells in the present perfect without a date: news of the report's days.

"The council has approved the budget" is the day's news wherever a report tells it: in its
lead (see seed.extract.events) or further down, where reports often come to news of their own
days after the background. Such a clause is dated by the report's days when

- a named actor is its subject, in the words right before the verb ("The council has
  approved"), not a noun of a subordinate or relative clause;
- it tells one act, done: not a state ("has been divided"), nothing done again and again or
  long ("has repeatedly warned", "has long sought": the pattern admits no such adverb);
- no quotation holds it (a speaker's "has" is the speaker's day, see seed.extract.quoted_dates);
- no date of the sentence dates it: only dates inside a relative clause that comes after the
  verb leave it free ("has postponed the vote, which was due on <day>": the day is the vote's);
- the report's days are known to within two weeks (else the news would join any of the
  actor's happenings of a whole year).

The publication interval is the date, honestly as wide as that: the text gives no day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from seed.extract.clauses import relative_clause_at
from seed.extract.dates import DateHit
from seed.extract.event_kinds import event_type
from seed.extract.predicates import content_kind
from seed.extract.registry import ActorHit
from seed.extract.spoken import names_other_time, report_days_known
from seed.extract.types import DateInterval

# The date kind: the same as a lead's present perfect, no expression of the sentence states it.
KIND = "perfect"

# "has approved", "have now left", "has officially signed": a single act, told as done.
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|just|also|finally|officially)\s+)?"
    r"(?!been\b|had\b|long\b)[a-z]+(?:ed|en|wn|ne|ht|ft|ld|ot|un|ung)\b"
)
# Words that make the stretch before the verb a subordinate or relative clause, or a clause
# that is not the sentence's own telling.
_NOT_MAIN = re.compile(
    r"\b(?:which|that|who|whom|whose|when|while|after|before|since|as|if|because|although|"
    r"though|until|unless|where|whether|once)\b",
    re.IGNORECASE,
)
# Where the subject's stretch begins: the sentence's start or the last clause mark.
_BOUNDARY = re.compile(r"[,;:\u2013\u2014(\"\u201c\u201d]|\s-\s")
# What may stand between the subject's name and its verb: its abbreviation in parentheses.
_SUBJECT_END = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?\Z")
# A relative clause proper, opened by its pronoun.
_PRONOUN = re.compile(r"\b(?:which|who|whom|whose)\b", re.IGNORECASE)
# Kinds that are no act of the subject's: no known trigger, or words (a speaker's words are a
# statement of their own, see seed.extract.spoken).
_NO_ACT = frozenset({"other", "statement"})
# At most this many words from the stretch's start to the verb: "The Tripoli-based council of
# the south has approved".
_SUBJECT_WORDS = 8


def body_perfect_hit(
    sentence: str,
    hits: Sequence[DateHit],
    actors: Sequence[ActorHit],
    quoted: Sequence[tuple[int, int]],
    publication: DateInterval,
) -> DateHit | None:
    """The hit of the present perfect main clause of a body `sentence` that no date of it dates,
    at `publication`; None when there is none. `hits`: the sentence's dates; `actors`: the
    actors it names; `quoted`: its quotation spans."""
    if not report_days_known(publication):
        return None
    verb = _PERFECT.search(sentence)
    if verb is None or any(s <= verb.start() < e for s, e in quoted):
        return None
    start = max((m.end() for m in _BOUNDARY.finditer(sentence, 0, verb.start())), default=0)
    subject = sentence[start : verb.start()]
    if _NOT_MAIN.search(subject) or len(subject.split()) > _SUBJECT_WORDS:
        return None
    if not any(
        start <= h.start and _SUBJECT_END.match(sentence, h.end, verb.start()) for h in actors
    ):
        # no one named does it: "Tensions have risen", "X's support has helped"
        return None
    if any(not _dates_other(sentence, h, verb.start()) for h in hits):
        return None
    if names_other_time(sentence):
        return None  # "in recent years ... have sent": a time of its own that no date resolves
    told = _BOUNDARY.search(sentence, verb.end())
    if content_kind(sentence[start : told.start() if told else len(sentence)], event_type) in (
        _NO_ACT
    ):
        return None  # "has used X to ...", "has called this Y": no act of a known kind
    return DateHit(verb.start(), verb.end(), "", KIND, publication)


def _dates_other(sentence: str, hit: DateHit, verb: int) -> bool:
    """Whether `hit` dates something else than the verb at `verb`: it stands after the verb, in
    a relative clause whose antecedent also comes after the verb."""
    if hit.start <= verb:
        return False
    relative = relative_clause_at(sentence, 0, len(sentence), hit.start)
    # a relative pronoun, not a participle: "the Directorate announced on <day>" is no
    # relative clause but the telling that dates the news
    return (
        relative is not None
        and relative.start > verb
        and _PRONOUN.search(sentence, relative.start, hit.start) is not None
    )
