"""Content words of a text, for comparing what two mentions talk about.

Function words, calendar words and the country's own name say nothing about which happening a
sentence reports; the rest is cut to a seven-letter stem, with a few synonyms folded together.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = frozenset(
    [
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from",
        "as", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being",
        "has", "have", "had", "it", "its", "their", "his", "her", "they", "he", "she", "we", "i",
        "you", "not", "no", "but", "also", "said", "says", "will", "would", "could", "should",
        "may", "might", "can", "than", "then", "there", "here", "which", "who", "whom", "whose",
        "what", "when", "where", "while", "after", "before", "since", "during", "into", "over",
        "under", "about", "against", "between", "among", "more", "most", "some", "any", "all",
        "other", "such", "only", "very", "just", "last", "next", "week", "month", "year", "years",
        "day", "days", "ago", "today", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "aug",
        "sept", "oct", "nov", "dec", "libya", "libyan", "country",
    ]
)  # fmt: skip
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
