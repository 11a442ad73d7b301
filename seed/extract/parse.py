"""Reading an article: bytes to text (with precise refusals), then its structure.

Structure: the optional ` date YYYY-MM-DD ` marker, a headline, paragraphs split into sentences
with their offsets in the original text, and the parts that are not reporting: photo captions
and publisher boilerplate.
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
    r"\((?:AP|AFP|Reuters|Getty|EPA|Anadolu|File)[^)]*Photo[^)]*\)|"
    r"\((?:AP|AFP|Reuters|EPA|Getty Images|Anadolu Agency)\)\s*\Z|"
    r"\bPhoto(?:graph)?:\s|\bFile photo\b|\(Photo:|\bphoto credit\b",
    re.IGNORECASE,
)
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


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    raw: RawArticle
    published: date | None
    title: str | None
    publisher: str | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    from_marker: bool = False


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
    body_start = 0
    from_marker = False
    if marker is not None:
        body_start = marker.end()
        stated = read_marker(text)
        # The article's own marker wins over metadata given with it.
        if stated is not None:
            published, from_marker = stated, True
    paragraphs = _paragraphs(text, body_start)
    publisher = raw.publisher
    title = raw.title
    sentences: list[Sentence] = []
    for para in paragraphs:
        if para.kind == "headline" and title is None:
            title = para.text.strip()
        if para.kind == "boilerplate" and publisher is None:
            found = _BOILERPLATE.search(para.text)
            if found:
                publisher = found.group("name").strip()
        if para.kind != "body":
            continue
        sentences.extend(_sentences(para))
    # Boilerplate glued to the end of a cut-off sentence ("...the withdrawal of. X is a daily
    # newspaper published in ...") lives inside a body paragraph: cut it off there.
    cleaned: list[Sentence] = []
    for s in sentences:
        found = _BOILERPLATE.search(s.text)
        if found and found.start() < 3:
            if publisher is None:
                publisher = found.group("name").strip()
            continue
        cleaned.append(s)
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
        from_marker=from_marker,
    )


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


def _kind(text: str, index: int) -> str:
    if _CAPTION.search(text):
        return "caption"
    if _BOILERPLATE.match(text) or _COPYRIGHT.search(text):
        return "boilerplate"
    words = text.split()
    if index == 0 and len(words) <= 20 and not text.rstrip().endswith((".", '"', "\u201d")):
        return "headline"
    # A lone short first line is a headline even when it ends with a full stop.
    if index == 0 and len(words) <= 14 and text.count(". ") == 0:
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
