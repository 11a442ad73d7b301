"""News a named speaker passes on in an undated body sentence: a happening of the report's days.

"The two leaders named their delegates to the talks, the chancellor said." states no date, yet
it is news the report tells, as "<news>, the ministry announced on Wednesday" is (see
seed.extract.attribution): a speaker of the report passes it on, so it happened on the report's
days or just before ([publication - 1 day, publication], as a speaker's undated statement, see
seed.extract.spoken). The news stands for its telling, which makes no statement of its own.

Only news told as done, by a doer named before its verb, of a known kind of happening:
"Fighting has resumed, the mission said" (no doer), "X will attend, Y said" (a plan), "X said
it was ready, Y said" (words) are what the speaker says. Never a quotation, never in a report
whose days are not known to within two weeks, never when the sentence names a time of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from seed.extract.attribution import DATE_KIND
from seed.extract.clauses import trailing_attribution
from seed.extract.dates import DateHit
from seed.extract.event_kinds import event_type
from seed.extract.predicates import content_kind
from seed.extract.quoted_dates import QUOTE_MARKS
from seed.extract.registry import ActorHit
from seed.extract.spoken import names_other_time, report_days_known, spoken_interval
from seed.extract.types import DateInterval

# The verb of news told as done: a regular past, a common irregular one, or a present perfect.
_DONE = re.compile(
    r"\b(?:(?:has|have|had)\s+[a-z]+|[a-z]{3,}ed|met|left|sent|took|made|gave|held|began|won|"
    r"fought|struck|led|chose|set|broke|drew|brought|sought|fled|withdrew|shot|seized|hit)\b"
)
# A plan, an outlook or a wish: the speaker's words, not a happening (as in
# seed.extract.attribution).
_NOT_DONE = re.compile(
    r"\b(?:will|would|shall|could|might|may|should|must|to\s+be|expected|plans?|planned|aims?|"
    r"hopes?|wants?|intends?|ready)\b",
    re.IGNORECASE,
)
# Where the news's own clause ends: a relative clause tells more of a noun ("a committee that
# will represent them"), not what was done.
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b", re.IGNORECASE)
# Kinds of news that name no happening of their own.
_NO_HAPPENING = frozenset({"statement", "other"})


def reported_news_hit(
    sentence: str,
    actors: Sequence[ActorHit],
    publication: DateInterval,
) -> DateHit | None:
    """The hit of the news a named speaker passes on in the undated body `sentence` ("<news>,
    X said"), at the report's days; None when the sentence is no such news. `actors`: the
    actors the sentence names."""
    if not report_days_known(publication) or QUOTE_MARKS.search(sentence):
        return None
    end = trailing_attribution(sentence, len(sentence))
    if end is None or not any(h.start >= end for h in actors):
        return None  # no attribution, or its speaker is no one named
    relative = _RELATIVE.search(sentence, 0, end)
    main = sentence[: relative.start() if relative is not None else end]
    verb = _DONE.search(main)
    if verb is None or _NOT_DONE.search(main) or names_other_time(sentence):
        return None
    if not any(h.end <= verb.start() for h in actors):
        return None  # "Fighting has resumed": no one named did it
    if content_kind(main, event_type) in _NO_HAPPENING:
        return None
    return DateHit(verb.start(), verb.end(), "", DATE_KIND, spoken_interval(publication))
