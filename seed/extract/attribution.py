"""One sentence, two happenings: news told with a trailing attribution, and its telling.

"Two states have signed two accords, the presidency announced on Wednesday" tells a signing
and an announcement. The date stands in the attribution, so it dates the telling; the news
before the comma is dated by it (it happened that day, or was news by then). The telling stays
the dated candidate (a statement); the news becomes a candidate of its own. Only news that
names a happening and its doer splits off ("The situation is calm, the ministry said on
Tuesday" and "Some fighters have left, the minister said" are what the speaker says), and never
a quotation or a plan: what someone says will happen is their statement, not a happening.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from seed.extract.clauses import trailing_attribution
from seed.extract.event_kinds import event_type
from seed.extract.event_titles import make_title
from seed.extract.predicates import content_kind
from seed.extract.quoted_dates import QUOTE_MARKS
from seed.extract.tokens import content_tokens

if TYPE_CHECKING:
    from seed.extract.candidate import Candidate

# The news a speaker passes on is told as done: "have left", "signed". A plan or an outlook
# ("will leave", "is expected to") is the speaker's statement only.
_NOT_DONE = re.compile(
    r"\b(?:will|would|shall|could|might|may|should|must|to\s+be|expected|plans?|planned|aims?|"
    r"hopes?|wants?|intends?|ready)\b",
    re.IGNORECASE,
)
# The news's verb: its doer is named before it ("Two states have signed", "X's leader Y left");
# without a regular verb ("he left"), within its first three words.
_VERB = re.compile(r"\b(?:has|have|had|was|were|is|are|[a-z]+ed)\b")
# A doer named in the sentence before: "But he left the capital, the ministry said".
_PERSONAL = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
# Kinds of news that name no happening of their own.
_NO_HAPPENING = frozenset({"statement", "other"})
# Dates that no expression of the sentence states, or that date something else than a telling.
_NOT_TELLING = frozenset({"quoted", "chained", "span", "lead", "perfect"})
DATE_KIND = "attributed"


def attribution_end(telling: Candidate, sentence: str) -> int | None:
    """Where the news ends in a sentence whose date (that of `telling`) stands in a trailing
    attribution ("<news>, the ministry said on Tuesday"); None otherwise."""
    hit = telling.hit
    if hit is None or hit.end <= hit.start or hit.kind in _NOT_TELLING:
        return None
    return trailing_attribution(sentence, hit.start)


def news_end(telling: Candidate, sentence: str, doers: list[int]) -> int | None:
    """Where the news ends in a sentence whose date (that of `telling`) stands in a trailing
    attribution and whose news names a happening told as done by a named doer; None otherwise.
    `doers` are the offsets where the sentence names actors."""
    end = attribution_end(telling, sentence)
    if end is None:
        return None
    news = sentence[:end]
    if QUOTE_MARKS.search(news) or _NOT_DONE.search(news):
        return None
    verb = _VERB.search(news)
    before = verb.start() if verb is not None else len(" ".join(news.split()[:3]))
    if not (any(at < before for at in doers) or _PERSONAL.search(news, 0, before)):
        return None  # "some fighters have left": what the speaker says, of no one named
    if content_kind(news, event_type) in _NO_HAPPENING:
        return None
    return end


def told_news(
    telling: Candidate, quote: str, quote_start: int, end: int, roles: list[tuple[str, str]]
) -> Candidate:
    """The candidate of the news `quote[:end]` that `telling` passes on; `roles` are the actors
    named in the news. `quote` runs on over the paragraphs the telling's quote ran on into:
    they tell more of the news, and the telling is left its attribution."""
    news = quote[:end]
    return replace(
        telling,
        quote_start=quote_start,
        quote_end=quote_start + len(quote),
        quote=quote,
        date_text=None,
        date_kind=DATE_KIND,
        type=content_kind(news, event_type),
        title=make_title(news),
        actors=roles or [(key, role) for key, role in telling.actors if role != "speaker"],
        tokens=content_tokens(news),
        hit=None,
    )
