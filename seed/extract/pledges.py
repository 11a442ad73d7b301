"""Pledges: who committed to what, when, by when, how many, and how it stands.

Status, as of the newest source's publication date (PolitiFact's meters rate outcomes):
- `kept`: a later withdrawal event says the promised departure was completed;
- `broken`: the deadline has passed and no such completion is reported;
- `in_the_works`: not yet due (or no deadline) and a later withdrawal event by a pledger or the
  same forces shows movement;
- `not_yet_rated`: not yet due and nothing reported since.
`stalled` and `compromise` are left to editors: they need judgement the text rarely states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from seed.extract.dates import add_duration, within_duration
from seed.extract.events import Candidate, content_tokens
from seed.extract.parse import ParsedArticle
from seed.extract.types import DateInterval, PledgeStatus

TRIGGER = re.compile(
    r"\b(?:will|would|(?:is|are|was|were)\s+to)\s+(?:leave|withdraw|be\s+withdrawn|"
    r"depart|be\s+deported|be\s+evacuated|pull\s+out|"
    r"hand\s+over|return|be\s+repatriated)\b|"
    r"\b(?:agreed|agrees)\s+(?:on|to|that)\b|"
    r"\bcalled\s+for\b[^.]*\b(?:withdraw|depart|leave|exit|remov)|"
    r"\b(?:pledged|pledges|promised|promises|vowed|vows|committed\s+to|commits\s+to)\b|"
    r"\bsupports?\s+the\s+(?:withdrawal|departure|exit|removal)\b|"
    r"\b(?:would|will)\s+take\s+part\b|\bready\s+to\s+(?:take\s+part|participate)\b|"
    r"\bshall\s+(?:return|be\s+accompanied|leave|withdraw|depart)\b",
    re.IGNORECASE,
)
QUANTITY = re.compile(
    r"\b(?P<q>\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:foreign|Russian|Syrian|Sudanese|Chadian|Turkish|"
    r"African|more|additional)\s+)*(?P<unit>mercenaries|fighters|soldiers|troops|militants|"
    r"foreign\s+fighters|personnel)\b",
    re.IGNORECASE,
)
_COMPLETED = re.compile(r"\b(?:all|last)\b[^.]{0,40}\b(?:left|withdrawn|departed)\b", re.I)


@dataclass(slots=True)
class PledgeCandidate:
    file_name: str
    quote_start: int
    quote_end: int
    quote: str
    text: str
    actors: list[str]
    made: DateInterval
    deadline: DateInterval | None
    duration: tuple[int, str] | None
    quantity: int | None
    unit: str | None
    event: Candidate | None
    tokens: frozenset[str]
    origins: tuple[str, ...] = ()
    merged: list[PledgeCandidate] = field(default_factory=list)


def extract_pledges(
    article: ParsedArticle,
    candidates: list[Candidate],
    publication: DateInterval,
    find_actors: object,
) -> list[PledgeCandidate]:
    """Pledges of one article; `candidates` are its events (to date and attribute them)."""
    found: list[PledgeCandidate] = []
    by_sentence = {c.sentence_index: c for c in candidates}
    by_paragraph: dict[int, Candidate] = {}
    for c in candidates:
        by_paragraph.setdefault(c.paragraph, c)
    for index, sentence in enumerate(article.sentences):
        trigger = TRIGGER.search(sentence.text)
        if trigger is None:
            continue
        event = by_sentence.get(index) or by_paragraph.get(sentence.paragraph)
        if event is None:
            event = by_paragraph.get(sentence.paragraph - 1)
        made = event.date if event is not None else publication
        duration = within_duration(sentence.text)
        deadline = add_duration(made, *duration) if duration else None
        quantity = QUANTITY.search(sentence.text)
        hits = find_actors(sentence.text)  # type: ignore[operator]
        actors = list(dict.fromkeys(h.actor_key for h in hits))
        if event is not None:
            actors += [key for key, _ in event.actors if key not in actors]
        text = sentence.text
        found.append(
            PledgeCandidate(
                file_name=article.raw.file_name,
                quote_start=sentence.start,
                quote_end=sentence.end,
                quote=sentence.text,
                text=_short(text),
                actors=actors,
                made=made,
                deadline=deadline,
                duration=duration,
                quantity=int(quantity.group("q").replace(",", "")) if quantity else None,
                unit=quantity.group("unit").lower() if quantity else None,
                event=event,
                tokens=content_tokens(sentence.text),
            )
        )
    return found


def _short(text: str) -> str:
    text = text.rstrip(' ."\u201d')
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "..."


def status_of(
    made: DateInterval,
    deadline: DateInterval | None,
    actors: set[str],
    withdrawals: list[tuple[DateInterval, set[str], str]],
    as_of: date,
) -> tuple[PledgeStatus, str]:
    later = [w for w in withdrawals if w[0].start > made.end and (w[1] & actors)]
    completed = [w for w in later if _COMPLETED.search(w[2])]
    if completed:
        return "kept", f"a later report says the withdrawal was completed: {completed[0][2][:120]}"
    if deadline is not None and deadline.end < as_of:
        progress = f"; {len(later)} later report(s) of partial movement" if later else ""
        return (
            "broken",
            f"the deadline ({deadline.start.isoformat()}..{deadline.end.isoformat()}) passed "
            f"before {as_of.isoformat()} without a reported completion{progress}",
        )
    if later:
        return "in_the_works", f"later withdrawal reported: {later[0][2][:120]}"
    return "not_yet_rated", f"no later report on it as of {as_of.isoformat()}"
