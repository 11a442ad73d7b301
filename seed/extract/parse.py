"""Reading an article: bytes to text (with precise refusals), then its structure.

Structure: the optional ` date YYYY-MM-DD ` marker, a headline, paragraphs split into sentences
with their offsets in the original text, and the parts that are not reporting: photo captions,
publisher boilerplate, bylines and credits, and the wire dateline ("TRIPOLI, Aug 28 (Reuters) -")
that opens the first paragraph. The dateline is not an event: its day is the publication day,
its agency a publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from seed.extract.errors import ArticleError
from seed.extract.types import RawArticle

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

_MARKER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
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
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A caption without a credit: "... in Kabul, Afghanistan, July 13, 2014." right after the headline.
_DATED_CAPTION = re.compile(
    rf"\b[A-Z][\w'-]+,\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?,\s+{_MONTH_NAME}\s+\d{{1,2}},\s+"
    r"\d{4}\.?\s*(?:\([^)]*\))?\s*\Z"
)
# A photo caption ends with the day the photo was taken and a credit: "..., in Tripoli, March
# 3, 2021. AFP - JANE DOE", "... January 5, 2020. PHOTO | X | AFP", "... 2020. / AFP / Name",
# "... 2020. - Ministry handout via Reuters". The credit holds an agency or photo word and,
# besides a few function words, no lower-case word (no verb: not "..., Reuters reported.").
_CREDITED_CAPTION = re.compile(
    rf"{_MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}}\.\s*[-|/\u2013\u2014]?\s*"
    r"(?=[^\n]{0,80}\b(?:AFP|AP|Reuters|REUTERS|EPA|Getty|Anadolu|Xinhua|PHOTO|Photo|handout)\b)"
    r"(?:(?:[A-Z][\w.'-]*|of|via|by|the|for|and|handout|photo|file|courtesy|[-|/\u2013\u2014])\s*)+\Z"
)
_AGENCIES = {
    "ap": "The Associated Press", "afp": "Agence France-Presse", "reuters": "Reuters",
    "upi": "United Press International", "dpa": "dpa", "xinhua": "Xinhua", "ansa": "ANSA",
    "aa": "Anadolu Agency", "anadolu": "Anadolu Agency", "efe": "EFE", "tass": "TASS",
    "ria novosti": "RIA Novosti", "lana": "Libya News Agency", "mena": "MENA",
}  # fmt: skip
# "TRIPOLI, Libya (AP) — ", "TRIPOLI, Aug 28 (Reuters) - ", "Tripoli, Oct. 3 (AFP) -- ",
# "BENGHAZI, Libya, Oct. 3 (UPI) --": an upper-case place, or any place with an agency.
_DATELINE = re.compile(
    r"\A(?P<place>(?:[A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+){0,2})|"
    r"(?=[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    rf"(?:,?\s*{_MONTH_NAME}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*[(/]))"
    r"(?P<place2>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})?"
    r"(?:,\s*(?P<region>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?"
    rf"(?:,?\s*(?P<month>{_MONTH_NAME})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?"
    # the agency in brackets or between slashes ("/AGENCY/"); some copy sets ".-" as the dash
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .]{1,25})\)|/(?P<agency2>[A-Za-z][A-Za-z .]{1,25})/)?"
    r"\s*\.?(?:-{1,2}|[\u2013\u2014])\s+"
)
# A date with its year, day first or month first: "24 October 2020", "Oct. 24, 2020", "12th
# November 2021". `_stated_date` reads its groups.
_FULL_DATE = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAME})|(?P<month2>{_MONTH_NAME})"
    r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?),?\s+(?P<year>\d{4})"
)
# A place and a full date opening the text, as many newspapers set it: "London, 24 October
# 2020:", "Tripoli - 24 October 2020 -", "Benghazi, October 24, 2020 -".
_DATED_PLACE = re.compile(
    r"\A(?P<place>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})\s*[,\u2013\u2014-]\s*"
    rf"{_FULL_DATE}\s*(?::|-{{1,2}}|[\u2013\u2014]|\Z)\s*"
)
# A line that only dates the article, as web pages print it above or below the headline:
# "November 12, 2021", "Published: 12 Nov 2021 14:05 GMT", "Friday, 12 November 2021",
# "2021-11-12T10:00:00Z". "Updated ..." lines date an edit, not the publication.
_DATE_LINE = re.compile(
    r"\A(?:(?P<label>(?:first\s+)?published|posted|(?:last\s+)?updated|modified|date)"
    r"(?:\s+(?:on|at))?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{_FULL_DATE}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    r"(?:(?:\s*[,|\u2013\u2014-]\s*|T|\s+(?:at\s+)?)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2})?\)?"
    r"|[A-Z]{2,4}T)?)?\s*\Z",
    re.IGNORECASE,
)
# A line that is only a place in capitals ("ANKARA"), as some agencies set their dateline.
_DATELINE_LINE = re.compile(r"\A[A-Z][A-Z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+){0,2}\s*[-\u2013\u2014]?\Z")
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
_SOURCE = re.compile(r"\A\s*Source\s*:\s*(?P<name>[^,;\n]+?)(?:\s+and\s+[^\n]*)?\s*\Z", re.I)
_COPYRIGHT_NAME = re.compile(
    r"(?:\u00a9|\(c\)|Copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&.'\u2019 -]{1,60}?)"
    r"(?:[.,]|\s+All\s+rights|\s*\Z)",
    re.I,
)
# Section labels glued to a publisher's name in boilerplate ("X Brief News is a daily ...").
_SECTION_SUFFIX = re.compile(r"\s+(?:Brief|Breaking|Latest|World|Top)\s+News\Z")
_BOILERPLATE = re.compile(
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


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: str  # "body" | "headline" | "caption" | "boilerplate"


# Where an article states its publication date (`ParsedArticle.published_by`).
MARKER = "the article's date marker"
DATE_LINE = "the article's date line"
DATELINE = "the article's dateline"


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    raw: RawArticle
    published: date | None
    title: str | None
    publisher: str | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    # What in the text stated `published` (MARKER, DATE_LINE or DATELINE); None when it was
    # given with the article (or is unknown).
    published_by: str | None = None
    # The day an "Updated ..." line gives: the article was published on or before it.
    updated: date | None = None
    # The (month, day) of a wire dateline ("TRIPOLI, Aug 28 (Reuters) -"): the publication day.
    dateline_day: tuple[int, int] | None = None

    @property
    def from_marker(self) -> bool:
        return self.published_by == MARKER

    @property
    def from_date_line(self) -> bool:
        return self.published_by == DATE_LINE

    @property
    def from_dateline(self) -> bool:
        return self.published_by == DATELINE


def decode_article(file_name: str, data: bytes) -> RawArticle:
    """Bytes to a RawArticle, or ArticleError saying exactly what is wrong."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"file is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes")
    if not data.strip():
        raise ArticleError("file is empty")
    if b"\x00" in data[:8192]:
        raise ArticleError("file is binary (it contains NUL bytes), not plain text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc
    text = text.removeprefix("\ufeff")
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(sample) * 0.05:
        raise ArticleError("file looks binary: too many control characters for plain text")
    if not any(c.isalpha() for c in sample):
        raise ArticleError("file holds no letters: not an article")
    read_marker(text)  # refuse a malformed marker now, with the file's name attached
    return RawArticle(file_name=file_name, text=text)


def read_marker(text: str) -> date | None:
    """The date of a leading ` date YYYY-MM-DD ` marker; ArticleError if it is malformed."""
    match = _MARKER.match(text)
    if match is None:
        return None
    value = match.group(1)
    if not _ISO.match(value):
        raise ArticleError(f"malformed date marker {value!r}: expected YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ArticleError(f"malformed date marker {value!r}: {exc}") from exc


def parse_article(raw: RawArticle) -> ParsedArticle:
    text = raw.text
    marker = _MARKER.match(text)
    published = raw.published
    published_by: str | None = None
    body_start = 0
    if marker is not None:
        body_start = marker.end()
        stated = read_marker(text)
        # The article's own marker wins over metadata given with it.
        if stated is not None:
            published, published_by = stated, MARKER
    paragraphs = _paragraphs(text, body_start)
    paragraphs, stated_day, updated = _strip_date_lines(paragraphs)
    if published is None and stated_day is not None:
        published, published_by = stated_day, DATE_LINE
    paragraphs, dateline = _strip_dateline(paragraphs)
    dateline_day: tuple[int, int] | None = None
    agency: str | None = None
    if dateline is not None:
        parts = dateline.groupdict()
        month_name = parts.get("month") or parts.get("month2")
        day = parts.get("day") or parts.get("day2")
        if month_name and day:
            dateline_day = (_MONTHS[month_name[:3].lower()], int(day))
        dateline_date = _stated_date(dateline)
        if published is None and dateline_date is not None:
            published, published_by = dateline_date, DATELINE
        if parts.get("agency") or parts.get("agency2"):
            name = (parts.get("agency") or parts["agency2"]).strip()
            agency = _AGENCIES.get(name.lower(), name)
    publisher = raw.publisher
    title = raw.title
    sentences: list[Sentence] = []
    named: list[str] = []  # publisher names the text states, most telling first
    for para in paragraphs:
        if para.kind == "headline" and title is None:
            title = para.text.strip()
        if para.kind == "boilerplate":
            named.extend(_publisher_names(para.text))
        if para.kind != "body":
            continue
        sentences.extend(_sentences(para))
    if publisher is None and named:
        publisher = named[0]
    # Boilerplate glued to the end of a cut-off sentence ("...the withdrawal of. X is a daily
    # newspaper published in ...") lives inside a body paragraph: cut it off there.
    cleaned: list[Sentence] = []
    for s in sentences:
        found = _BOILERPLATE.search(s.text) if _maybe_boilerplate(s.text) else None
        if found and found.start() < 3:
            if publisher is None:
                publisher = _SECTION_SUFFIX.sub("", found.group("name").strip())
            continue
        cleaned.append(s)
    if publisher is None:
        publisher = agency
    if title is None and cleaned:
        first = cleaned[0].text
        title = first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "..."
    return ParsedArticle(
        raw=raw,
        published=published,
        title=title,
        publisher=publisher,
        paragraphs=tuple(paragraphs),
        sentences=tuple(cleaned),
        published_by=published_by,
        updated=updated,
        dateline_day=dateline_day,
    )


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def _publisher_names(text: str) -> list[str]:
    """Publisher names a boilerplate line states: self-description, copyright, source line."""
    names: list[str] = []
    found = _BOILERPLATE.search(text)
    if found:
        names.append(_SECTION_SUFFIX.sub("", found.group("name").strip()))
    copyright_ = _COPYRIGHT_NAME.search(text)
    if copyright_:
        names.append(copyright_.group("name").strip())
    source = _SOURCE.match(text)
    if source:
        names.append(source.group("name").strip())
    return names


def _strip_date_lines(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], date | None, date | None]:
    """Set apart the lines near the top that only date the page: the first publication day
    they state, and the earliest "Updated ..." day."""
    out = list(paragraphs)
    stated: date | None = None
    updated: date | None = None
    for i, para in enumerate(out[:6]):
        found = _DATE_LINE.match(para.text) if len(para.text) <= 80 else None
        if found is None:
            continue
        out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
        day = _stated_date(found)
        if day is None:
            continue
        if (found.group("label") or "").lower().endswith(("updated", "modified")):
            updated = day if updated is None else min(updated, day)
        elif stated is None:
            stated = day
    return out, stated, updated


def _stated_date(found: re.Match[str]) -> date | None:
    """The full date a date line or a dateline states; None without a year, or for a day that
    does not exist ("31 February 2021" is not a date, so not the publication)."""
    parts = found.groupdict()
    month = parts.get("month") or parts.get("month2")
    day = parts.get("day") or parts.get("day2")
    try:
        if parts.get("iso"):
            return date.fromisoformat(parts["iso"])
        if not (month and day and parts.get("year")):
            return None
        return date(int(parts["year"]), _MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def _strip_dateline(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], re.Match[str] | None]:
    """Cut the wire dateline off the first body paragraph (or drop a dateline-only line)."""
    out = list(paragraphs)
    for i, para in enumerate(out[:4]):
        if para.kind in {"caption", "boilerplate", "dateline"} or (
            para.kind == "headline" and i == 0
        ):
            continue
        if _DATELINE_LINE.match(para.text) and len(para.text.split()) <= 3:
            out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
            continue
        found = _DATELINE.match(para.text)
        if found is None or not (
            found.group("place") or found.group("agency") or found.group("agency2")
        ):
            found = _DATED_PLACE.match(para.text)
        if found is None:
            return out, None
        if found.end() == len(para.text):
            out[i] = Paragraph(para.index, para.start, para.end, para.text, "dateline")
            return out, found
        cut = found.end()
        out[i] = Paragraph(para.index, para.start + cut, para.end, para.text[cut:], "body")
        return out, found
    return out, None


def _paragraphs(text: str, body_start: int) -> list[Paragraph]:
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


def _maybe_boilerplate(text: str) -> bool:
    """A cheap test that rules most reporting paragraphs out before the costly patterns."""
    return _BOILERPLATE_WORDS.search(text) is not None


def _kind(text: str, index: int) -> str:
    if (
        _CAPTION_START.match(text)
        or (_MAYBE_CAPTION.search(text) is not None and _CAPTION.search(text) is not None)
        or (index <= 2 and _DATED_CAPTION.search(text))
        or _CREDITED_CAPTION.search(text) is not None
    ):
        return "caption"
    if _maybe_boilerplate(text) and (
        _BOILERPLATE.match(text) or _COPYRIGHT.search(text) or _CREDIT.search(text)
    ):
        return "boilerplate"
    if len(text) <= 80 and _BYLINE.match(text):
        return "boilerplate"
    words = text.split()
    if index == 0 and len(words) <= 20 and not text.rstrip().endswith((".", '"', "\u201d")):
        return "headline"
    # A lone short first line is a headline even when it ends with a full stop.
    # ... but not an attributed lead ("..., the minister said Sunday.").
    if index == 0 and len(words) <= 14 and text.count(". ") == 0 and not _SAID.search(text):
        return "headline"
    return "body"


def _sentences(para: Paragraph) -> list[Sentence]:
    pieces: list[Sentence] = []
    cursor = 0
    text = para.text
    for m in _SENTENCE_END.finditer(text):
        candidate = text[cursor : m.start()]
        if _ABBREVIATIONS.search(candidate.rstrip("\"'\u201d\u2019")):
            continue
        pieces.append(_sentence(para, cursor, m.start()))
        cursor = m.end()
    if cursor < len(text):
        pieces.append(_sentence(para, cursor, len(text)))
    return [p for p in pieces if p.text]


def _sentence(para: Paragraph, start: int, end: int) -> Sentence:
    raw = para.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Sentence(
        para.start + start + lead, para.start + start + lead + len(body), body, para.index
    )
