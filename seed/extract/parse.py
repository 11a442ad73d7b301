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

from seed.extract.calendar_math import MONTHS
from seed.extract.datelines import stated_date, strip_date_lines, strip_dateline
from seed.extract.errors import ArticleError
from seed.extract.layout import (
    BOILERPLATE,
    SECTION_SUFFIX,
    Paragraph,
    Sentence,
    maybe_boilerplate,
    publisher_names,
    split_paragraphs,
    split_sentences,
)
from seed.extract.lexicon import AGENCIES
from seed.extract.pickled import by_fields
from seed.extract.types import RawArticle

# Re-exported: the layout's dataclasses are part of what a parsed article is.
__all__ = [
    "DATELINE",
    "DATE_LINE",
    "MARKER",
    "MAX_ARTICLE_BYTES",
    "Paragraph",
    "ParsedArticle",
    "Sentence",
    "decode_article",
    "parse_article",
    "read_marker",
    "strip_marker",
]  # fmt: skip

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

_MARKER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# Where an article states its publication date (`ParsedArticle.published_by`).
MARKER = "the article's date marker"
DATE_LINE = "the article's date line"
DATELINE = "the article's dateline"


@by_fields
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


def strip_marker(text: str) -> str:
    """The text without its leading date marker (what an undated copy of it would hold)."""
    match = _MARKER.match(text)
    return text if match is None else text[match.end() :]


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
    paragraphs = split_paragraphs(text, body_start)
    paragraphs, stated_day, updated = strip_date_lines(paragraphs)
    if published is None and stated_day is not None:
        published, published_by = stated_day, DATE_LINE
    paragraphs, dateline = strip_dateline(paragraphs)
    dateline_day: tuple[int, int] | None = None
    agency: str | None = None
    if dateline is not None:
        parts = dateline.groupdict()
        month_name = parts.get("month") or parts.get("month2")
        day = parts.get("day") or parts.get("day2")
        if month_name and day:
            dateline_day = (MONTHS[month_name[:3].lower()], int(day))
        dateline_date = stated_date(dateline)
        if published is None and dateline_date is not None:
            published, published_by = dateline_date, DATELINE
        if parts.get("agency") or parts.get("agency2"):
            name = (parts.get("agency") or parts["agency2"]).strip()
            agency = AGENCIES.get(name.lower(), name)
    publisher = raw.publisher
    title = raw.title
    sentences: list[Sentence] = []
    named: list[str] = []  # publisher names the text states, most telling first
    for para in paragraphs:
        if para.kind == "headline" and title is None:
            title = para.text.strip()
        if para.kind == "boilerplate":
            named.extend(publisher_names(para.text))
        if para.kind != "body":
            continue
        sentences.extend(split_sentences(para))
    if publisher is None and named:
        publisher = named[0]
    # Boilerplate glued to the end of a cut-off sentence ("...the withdrawal of. X is a daily
    # newspaper published in ...") lives inside a body paragraph: cut it off there.
    cleaned: list[Sentence] = []
    for s in sentences:
        found = BOILERPLATE.search(s.text) if maybe_boilerplate(s.text) else None
        if found and found.start() < 3:
            if publisher is None:
                publisher = SECTION_SUFFIX.sub("", found.group("name").strip())
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
