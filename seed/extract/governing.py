"""The stretch of a sentence that a date belongs to, and whether its predicate is a reaction.

A news sentence often tells two happenings and dates one: "The council imposed an embargo in
2011 amid an uprising that ousted the ruler" dates the embargo; the uprising is background.
What a candidate event *is* (its signature, its kind) must come from the stretch that holds the
date, not from a word anywhere in the sentence. The stretch runs from the last boundary before
the date to the first one after it: punctuation (";", ":", dashes, commas), subordinators
("amid", "after", "when", "since", ...) and, after the date only, relative pronouns ("that",
"which", "who"), whose clause tells something else about a noun. A stretch with too few words
besides the date ("On Friday, ...", "since 2011") grows over the next boundary, then falls back
to the whole clause between punctuation marks.

A reaction ("Egypt welcomed on Friday the ceasefire reached in Geneva") is a happening of its
own: its date is the day of the reaction, and its words name the happening it reacts to.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PUNCTUATION = re.compile(r"\s*(?:[;:\u2013\u2014]|,)\s+|\s+-\s+")
_SUBORDINATOR = re.compile(
    r"\b(?:amid|after|before|since|following|when|while|whereas|although|though|because|"
    r"despite|until|unless)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b", re.IGNORECASE)
# What opens a clause about the noun before its comma: a relative pronoun or a participle.
_APPOSITION = re.compile(
    r"(?:which|who|whose|[a-z]+ed|held|made|taken|set|led|won|sent|built|struck|given|"
    r"seen|known|fought|brought|begun|drawn)\b"
)
# A when-clause right after a date says what happened then.
_WHEN = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
# Fewer words than this besides the date: the stretch says nothing of the happening.
MIN_WORDS = 3
# Verbs of reacting to a happening someone else made: approval, praise, blame, refusal.
_REACTION = re.compile(
    r"\b(?:welcom(?:e|es|ed|ing)|hail(?:s|ed|ing)?|prais(?:e|es|ed|ing)|applaud(?:s|ed|ing)?|"
    r"commend(?:s|ed|ing)?|laud(?:s|ed|ing)?|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|"
    r"deplor(?:e|es|ed|ing)|critici[sz](?:e|es|ed|ing)|slam(?:s|med|ming)?|"
    r"decr(?:y|ies|ied|ying)|regret(?:s|ted|ting)?|lament(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# How far (in words) a reaction verb may stand from the date it governs: "welcomed on Friday",
# "on Friday welcomed", "Egypt on Friday strongly condemned".
_REACTION_REACH = 4


def _words_outside(text: str, start: int, end: int, lo: int, hi: int) -> int:
    return len(_WORD.findall(text[lo:start])) + len(_WORD.findall(text[end:hi]))


def _left(text: str, start: int, patterns: tuple[re.Pattern[str], ...]) -> int:
    left = 0
    for pattern in patterns:
        for m in pattern.finditer(text, 0, start):
            if m.end() <= start:
                left = max(left, m.end())
    return left


def _right(text: str, end: int, patterns: tuple[re.Pattern[str], ...]) -> int:
    right = len(text)
    for pattern in patterns:
        m = pattern.search(text, end)
        if m is not None:
            right = min(right, m.start())
    return right


@lru_cache(maxsize=65536)
def governing_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the stretch of `sentence` that the date at [start, end) belongs to."""
    if not sentence or end <= start:
        return 0, len(sentence)
    before = (_PUNCTUATION, _SUBORDINATOR)
    after = (_PUNCTUATION, _SUBORDINATOR, _RELATIVE)
    told = _WHEN.match(sentence, end)
    if told is not None:
        # "since 2011, when an uprising toppled the ruler": the when-clause tells what happened.
        return start, _right(sentence, told.end(), after)
    lo, hi = _left(sentence, start, before), _right(sentence, end, after)
    if lo > 0 and _APPOSITION.match(sentence, lo):
        # "The deal, signed on Friday, ...", "the government, which was ratified last week":
        # the date dates the noun before the comma.
        lo = _left(sentence, max(0, lo - 2), (_PUNCTUATION,))
    if _words_outside(sentence, start, end, lo, hi) < MIN_WORDS:
        # "On 4 April, the army launched ...": the happening follows the next boundary.
        hi = _right(sentence, _right(sentence, end, after) + 1, after)
    if _words_outside(sentence, start, end, lo, hi) < MIN_WORDS:
        lo, hi = _left(sentence, start, (_PUNCTUATION,)), _right(sentence, end, (_PUNCTUATION,))
    if _words_outside(sentence, start, end, lo, hi) < MIN_WORDS:
        return 0, len(sentence)
    return lo, hi


@lru_cache(maxsize=65536)
def governing_text(sentence: str, start: int, end: int) -> str:
    lo, hi = governing_span(sentence, start, end)
    return sentence[lo:hi]


def is_reaction(sentence: str, start: int, end: int) -> bool:
    """Whether the date at [start, end) dates a reaction ("welcomed", "condemned", ...) to a
    happening, rather than the happening itself."""
    if end <= start:
        return False
    lo, hi = governing_span(sentence, start, end)
    for verb in _REACTION.finditer(sentence, lo, hi):
        between = (
            sentence[verb.end() : start] if verb.end() <= start else sentence[end : verb.start()]
        )
        if verb.start() < end and verb.end() > start:
            continue
        if len(_WORD.findall(between)) <= _REACTION_REACH:
            return True
    return False
