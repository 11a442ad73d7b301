"""An article's layout: paragraphs and their kinds (headline, body, caption, boilerplate), and
sentences with their offsets in the original text.

Photo captions, publisher boilerplate, bylines and credits are not reporting: they are set apart
here so that no event is read from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seed.extract.calendar_math import MONTH_NAME
from seed.extract.lexicon import AGENCIES
from seed.extract.pickled import by_fields

_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|EPA|Anadolu|File|Xinhua|UPI)[^)]*Photo[^)]*\)|"
    r"\((?:AP|AFP|Reuters|EPA|Getty Images|Anadolu Agency)\)\s*\Z|"
    r"\bPhoto(?:graph)?:\s|\bFile photo\b|\(Photo:|\bphoto credit\b|"
    r"\b(?:Photo|Image|Picture)\s*(?:credit|courtesy)?\s*:|\(Photo by\b|/(?:AFP|Getty Images)\b",
    re.IGNORECASE,
)
# Every caption credit above holds one of these: one cheap search rules most paragraphs out.
_MAYBE_CAPTION = re.compile(r"[Pp]hoto|PHOTO|[Ii]mage|[Pp]icture|\((?:AP|AFP|Reuters|EPA)\)|/")
_SAID = re.compile(r"\b(?:said|says|told|announced|declared|reported)\b")
# AP sets file photos as "FILE - <caption>" (a separate pattern: an anchor inside the
# alternation above would make every search slow).
_CAPTION_START = re.compile(r"\s*FILE\s*[-\u2013\u2014:]")
# A caption without a credit: "... in Kabul, Afghanistan, July 13, 2014." right after the headline.
_DATED_CAPTION = re.compile(
    rf"\b[A-Z][\w'-]+,\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?,\s+{MONTH_NAME}\s+\d{{1,2}},\s+"
    r"\d{4}\.?\s*(?:\([^)]*\))?\s*\Z"
)
# A photo caption ends with the day the photo was taken and a credit: "..., in Tripoli, March
# 3, 2021. AFP - JANE DOE", "... January 5, 2020. PHOTO | X | AFP", "... 2020. / AFP / Name",
# "... 2020. - Ministry handout via Reuters". The credit holds an agency or photo word and,
# besides a few function words, no lower-case word (no verb: not "..., Reuters reported.").
_CREDITED_CAPTION = re.compile(
    rf"{MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}}\.\s*[-|/\u2013\u2014]?\s*"
    r"(?=[^\n]{0,80}\b(?:AFP|AP|Reuters|REUTERS|EPA|Getty|Anadolu|Xinhua|PHOTO|Photo|handout)\b)"
    r"(?:(?:[A-Z][\w.'-]*|of|via|by|the|for|and|handout|photo|file|courtesy|[-|/\u2013\u2014])\s*)+\Z"
)
_CREDIT = re.compile(
    r"\A[*(\s]*(?:(?:Additional\s+)?Reporting|Writing|Editing|Edited|Compiled|Translated|"
    r"Written|Reported)\s+(?:by|from)\b|\A\s*Source\s*:|\A\s*(?:Read|See)\s+(?:more|also)\s*:|"
    r"\bcontributed\s+(?:to\s+)?this\s+report\b|\A\s*(?:Follow|Subscribe|Sign\s+up|Click)\b|"
    r"\A\s*(?:Related|Advertisement|Share this)\b",
    re.IGNORECASE,
)
# A byline standing alone: "By SAMY MAGDY Associated Press", "By Jane Doe | Reuters".
_BYLINE = re.compile(
    r"\A(?:By|BY)\s+[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|de|al|el|bin|van|von))*"
    r"(?:\s*[,|/\u2013\u2014-]\s*[A-Z][\w.&' ]*)?\s*\Z"
)
# A credit line standing alone: "Associated Press", "Text by: RFI" (the agency or outlet that
# wrote the report, not a sentence of it).
# Every agency of the lexicon: by its published name (spaces and hyphens alike: "Agence France
# Presse"), in capitals as a dateline gives it, or a longer key as a word ("Anadolu").
AGENCY_NAMES = "|".join(
    re.escape(name).replace(r"\ ", r"[- ]").replace(r"\-", r"[- ]")
    for name in sorted(
        {n.removeprefix("The ") for n in AGENCIES.values()}
        | {k.upper() for k in AGENCIES}
        | {k.title() for k in AGENCIES if len(k) > 4},  # "Anadolu", not "Lana"
        key=lambda n: (-len(n), n),
    )
)
_CREDIT_LINE = re.compile(
    r"\A\s*(?:(?:Text|Words|Story|Report)\s+by\s*:\s*[^\n]{1,40}|(?:The\s+)?"
    rf"(?:{AGENCY_NAMES}))\s*\Z"
)
# A line that only credits the report and dates it: "AFP 21 Sep 2021", "Daily Post, Tuesday 7
# Feb 2023", "Reuters - March 3, 2022".
_CREDITED_DATE = re.compile(
    r"\A(?:[A-Z][\w'\u2019-]*\s+){0,2}[A-Z][\w'\u2019-]*\s*[,|\u2013\u2014-]?\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)\s+(?:19|20)\d\d\s*\Z"
)
_SOURCE = re.compile(r"\A\s*Source\s*:\s*(?P<name>[^,;\n]+?)(?:\s+and\s+[^\n]*)?\s*\Z", re.I)
_COPYRIGHT_NAME = re.compile(
    r"(?:\u00a9|\(c\)|Copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&.'\u2019 -]{1,60}?)"
    r"(?:[.,]|\s+All\s+rights|\s*\Z)",
    re.I,
)
# A list bullet opening a line: a page's summary points, a date set off.
BULLET = re.compile(r"\A\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u25b8]|[*\u2013-](?=\s))\s*")
# Section labels glued to a publisher's name in boilerplate ("X Brief News is a daily ...").
SECTION_SUFFIX = re.compile(r"\s+(?:Brief|Breaking|Latest|World|Top)\s+News\Z")
BOILERPLATE = re.compile(
    r"(?P<name>(?:The\s+)?[A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*){0,5})\s+is\s+an?\s+"
    r"(?:[\w-]+\s+){0,3}(?:newspaper|news\s+(?:agency|site|website|outlet)|magazine|"
    r"publication|broadcaster|media\s+outlet)\b[^\n]*"
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*\d{4}[^\n]*|All rights reserved\.?", re.I)
# Sentence ends: ., ! or ? (maybe followed by a closing quote), then space and a capital/quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Gen|Lt|Col|Maj|Capt|Sgt|Brig|Adm|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof|St|Jan|Feb|Mar|"
    r"Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Vol|U\.S|U\.N|U\.K|D\.C|a\.m|p\.m|e\.g|i\.e|vs|etc)\.|"
    r"\b[A-Z]\.)\Z"
)


@by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: str  # "body" | "headline" | "caption" | "boilerplate"


def publisher_names(text: str) -> list[str]:
    """Publisher names a boilerplate line states: self-description, copyright, source line."""
    names: list[str] = []
    found = BOILERPLATE.search(text)
    if found:
        names.append(SECTION_SUFFIX.sub("", found.group("name").strip()))
    copyright_ = _COPYRIGHT_NAME.search(text)
    if copyright_:
        names.append(copyright_.group("name").strip())
    source = _SOURCE.match(text)
    if source:
        names.append(source.group("name").strip())
    return names


def split_paragraphs(text: str, body_start: int) -> list[Paragraph]:
    found: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        if end <= body_start:
            continue
        start = max(start, body_start)
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
        index = len(found)
        found.append(Paragraph(index, start, end, stripped, _kind(stripped, index)))
    if len(found) == 1 and found[0].kind == "headline":
        # A one-paragraph text is all body, however short.
        only = found[0]
        found[0] = Paragraph(only.index, only.start, only.end, only.text, "body")
    return found


_BOILERPLATE_WORDS = re.compile(
    r" is an? |\u00a9|\([cC]\)|opyright|ights reserved|ource\s*:|ead more|ee also|eport|"
    r"riting|ritten|diting|dited|ompiled|ranslated|"
    r"contributed|ollow|ubscribe|ign up|lick|elated|dvertisement|hare this",
)


@lru_cache(maxsize=16384)
def maybe_boilerplate(text: str) -> bool:
    """A cheap test that rules most reporting paragraphs out before the costly patterns."""
    return _BOILERPLATE_WORDS.search(text) is not None


def _kind(text: str, index: int) -> str:
    # Only the first three places tell anything apart; a copied paragraph recurs elsewhere.
    return _kind_at(text, min(index, 3))


@lru_cache(maxsize=16384)
def _kind_at(text: str, index: int) -> str:
    if (
        _CAPTION_START.match(text)
        or (_MAYBE_CAPTION.search(text) is not None and _CAPTION.search(text) is not None)
        or (index <= 2 and _DATED_CAPTION.search(text))
        or _CREDITED_CAPTION.search(text) is not None
    ):
        return "caption"
    if maybe_boilerplate(text) and (
        BOILERPLATE.match(text) or _COPYRIGHT.search(text) or _CREDIT.search(text)
    ):
        return "boilerplate"
    if len(text) <= 80 and (
        _BYLINE.match(text) or _CREDIT_LINE.match(text) or _CREDITED_DATE.match(text)
    ):
        return "boilerplate"
    words = text.split()
    if index == 0 and len(words) <= 20 and not text.rstrip().endswith((".", '"', "\u201d")):
        return "headline"
    # A lone short first line is a headline even when it ends with a full stop.
    # ... but not an attributed lead ("..., the minister said Sunday.").
    if index == 0 and len(words) <= 14 and text.count(". ") == 0 and not _SAID.search(text):
        return "headline"
    return "body"


def split_sentences(para: Paragraph) -> list[Sentence]:
    return [
        Sentence(para.start + start, para.start + start + len(body), body, para.index)
        for start, body in _sentence_pieces(para.text)
    ]


@lru_cache(maxsize=16384)
def _sentence_pieces(text: str) -> tuple[tuple[int, str], ...]:
    """The sentences of a paragraph's text (offset in it, text); cached by the text, as wire
    paragraphs recur across articles."""
    pieces: list[tuple[int, str]] = []
    cursor = 0
    for m in _SENTENCE_END.finditer(text):
        candidate = text[cursor : m.start()]
        if _ABBREVIATIONS.search(candidate.rstrip("\"'\u201d\u2019")):
            continue
        pieces.append(_sentence(text, cursor, m.start()))
        cursor = m.end()
    if cursor < len(text):
        pieces.append(_sentence(text, cursor, len(text)))
    return tuple(p for p in pieces if p[1])


def _sentence(text: str, start: int, end: int) -> tuple[int, str]:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return start + lead, raw.strip()
