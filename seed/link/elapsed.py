"""Publication years that a text gives by counting from a dated happening: "ten years since the
2011 uprising", "nearly two decades since the 2003 war", "the tenth anniversary of the 2011
revolution". Each bounds the publication day on both sides, as loosely as news copy rounds:
"ten years since" is said a little before and after the tenth year, a decade is rounded more.
"Two years after the 2014 split, the port closed" bounds it from below only.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from seed.extract.calendar_math import COUNT, NUMBERS
from seed.extract.parse import ParsedArticle
from seed.extract.tense import direction_at

_COUNT = rf"(?P<n>{COUNT})"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15,
    "twentieth": 20,
}  # fmt: skip
# "Ten years since the 2011 uprising" counts up to the time of writing. "Two years after the
# 2014 split, the port closed" dates the told happening: the text is no earlier, and how long
# after it the text was written is not said (no upper bound); a happening still to come
# ("elections will be held two years after the 2020 deal") bounds nothing.
_COUNTED = re.compile(
    r"\b(?P<q>nearly|almost|more\s+than|over)?\s*"
    rf"{_COUNT}\s+(?P<unit>years?|decades?)\s+(?P<rel>since|after)\b"
    r"[^.;]{0,80}?\b(?P<y>(?:19|20)\d\d)\b(?![-\u2013]\d)",
    re.IGNORECASE,
)
_ANNIVERSARY = re.compile(
    r"\b(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")\s+anniversary\s+of\b"
    r"[^.;]{0,80}?\b(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Anniversary pieces run in the weeks around the day.
_AROUND_ANNIVERSARY = timedelta(days=45)


def _count(word: str) -> int:
    return NUMBERS.get(word.lower()) or int(word)


def _ordinal(word: str) -> int:
    word = word.lower()
    return _ORDINALS[word] if word in _ORDINALS else int(word[:-2])


def _counted_window(m: re.Match[str]) -> tuple[date, date | None]:
    """When "N years since <year>" is said, as loosely as news copy rounds the count."""
    year, count = int(m.group("y")), _count(m.group("n"))
    decades = m.group("unit").lower().startswith("decade")
    target = year + count * (10 if decades else 1)
    slack = 2 if decades else 1
    q = " ".join((m.group("q") or "").lower().split())
    if q in {"nearly", "almost"}:
        return date(target - slack, 1, 1), date(target, 12, 31)
    if q in {"more than", "over"}:
        return date(target, 1, 1), None
    if decades:
        return date(target - slack, 1, 1), date(target + slack, 12, 31)
    # "ten years since 2011": from the middle of the year before to the middle of the one after
    return date(target - 1, 7, 1), date(target + 1, 6, 30)


def elapsed_bounds(article: ParsedArticle) -> tuple[date, date | None, str] | None:
    """The publication window the text's counts from dated happenings give (their
    intersection), the latest day None when unbounded; None when the text counts nothing (or
    its counts contradict each other)."""
    windows: list[tuple[date, date | None, str]] = []
    for sentence in article.sentences:
        for m in _COUNTED.finditer(sentence.text):
            start, end = _counted_window(m)
            if m.group("rel").lower() == "after":
                if direction_at(sentence.text, m.start(), m.end()) == "future":
                    continue
                end = None
            windows.append((start, end, m.group(0).strip()))
        for m in _ANNIVERSARY.finditer(sentence.text):
            target = int(m.group("y")) + _ordinal(m.group("ord"))
            start = date(target, 1, 1) - _AROUND_ANNIVERSARY
            windows.append((start, date(target, 12, 31) + _AROUND_ANNIVERSARY, m.group(0)))
    if not windows:
        return None
    start = max(w[0] for w in windows)
    ends = [w[1] for w in windows if w[1] is not None]
    end = min(ends) if ends else None
    if end is not None and start > end:
        return None
    said = "; ".join(repr(w[2]) for w in windows)
    return start, end, f"the text counts the time since dated happenings ({said})"
